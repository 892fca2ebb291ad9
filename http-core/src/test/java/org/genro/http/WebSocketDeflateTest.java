package org.genro.http;

import static org.genro.http.WsFrames.close;
import static org.genro.http.WsFrames.closePayload;
import static org.genro.http.WsFrames.concat;
import static org.genro.http.WsFrames.deflate;
import static org.genro.http.WsFrames.frame;
import static org.genro.http.WsFrames.hex;
import static org.genro.http.WsFrames.server;
import static org.genro.http.WsFrames.serverClose;
import static org.genro.http.WsFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.genro.http.wire.FrameViolation;
import org.genro.http.wire.PermessageDeflate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * permessage-deflate (RFC 7692): which offer is taken and what is answered, then
 * compressed frames through the real frame loop, replayed whole, split and byte by byte.
 */
class WebSocketDeflateTest {
    private static final String BOTH = "permessage-deflate; server_no_context_takeover; client_no_context_takeover";
    private static final Limits LIMITS = Limits.defaults().withWsMessage(100_000);
    private static final String JSON = "{\"id\":42,\"name\":\"widget\",\"tags\":[\"a\",\"b\",\"c\"],\"price\":12.5,"
            + "\"description\":\"" + "a useful widget, ".repeat(40) + "\"}";

    static Stream<Arguments> offers() {
        return Stream.of(
                Arguments.of(List.of("permessage-deflate"), BOTH, 15),
                Arguments.of(List.of("Permessage-Deflate"), BOTH, 15),
                Arguments.of(List.of("permessage-deflate; client_max_window_bits"), BOTH, 15),
                Arguments.of(List.of("permessage-deflate; client_max_window_bits=10"), BOTH, 15),
                Arguments.of(List.of("permessage-deflate; server_no_context_takeover; client_no_context_takeover"), BOTH, 15),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=10"), BOTH + "; server_max_window_bits=10", 10),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=\"8\""), BOTH + "; server_max_window_bits=8", 8),
                Arguments.of(List.of("permessage-deflate;server_max_window_bits=15;client_max_window_bits"),
                        BOTH + "; server_max_window_bits=15", 15),
                // declined offers: the next acceptable one wins, or none at all
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=7"), null, 0),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=16"), null, 0),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=010"), null, 0),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits"), null, 0),
                Arguments.of(List.of("permessage-deflate; client_max_window_bits=7"), null, 0),
                Arguments.of(List.of("permessage-deflate; server_no_context_takeover=1"), null, 0),
                Arguments.of(List.of("permessage-deflate; server_no_context_takeover; server_no_context_takeover"), null, 0),
                Arguments.of(List.of("permessage-deflate; client_max_window_bits; client_max_window_bits=9"), null, 0),
                Arguments.of(List.of("permessage-deflate; mystery"), null, 0),
                Arguments.of(List.of("permessage-deflate;;"), null, 0),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=\"1,0\""), null, 0),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=\"10"), null, 0),
                Arguments.of(List.of("x-webkit-deflate-frame"), null, 0),
                Arguments.of(List.of(""), null, 0),
                Arguments.of(List.of("permessage-deflate; mystery, permessage-deflate; server_max_window_bits=9"),
                        BOTH + "; server_max_window_bits=9", 9),
                Arguments.of(List.of("permessage-deflate; x=\"a,b;c\", permessage-deflate"), BOTH, 15),
                Arguments.of(List.of("x-webkit-deflate-frame, , permessage-deflate; client_max_window_bits"), BOTH, 15),
                Arguments.of(List.of("foo", "permessage-deflate; server_max_window_bits=12"), BOTH + "; server_max_window_bits=12", 12),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=8, permessage-deflate"),
                        BOTH + "; server_max_window_bits=8", 8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("offers")
    void eachOfferListGetsItsAnswer(List<String> header, String answer, int bits) {
        PermessageDeflate.Agreement a = PermessageDeflate.negotiate(header);
        if (answer == null) {
            assertNull(a);
        } else {
            assertEquals(answer, a.answer());
            assertEquals(bits, a.serverWindowBits());
        }
    }

    private static void replay(byte[] input, Limits limits, WebSocketFramingTest.Check check) throws IOException {
        WebSocketFramingTest.replay(input, limits, WsReplay.DEFLATE, check);
    }

    private static void expect(byte[] input, byte[] output, String... events) throws IOException {
        replay(input, LIMITS, (mode, r) -> {
            assertEquals(List.of(events), r.events(), mode);
            assertArrayEquals(output, r.output(), mode);
        });
    }

    private static void expectFailure(byte[] input, Limits limits, FrameViolation v) throws IOException {
        replay(input, limits, (mode, r) -> {
            assertEquals(List.of("open", "close:" + v.closeCode() + ":" + v.reason()), r.events(), mode);
            assertArrayEquals(server(0x88, closePayload(v.closeCode(), v.reason())), r.output(), mode);
            assertTrue(r.closed(), mode);
        });
    }

    @Test
    void aCompressedTextIsInflatedAndAShortEchoGoesUncompressed() throws IOException {
        expect(concat(frame(0xC1, deflate(utf8("Hello"))), close(1000, "")),
                concat(server(0x81, "Hello"), serverClose(1000)), "open", "text:Hello", "close:1000:");
    }

    @Test
    void aCompressedMessageInThreeFragmentsWithAPingBetween() throws IOException {
        byte[] c = deflate(utf8(JSON));
        int third = c.length / 3;
        byte[] input = concat(frame(0x41, Arrays.copyOfRange(c, 0, third)), WsFrames.ping("p"),
                frame(0x00, Arrays.copyOfRange(c, third, 2 * third)), frame(0x80, Arrays.copyOfRange(c, 2 * third, c.length)),
                close(1000, ""));
        replay(input, LIMITS, (mode, r) -> {
            assertEquals(List.of("open", WsReplay.Recorder.describe(JSON), "close:1000:"), r.events(), mode);
            List<WsFrames.Frame> frames = r.frames();
            assertEquals(3, frames.size(), mode);
            assertEquals(0x8A, frames.get(0).b0(), mode);
            assertEquals(0xC1, frames.get(1).b0(), mode + ": the echo is compressed (RSV1)");
            assertEquals(JSON, new String(WsFrames.inflate(frames.get(1).payload()), java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(frames.get(1).payload().length < JSON.length() / 4, "and smaller");
        });
    }

    @Test
    void uncompressedMessagesStillPassOnADeflateConnection() throws IOException {
        expect(concat(WsFrames.text("plain"), frame(0xC2, deflate(hex("0102"))), close(1000, "")),
                concat(server(0x81, "plain"), server(0x82, hex("0102")), serverClose(1000)),
                "open", "text:plain", "binary:0102", "close:1000:");
    }

    @Test
    void anEmptyCompressedMessage() throws IOException {
        expect(concat(frame(0xC1, deflate(new byte[0])), close(1000, "")), concat(server(0x81, ""), serverClose(1000)),
                "open", "text:", "close:1000:");
    }

    @Test
    void aMessageEndingWithAFinalBlockInsteadOfASyncFlush() throws IOException {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(utf8("finished"));
        d.finish();
        byte[] out = new byte[64];
        byte[] c = Arrays.copyOf(out, d.deflate(out));
        expect(concat(frame(0xC1, c), close(1000, "")), concat(server(0x81, "finished"), serverClose(1000)),
                "open", "text:finished", "close:1000:");
    }

    @Test
    void closesWith1002OnRsv1OnAContinuation() throws IOException {
        byte[] c = deflate(utf8("hello there"));
        expectFailure(concat(frame(0x41, Arrays.copyOf(c, 3)), frame(0xC0, Arrays.copyOfRange(c, 3, c.length))), LIMITS,
                FrameViolation.COMPRESSED_CONTINUATION);
    }

    @Test
    void closesWith1002OnRsv1OnAControlFrame() throws IOException {
        expectFailure(frame(0xC9, "p"), LIMITS, FrameViolation.COMPRESSED_CONTROL);
    }

    @Test
    void closesWith1007OnDataThatDoesNotInflate() throws IOException {
        expectFailure(frame(0xC1, hex("ffffffffffff")), LIMITS, FrameViolation.COMPRESSED_DATA_INVALID);
    }

    @Test
    void closesWith1007OnDataAfterTheFinalBlock() throws IOException {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(utf8("done"));
        d.finish();
        byte[] out = new byte[64];
        int n = d.deflate(out);
        expectFailure(frame(0xC1, concat(Arrays.copyOf(out, n), hex("0000"))), LIMITS, FrameViolation.COMPRESSED_DATA_INVALID);
    }

    @Test
    void closesWith1007OnCompressedTextThatIsNotUtf8() throws IOException {
        expectFailure(frame(0xC1, deflate(hex("cebaeda080"))), LIMITS, FrameViolation.TEXT_NOT_UTF8);
    }

    /** The agreement forbids context takeover: a message referring to the previous one cannot inflate alone. */
    @Test
    void eachMessageInflatesOnItsOwnAndAClientCarryingContextFails() throws IOException {
        byte[] m = utf8("the same words, the same words, again and again");
        expect(concat(frame(0xC1, deflate(m)), frame(0xC1, deflate(m)), close(1000, "")),
                concat(server(0x81, m), server(0x81, m), serverClose(1000)),
                "open", "text:" + new String(m), "text:" + new String(m), "close:1000:");
        Deflater shared = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] first = deflate(shared, m);
        byte[] second = deflate(shared, m); // refers back into the first message
        replay(concat(frame(0xC1, first), frame(0xC1, second)), LIMITS, (mode, r) -> {
            FrameViolation v = FrameViolation.COMPRESSED_DATA_INVALID;
            assertEquals(List.of("open", "text:" + new String(m), "close:" + v.closeCode() + ":" + v.reason()), r.events(), mode);
        });
    }

    @Test
    void closesWith1009OnADeflateBombWithoutInflatingIt() throws IOException {
        byte[] bomb = deflate(new byte[10 << 20]);
        Limits limits = LIMITS.withWsMessage(1 << 20);
        FrameViolation v = FrameViolation.MESSAGE_TOO_BIG;
        for (int[] cuts : List.of(new int[0], Replay.everyByte(bomb.length + 14))) {
            WsReplay.Result r = WsReplay.run(frame(0xC2, bomb), cuts, limits, WsReplay.DEFLATE);
            assertEquals(List.of("open", "close:1009:" + v.reason()), r.events());
        }
    }

    @Test
    void theInflatedSizeIsWhatTheLimitJudges() throws IOException {
        Limits limits = LIMITS.withWsMessage(1000);
        byte[] atLimit = new byte[1000];
        WsReplay.Result r = WsReplay.run(concat(frame(0xC2, deflate(atLimit)), close(1000, "")), new int[0], limits, WsReplay.DEFLATE);
        assertEquals(List.of("open", WsReplay.Recorder.describe(atLimit), "close:1000:"), r.events());
        expectFailure(frame(0xC2, deflate(new byte[1001])), limits, FrameViolation.MESSAGE_TOO_BIG);
    }

    /**
     * The JDK's deflater keeps a 32 KiB window; a client asking for a 256-byte window
     * gets output without back-references once a message is longer than that.
     */
    @Test
    void aSmallServerWindowIsHonouredByTheOutput() throws IOException {
        PermessageDeflate.Agreement small = PermessageDeflate.negotiate(List.of("permessage-deflate; server_max_window_bits=8"));
        String longText = "a".repeat(5000);
        String shortText = "b".repeat(256);
        byte[] input = concat(WsFrames.text(longText), WsFrames.text(shortText), close(1000, ""));
        for (PermessageDeflate.Agreement a : List.of(small, WsReplay.DEFLATE)) {
            List<WsFrames.Frame> frames = WsReplay.run(input, new int[0], LIMITS, a).frames();
            WsFrames.Frame big = frames.get(0);
            assertTrue(big.rsv1());
            assertEquals(longText, new String(WsFrames.inflate(big.payload())));
            if (a == small) {
                assertTrue(big.payload().length >= 5000 / 8, "no back-references: at least a bit per byte, was " + big.payload().length);
            } else {
                assertTrue(big.payload().length < 100, "full window: " + big.payload().length);
            }
            assertTrue(frames.get(1).rsv1() && frames.get(1).payload().length < 40, "a message within the window compresses freely");
        }
    }

    @Test
    void aMessageThatWouldNotShrinkGoesUncompressed() throws IOException {
        byte[] noise = new byte[1000];
        new java.util.Random(7).nextBytes(noise);
        List<WsFrames.Frame> frames = WsReplay.run(concat(WsFrames.frame(0x82, noise), close(1000, "")), new int[0], LIMITS,
                WsReplay.DEFLATE).frames();
        assertFalse(frames.get(0).rsv1());
        assertArrayEquals(noise, frames.get(0).payload());
    }
}
