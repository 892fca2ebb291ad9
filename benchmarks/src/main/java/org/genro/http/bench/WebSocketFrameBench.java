package org.genro.http.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.genro.http.wire.FrameException;
import org.genro.http.wire.FrameParser;
import org.genro.http.wire.MessageBuffer;
import org.genro.http.wire.PermessageDeflate;
import org.genro.http.wire.Utf8Validator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The WebSocket frame path without sockets, as the frame loop runs it once bytes are
 * read: the head parsed, the payload copied out of the read buffer, unmasked, checked
 * (UTF-8 for text) and turned into the message the listener gets. Run with
 * {@code -prof gc}: a frame should cost its message and nothing more.
 *
 * <ul>
 *   <li>{@code text125}: a masked 125-byte text frame (mixed ASCII and Greek) to a String;
 *       {@code text125Ascii} the same with ASCII only, which the JDK stores more compactly.
 *   <li>{@code binary64k}: a masked 64 KiB binary frame to a byte[].
 *   <li>{@code utf8Ascii}, {@code utf8Mixed}: the incremental UTF-8 check per MiB, against
 *       the JDK decoding the same MiB into a String ({@code jdkDecode*}), which also
 *       checks, but replaces bad sequences instead of failing and cannot go piece by piece.
 *   <li>{@code deflateRoundTrip}: a 1 KiB JSON message compressed as the server sends it,
 *       then inflated as the server reads it, with a deflater and inflater reset between
 *       messages as the pools do.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WebSocketFrameBench {
    private static final int MIB = 1 << 20;
    private static final int KEY = 0x37fa213d;
    static final String JSON = "{\"id\":1042,\"type\":\"order.updated\",\"at\":\"2026-12-05T13:36:17Z\",\"customer\":"
            + "{\"id\":77,\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"},\"items\":["
            + "{\"sku\":\"W-100\",\"name\":\"widget\",\"qty\":2,\"price\":12.5},"
            + "{\"sku\":\"G-220\",\"name\":\"gadget\",\"qty\":1,\"price\":99.0},"
            + "{\"sku\":\"S-003\",\"name\":\"sprocket\",\"qty\":12,\"price\":0.75},"
            + "{\"sku\":\"B-870\",\"name\":\"bracket\",\"qty\":4,\"price\":3.2}],"
            + "\"shipping\":{\"method\":\"express\",\"address\":{\"street\":\"12 Analytical Row\",\"city\":\"London\","
            + "\"zip\":\"NW1 2AB\",\"country\":\"GB\"}},\"notes\":\"leave at the door, ring twice; the dog is friendly\","
            + "\"status\":\"paid\",\"history\":[{\"at\":\"2026-12-05T13:30:00Z\",\"status\":\"created\"},"
            + "{\"at\":\"2026-12-05T13:31:10Z\",\"status\":\"paid\"},{\"at\":\"2026-12-05T13:36:17Z\",\"status\":\"packed\"}],"
            + "\"total\":158.4,\"currency\":\"GBP\",\"tags\":[\"priority\",\"gift\",\"repeat-customer\"]}";

    private byte[] text125;
    private byte[] text125Ascii;
    private byte[] binary64k;
    private byte[] ascii;
    private byte[] mixed;
    private byte[] json;
    private byte[] compressed;
    private final FrameParser parser = new FrameParser(true, MIB);
    private final MessageBuffer message = new MessageBuffer(MIB, 16 * 1024);
    private final Utf8Validator utf8 = new Utf8Validator();
    private Deflater deflater;
    private Inflater inflater;

    @Setup
    public void setUp() {
        byte[] t = "Hello, κόσμε! ".repeat(10).getBytes(StandardCharsets.UTF_8);
        int cut = 125;
        while ((t[cut] & 0xc0) == 0x80) {
            cut--; // end on a whole character, then pad with ASCII
        }
        byte[] payload = java.util.Arrays.copyOf(t, 125);
        java.util.Arrays.fill(payload, cut, 125, (byte) '.');
        text125 = masked(0x81, payload);
        text125Ascii = masked(0x81, "{\"op\":\"update\",\"id\":1042,\"status\":\"packed\",\"at\":\"2026-12-05T13:36:17Z\"}"
                .repeat(2).substring(0, 125).getBytes(StandardCharsets.US_ASCII));
        byte[] bin = new byte[64 * 1024];
        new java.util.Random(1).nextBytes(bin);
        binary64k = masked(0x82, bin);
        ascii = "The quick brown fox jumps over the lazy dog. 0123456789\n".repeat(MIB / 56 + 1)
                .substring(0, MIB).getBytes(StandardCharsets.US_ASCII);
        mixed = java.util.Arrays.copyOf(("JSON {\"name\":\"Zoë\",\"city\":\"Zürich\"} κόσμε 日本語のテキスト 😀 "
                .repeat(MIB / 40)).getBytes(StandardCharsets.UTF_8), MIB);
        while ((mixed[mixed.length - 1] & 0xc0) == 0x80 || mixed[mixed.length - 1] < 0) {
            mixed = java.util.Arrays.copyOf(mixed, mixed.length - 1); // end between characters
        }
        json = java.util.Arrays.copyOf(JSON.getBytes(StandardCharsets.UTF_8), 1024);
        java.util.Arrays.fill(json, JSON.length(), 1024, (byte) ' ');
        deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        inflater = new Inflater(true);
        compressed = new byte[PermessageDeflate.bound(json.length)];
    }

    @TearDown
    public void tearDown() {
        deflater.end();
        inflater.end();
    }

    /** A client frame: FIN, the opcode, the payload masked with KEY. */
    private static byte[] masked(int b0, byte[] payload) {
        int n = payload.length;
        int ext = n <= 125 ? 0 : n <= 0xffff ? 2 : 8;
        byte[] f = new byte[2 + ext + 4 + n];
        f[0] = (byte) b0;
        f[1] = (byte) (0x80 | (ext == 0 ? n : ext == 2 ? 126 : 127));
        for (int i = 0; i < ext; i++) {
            f[2 + i] = (byte) ((long) n >>> (8 * (ext - 1 - i)));
        }
        int h = 2 + ext;
        for (int i = 0; i < 4; i++) {
            f[h + i] = (byte) (KEY >>> (24 - 8 * i));
        }
        System.arraycopy(payload, 0, f, h + 4, n);
        FrameParser.unmask(f, h + 4, n, KEY, 0); // masking and unmasking are the same XOR
        return f;
    }

    /** Head, copy out of the read buffer, unmask, check, message: what the frame loop does per frame. */
    private void decode(byte[] frame) throws FrameException {
        int h = parser.head(frame, 0, frame.length);
        message.start(parser.messageType() == FrameParser.TEXT, null, parser.length(), parser.fin());
        message.frame(parser.maskKey());
        int off = h;
        long remaining = parser.length();
        while (remaining > 0) {
            int room = message.room(remaining);
            System.arraycopy(frame, off, message.array(), message.size(), room);
            message.appendMasked(room);
            off += room;
            remaining -= room;
        }
        message.finish();
    }

    @Benchmark
    public String text125() throws FrameException {
        decode(text125);
        String s = message.text();
        message.end();
        return s;
    }

    @Benchmark
    public String text125Ascii() throws FrameException {
        decode(text125Ascii);
        String s = message.text();
        message.end();
        return s;
    }

    @Benchmark
    public byte[] binary64k() throws FrameException {
        decode(binary64k);
        byte[] b = message.binary();
        message.end();
        return b;
    }

    @Benchmark
    public boolean utf8Ascii() {
        utf8.reset();
        return utf8.feed(ascii, 0, ascii.length) && utf8.complete();
    }

    @Benchmark
    public boolean utf8Mixed() {
        utf8.reset();
        return utf8.feed(mixed, 0, mixed.length) && utf8.complete();
    }

    @Benchmark
    public String jdkDecodeAscii() {
        return new String(ascii, StandardCharsets.UTF_8);
    }

    @Benchmark
    public String jdkDecodeMixed() {
        return new String(mixed, StandardCharsets.UTF_8);
    }

    /** Compress as sent, then inflate as received (mask and frame head left out: measured above). */
    @Benchmark
    public String deflateRoundTrip() throws FrameException {
        int n = PermessageDeflate.compress(deflater, json, 0, json.length, compressed);
        deflater.reset();
        message.start(true, inflater, n, true);
        message.frame(0);
        message.inflateMasked(compressed, 0, n); // a zero key leaves the bytes as they are
        message.finish();
        String s = message.text();
        message.end().reset();
        return s;
    }
}
