package org.genro.http;

import static org.genro.http.WsFrames.close;
import static org.genro.http.WsFrames.closePayload;
import static org.genro.http.WsFrames.concat;
import static org.genro.http.WsFrames.frame;
import static org.genro.http.WsFrames.hex;
import static org.genro.http.WsFrames.ping;
import static org.genro.http.WsFrames.server;
import static org.genro.http.WsFrames.serverClose;
import static org.genro.http.WsFrames.text;
import static org.genro.http.WsFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.genro.http.wire.FrameViolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raw frame fixtures in the categories of the Autobahn test suite: each client byte
 * sequence, replayed whole, split at every offset and one byte at a time through the
 * real frame loop, must give exactly the listener calls and exactly the server bytes of
 * the table (the listener echoes messages). A broken sequence must end with the server's
 * close frame naming the rule, the socket half-closed, then closed.
 */
class WebSocketFramingTest {
    private static final Limits LIMITS = Limits.defaults().withWsMessage(100_000);
    private static final int TEXT = 0x81;
    private static final int BINARY = 0x82;

    /** A valid sequence: the events after "open" and the exact bytes the server wrote. */
    private record Valid(String name, byte[] input, List<String> events, byte[] output) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A broken sequence: what happened before, then the close naming {@code violation}. */
    private record Broken(String name, byte[] input, FrameViolation violation, List<String> before, byte[] outputBefore) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Arguments ok(String name, byte[] input, byte[] output, String... events) {
        return Arguments.of(new Valid(name, input, List.of(events), output));
    }

    private static Arguments broken(String name, byte[] input, FrameViolation v) {
        return Arguments.of(new Broken(name, input, v, List.of(), new byte[0]));
    }

    private static Arguments broken(String name, byte[] input, FrameViolation v, byte[] outputBefore, String... before) {
        return Arguments.of(new Broken(name, input, v, List.of(before), outputBefore));
    }

    /** A text message and its echo, followed by a normal close and its echo. */
    private static Arguments echoText(String name, byte[] clientFrames, String message) {
        return ok(name, concat(clientFrames, close(1000, "")), concat(server(TEXT, message), serverClose(1000)),
                WsReplay.Recorder.describe(message), "close:1000:");
    }

    private static Arguments echoBinary(String name, byte[] clientFrames, byte[] message) {
        return ok(name, concat(clientFrames, close(1000, "")), concat(server(BINARY, message), serverClose(1000)),
                WsReplay.Recorder.describe(message), "close:1000:");
    }

    static Stream<Arguments> valid() {
        List<Arguments> cases = new ArrayList<>();
        // framing: every length form, masks
        for (int n : new int[] {0, 1, 125, 126, 127, 65_535, 65_536}) {
            String s = "*".repeat(n);
            cases.add(echoText("text of " + n + " bytes", text(s), s));
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (i * 31);
            }
            cases.add(echoBinary("binary of " + n + " bytes", frame(BINARY, b), b));
        }
        cases.add(echoText("length 5 in the 16-bit form", frame(TEXT, utf8("hello"), WsFrames.KEY, 126), "hello"));
        cases.add(echoText("length 5 in the 64-bit form", frame(TEXT, utf8("hello"), WsFrames.KEY, 127), "hello"));
        cases.add(echoText("mask key zero", frame(TEXT, utf8("unmasked in effect"), 0, -1), "unmasked in effect"));
        cases.add(echoText("mask key all ones", frame(TEXT, utf8("abcdefghijk"), 0xffffffff, -1), "abcdefghijk"));
        cases.add(ok("two messages back to back", concat(text("one"), text("two"), close(1000, "")),
                concat(server(TEXT, "one"), server(TEXT, "two"), serverClose(1000)), "text:one", "text:two", "close:1000:"));
        // ping and pong
        cases.add(ok("ping without payload", concat(ping(""), close(1000, "")),
                concat(server(0x8A, ""), serverClose(1000)), "close:1000:"));
        byte[] p125 = new byte[125];
        for (int i = 0; i < 125; i++) {
            p125[i] = (byte) (255 - i);
        }
        cases.add(ok("ping of 125 binary bytes", concat(frame(0x89, p125), close(1000, "")),
                concat(server(0x8A, p125), serverClose(1000)), "close:1000:"));
        cases.add(ok("unsolicited pong", concat(frame(0x8A, "hi"), close(1000, "")), serverClose(1000), "pong:hi", "close:1000:"));
        byte[] tenPings = new byte[0];
        byte[] tenPongs = new byte[0];
        for (int i = 0; i < 10; i++) {
            tenPings = concat(tenPings, ping("p" + i));
            tenPongs = concat(tenPongs, server(0x8A, "p" + i));
        }
        cases.add(ok("ten pings, ten pongs in order", concat(tenPings, close(1000, "")), concat(tenPongs, serverClose(1000)),
                "close:1000:"));
        // fragmentation
        cases.add(echoText("text in two fragments", concat(frame(0x01, "fragment"), frame(0x80, "ation")), "fragmentation"));
        cases.add(ok("pings between fragments are answered at once",
                concat(frame(0x01, "a"), ping("1"), frame(0x00, "b"), ping("2"), frame(0x80, "c"), close(1000, "")),
                concat(server(0x8A, "1"), server(0x8A, "2"), server(TEXT, "abc"), serverClose(1000)), "text:abc", "close:1000:"));
        cases.add(ok("a pong between fragments", concat(frame(0x02, hex("01")), frame(0x8A, "x"), frame(0x80, hex("02")),
                close(1000, "")), concat(server(BINARY, hex("0102")), serverClose(1000)), "pong:x", "binary:0102", "close:1000:"));
        cases.add(echoText("empty fragments", concat(frame(0x01, ""), frame(0x00, ""), frame(0x80, "")), ""));
        cases.add(echoText("a character split across fragments", concat(frame(0x01, hex("ce")), frame(0x80, hex("ba"))), "κ"));
        byte[] kosme = utf8("κόσμε");
        byte[] perByte = new byte[0];
        for (int i = 0; i < kosme.length; i++) {
            perByte = concat(perByte, frame(i == 0 ? 0x01 : i == kosme.length - 1 ? 0x80 : 0x00, new byte[] {kosme[i]}));
        }
        cases.add(echoText("UTF-8 one byte per fragment", perByte, "κόσμε"));
        // UTF-8 that is valid, boundaries included
        for (String s : new String[] {"Hello-µ@ßöäüàá-UTF-8!!", "κόσμε", "\u007f\u0080\u07ff\u0800\ud7ff\ue000\ufffd\uffff",
            "\ud800\udc00", "\udbff\udfff", "😀 emoji", "\u0000"}) {
            cases.add(echoText("valid UTF-8 " + HexFormat.of().formatHex(utf8(s)), text(s), s));
        }
        // closing
        cases.add(ok("empty close answered with an empty close", close0(), server(0x88, new byte[0]), "close:1005:"));
        cases.add(ok("close with a reason echoes the code only", close(1000, "bye"), serverClose(1000), "close:1000:bye"));
        String reason123 = "r".repeat(123);
        cases.add(ok("close with a 123-byte reason", close(1001, reason123), serverClose(1001), "close:1001:" + reason123));
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999}) {
            cases.add(ok("close " + code + " is echoed", close(code, ""), serverClose(code), "close:" + code + ":"));
        }
        cases.add(ok("data, ping and close after a close are ignored",
                concat(close(1000, ""), text("late"), ping("late"), close(1001, "")), serverClose(1000), "close:1000:"));
        return cases.stream();
    }

    private static byte[] close0() {
        return frame(0x88, new byte[0]);
    }

    static Stream<Arguments> broken() {
        List<Arguments> cases = new ArrayList<>();
        // framing
        cases.add(broken("unmasked frame", hex("8105"), FrameViolation.UNMASKED));
        cases.add(broken("unmasked after a good message", concat(text("ok"), hex("810568656c6c6f")), FrameViolation.UNMASKED,
                server(TEXT, "ok"), "text:ok"));
        cases.add(broken("64-bit length with the top bit set", hex("81ff 8000000000000000 00000000"), FrameViolation.LENGTH_OVERFLOW));
        // ping and pong
        cases.add(broken("ping of 126 bytes", frame(0x89, new byte[126]), FrameViolation.CONTROL_TOO_LONG));
        cases.add(broken("close of 126 bytes", frame(0x88, closePayload(1000, "r".repeat(124))), FrameViolation.CONTROL_TOO_LONG));
        cases.add(broken("fragmented ping", concat(frame(0x09, "a"), frame(0x80, "b")), FrameViolation.CONTROL_FRAGMENTED));
        cases.add(broken("fragmented pong", frame(0x0A, "a"), FrameViolation.CONTROL_FRAGMENTED));
        // reserved bits and opcodes
        for (int rsv : new int[] {0x40, 0x20, 0x10, 0x70}) {
            cases.add(broken("text with reserved bits " + Integer.toHexString(rsv), frame(TEXT | rsv, "x"), FrameViolation.RESERVED_BITS));
        }
        cases.add(broken("reserved bit after a good message", concat(text("ok"), frame(0xA1, "x")), FrameViolation.RESERVED_BITS,
                server(TEXT, "ok"), "text:ok"));
        cases.add(broken("ping with RSV3", frame(0x99, "x"), FrameViolation.RESERVED_BITS));
        cases.add(broken("close with RSV1", frame(0xC8, closePayload(1000, "")), FrameViolation.RESERVED_BITS));
        for (int op : new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            cases.add(broken("reserved opcode " + op, frame(0x80 | op, "x"), FrameViolation.RESERVED_OPCODE));
        }
        cases.add(broken("reserved opcode after a good message", concat(text("ok"), frame(0x85, "")),
                FrameViolation.RESERVED_OPCODE, server(TEXT, "ok"), "text:ok"));
        // fragmentation
        cases.add(broken("final continuation without a message", frame(0x80, "x"), FrameViolation.CONTINUATION_WITHOUT_START));
        cases.add(broken("continuation without a message", frame(0x00, "x"), FrameViolation.CONTINUATION_WITHOUT_START));
        cases.add(broken("continuation after a finished message", concat(text("ok"), frame(0x80, "x")),
                FrameViolation.CONTINUATION_WITHOUT_START, server(TEXT, "ok"), "text:ok"));
        cases.add(broken("text inside a fragmented text", concat(frame(0x01, "a"), frame(0x81, "b")), FrameViolation.DATA_INSIDE_MESSAGE));
        cases.add(broken("binary inside a fragmented text", concat(frame(0x01, "a"), ping("p"), frame(0x02, "b")),
                FrameViolation.DATA_INSIDE_MESSAGE, server(0x8A, "p")));
        // UTF-8
        for (String bad : new String[] {"c0af", "e080af", "f08080af", "c1bf", "e09fbf", "f08fbfbf", "eda080", "edbfbf",
            "edadbf", "eda080edb080", "f4908080", "f5", "fe", "ff", "80", "bf", "c0", "cebae1bdb9cf83ceb5eda080656469746564",
            "cebae1bdb9cf83ce"}) {
            cases.add(broken("invalid UTF-8 " + bad, frame(TEXT, hex(bad)), FrameViolation.TEXT_NOT_UTF8));
        }
        cases.add(broken("a message ending inside a character", concat(frame(0x01, utf8("κόσμ")), frame(0x80, hex("ce"))),
                FrameViolation.TEXT_NOT_UTF8));
        cases.add(broken("invalid first fragment fails before the rest arrives", frame(0x01, hex("cebae1bdb9cf83ceb5f4908080")),
                FrameViolation.TEXT_NOT_UTF8));
        byte[] slow = frame(TEXT, concat(hex("cebaf4908080"), new byte[94]));
        cases.add(broken("invalid start of a frame whose rest never comes", java.util.Arrays.copyOf(slow, 6 + 6),
                FrameViolation.TEXT_NOT_UTF8));
        // closing
        cases.add(broken("close payload of one byte", frame(0x88, hex("03")), FrameViolation.CLOSE_PAYLOAD_ONE_BYTE));
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
            cases.add(broken("close code " + code, close(code, ""), FrameViolation.CLOSE_CODE_INVALID));
        }
        cases.add(broken("close reason not UTF-8", frame(0x88, concat(hex("03e8"), hex("cebae1bdb9cf83ceb5eda080"))),
                FrameViolation.CLOSE_REASON_NOT_UTF8));
        // limits: the declared length decides, before the payload comes
        byte[] tooBig = frame(TEXT, new byte[100_001]);
        cases.add(broken("declared length over the limit, payload never sent", java.util.Arrays.copyOf(tooBig, 14),
                FrameViolation.MESSAGE_TOO_BIG));
        cases.add(broken("fragments adding up over the limit", concat(frame(0x02, new byte[60_000]),
                java.util.Arrays.copyOf(frame(0x80, new byte[40_001]), 14)), FrameViolation.MESSAGE_TOO_BIG));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validSequencesGiveExactlyTheirEventsAndBytes(Valid c) throws IOException {
        replay(c.input(), (mode, r) -> {
            List<String> expected = new ArrayList<>(List.of("open"));
            expected.addAll(c.events());
            assertEquals(expected, r.events(), mode);
            assertEquals(HexFormat.of().formatHex(c.output()), HexFormat.of().formatHex(r.output()), mode);
            assertTrue(r.closed(), mode + ": the socket is closed");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenSequencesCloseWithTheirCodeThenCloseTheSocket(Broken c) throws IOException {
        replay(c.input(), (mode, r) -> {
            FrameViolation v = c.violation();
            List<String> expected = new ArrayList<>(List.of("open"));
            expected.addAll(c.before());
            expected.add("close:" + v.closeCode() + ":" + v.reason());
            assertEquals(expected, r.events(), mode);
            byte[] close = server(0x88, concat(closePayload(v.closeCode(), v.reason())));
            assertArrayEquals(concat(c.outputBefore(), close), r.output(), mode);
            assertTrue(r.outputShut() && r.closed(), mode + ": half-closed, then closed");
        });
    }

    /**
     * The same broken sequences over a real socket whose client keeps its side open: the
     * server's close names the rule, then its end of TCP ends (the fail-fast cases would
     * otherwise wait for bytes that never come).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenSequencesOverASocketGetTheCloseThenTheEndOfTcp(Broken c) throws IOException {
        try (HttpServer server = HttpServer.builder().port(0).limits(LIMITS)
                .handler((req, res) -> res.upgrade(new WsReplay.Recorder(true))).start();
                WsClient client = new WsClient(server.port())) {
            client.handshake("/", "");
            client.send(c.input());
            List<WsFrames.Frame> before = WsFrames.parse(c.outputBefore());
            for (WsFrames.Frame expected : before) {
                assertArrayEquals(expected.payload(), client.read().payload());
            }
            WsFrames.Frame close = client.read();
            assertEquals(0x88, close.b0());
            assertEquals(c.violation().closeCode(), close.closeCode());
            assertTrue(client.closedByServer(), "TCP ends after the close");
        }
    }

    /** A check of one replay, told how the input was cut. */
    @FunctionalInterface
    interface Check {
        void accept(String mode, WsReplay.Result r) throws IOException;
    }

    /**
     * Replays whole, split in two at every offset (for long inputs: every offset near
     * either end and a sample in between), and one byte at a time.
     */
    static void replay(byte[] input, Check check) throws IOException {
        replay(input, LIMITS, null, check);
    }

    static void replay(byte[] input, Limits limits, org.genro.http.wire.PermessageDeflate.Agreement deflate, Check check)
            throws IOException {
        check.accept("whole", WsReplay.run(input, new int[0], limits, deflate));
        int n = input.length;
        int[] offsets = n <= 2048 ? IntStream.range(1, n).toArray()
                : IntStream.range(1, n).filter(i -> i < 300 || i > n - 300 || i % 997 == 0).toArray();
        for (int cut : offsets) {
            check.accept("split at " + cut, WsReplay.run(input, new int[] {cut}, limits, deflate));
        }
        check.accept("byte by byte", WsReplay.run(input, Replay.everyByte(n), limits, deflate));
    }
}
