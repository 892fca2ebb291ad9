package org.genro.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.genro.http.wire.HeadParser;
import org.genro.http.wire.RequestHead;
import org.genro.http.wire.TargetForm;
import org.genro.http.wire.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our own raw-byte fixtures: each request, fed whole, split at every offset and one
 * byte at a time, either parses to the expected request or is refused by the named
 * rule. Covers the request-smuggling classics explicitly.
 */
class RequestParsingTest {

    static Stream<Arguments> rejected() {
        return Stream.of(
                // body framing and smuggling (RFC 9112 §6)
                rej("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        Violation.CONTENT_LENGTH_WITH_TRANSFER_ENCODING),
                rej("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
                        Violation.CONTENT_LENGTH_WITH_TRANSFER_ENCODING),
                rej("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nhello", Violation.CONTENT_LENGTH_INVALID),
                rej("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
                        Violation.CONTENT_LENGTH_DUPLICATED),
                rej("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello", Violation.CONTENT_LENGTH_INVALID),
                rej("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x5\r\n\r\nhello", Violation.CONTENT_LENGTH_INVALID),
                rej("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1234567890123456789\r\n\r\n", Violation.CONTENT_LENGTH_INVALID),
                rej("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
                        Violation.TRANSFER_CODING_UNSUPPORTED),
                rej("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", Violation.TRANSFER_ENCODING_NOT_CHUNKED),
                rej("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
                        Violation.TRANSFER_ENCODING_CHUNKED_TWICE),
                rej("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n", Violation.TRANSFER_ENCODING_NOT_CHUNKED),
                rej("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked;q=1\r\n\r\n", Violation.TRANSFER_ENCODING_INVALID),
                rej("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", Violation.TRANSFER_ENCODING_IN_HTTP10),
                rej("CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\nContent-Length: 3\r\n\r\nabc", Violation.CONNECT_WITH_BODY),
                // chunked bodies (RFC 9112 §7.1)
                rej(chunked("fffffffffffffffff\r\n"), Violation.CHUNK_SIZE_OVERFLOW),
                rej(chunked("1000000000000000\r\n"), Violation.CHUNK_SIZE_OVERFLOW),
                rej(chunked("-1\r\n"), Violation.CHUNK_SIZE_INVALID),
                rej(chunked("5 \r\nhello\r\n0\r\n\r\n"), Violation.CHUNK_EXTENSION_INVALID),
                rej(chunked("5;\r\nhello\r\n0\r\n\r\n"), Violation.CHUNK_EXTENSION_INVALID),
                rej(chunked("5;a=\"b\r\nhello\r\n0\r\n\r\n"), Violation.CHUNK_EXTENSION_INVALID),
                rej(chunked("5\nhello\r\n0\r\n\r\n"), Violation.BARE_LF),
                rej(chunked("5\r\nhelloXX0\r\n\r\n"), Violation.CHUNK_DATA_NOT_TERMINATED),
                rej(chunked("5\r\nhello\r\n0\r\nX-Trailer : a\r\n\r\n"), Violation.SPACE_BEFORE_COLON),
                // line endings and field syntax (RFC 9112 §2.2, §5)
                rej("GET / HTTP/1.1\rHost: a\r\n\r\n", Violation.BARE_CR),
                rej("GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", Violation.BARE_CR),
                rej("GET / HTTP/1.1\nHost: a\n\n", Violation.BARE_LF),
                rej("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n folded\r\n\r\n", Violation.OBS_FOLD),
                rej("GET / HTTP/1.1\r\n Host: a\r\n\r\n", Violation.WHITESPACE_AFTER_START_LINE),
                rej("GET / HTTP/1.1\r\nHost : a\r\n\r\n", Violation.SPACE_BEFORE_COLON),
                rej("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", Violation.SPACE_BEFORE_COLON),
                rej("GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n", Violation.FIELD_VALUE_INVALID),
                rej("GET / HTTP/1.1\r\nHost: a\r\nX: a\u007fb\r\n\r\n", Violation.FIELD_VALUE_INVALID),
                rej("GET / HTTP/1.1\r\nHost: a\r\nX\0Y: b\r\n\r\n", Violation.FIELD_NAME_INVALID),
                rej("GET / HTTP/1.1\r\nHost: a\r\n: b\r\n\r\n", Violation.FIELD_NAME_INVALID),
                rej("GET / HTTP/1.1\r\nHost: a\r\nBad[name]: b\r\n\r\n", Violation.FIELD_NAME_INVALID),
                // request line (RFC 9112 §3)
                rej("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", Violation.REQUEST_LINE_MALFORMED),
                rej("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", Violation.REQUEST_LINE_MALFORMED),
                rej("GET /\r\nHost: a\r\n\r\n", Violation.REQUEST_LINE_MALFORMED),
                rej("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", Violation.METHOD_NOT_TOKEN),
                rej("GET / HTTP/2.0\r\nHost: a\r\n\r\n", Violation.VERSION_UNSUPPORTED),
                rej("GET / HTTP/0.9\r\nHost: a\r\n\r\n", Violation.VERSION_UNSUPPORTED),
                rej("GET / HTTP/1.10\r\nHost: a\r\n\r\n", Violation.REQUEST_LINE_MALFORMED),
                rej("GET / http/1.1\r\nHost: a\r\n\r\n", Violation.VERSION_MALFORMED),
                rej("GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", Violation.VERSION_MALFORMED),
                rej("GET /a#frag HTTP/1.1\r\nHost: a\r\n\r\n", Violation.TARGET_FRAGMENT),
                rej("GET /a|b HTTP/1.1\r\nHost: a\r\n\r\n", Violation.TARGET_INVALID),
                rej("GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n", Violation.TARGET_INVALID),
                rej("GET /caf\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n", Violation.TARGET_INVALID),
                rej("GET /[x] HTTP/1.1\r\nHost: a\r\n\r\n", Violation.TARGET_INVALID),
                rej("GET http://u:p@a/ HTTP/1.1\r\nHost: a\r\n\r\n", Violation.TARGET_USERINFO),
                rej("GET ftp://a/ HTTP/1.1\r\nHost: a\r\n\r\n", Violation.TARGET_FORM),
                rej("GET * HTTP/1.1\r\nHost: a\r\n\r\n", Violation.TARGET_FORM),
                rej("GET a.com:80 HTTP/1.1\r\nHost: a\r\n\r\n", Violation.TARGET_FORM),
                rej("CONNECT /x HTTP/1.1\r\nHost: a\r\n\r\n", Violation.TARGET_FORM),
                rej("CONNECT a.com HTTP/1.1\r\nHost: a\r\n\r\n", Violation.TARGET_FORM),
                // Host (RFC 9112 §3.2)
                rej("GET / HTTP/1.1\r\n\r\n", Violation.HOST_MISSING),
                rej("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", Violation.HOST_DUPLICATED),
                rej("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n", Violation.HOST_DUPLICATED),
                rej("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: a:99999x\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost:\r\n\r\n", Violation.HOST_INVALID),
                rej("OPTIONS * HTTP/1.1\r\nHost: \r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: example.com]\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: ]\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: [not-an-ip]\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: a%zz\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: a%2\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: :80\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: [::1]x\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: [1::2::3]\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: [1:2:3:4:5:6:7]\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: [1:2:3:4:5:6:7:8:9]\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: [12345::1]\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: [::256.1.1.1]\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: [::1.2.3]\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: [v1.]\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: [vx.a]\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: a:b\r\n\r\n", Violation.HOST_INVALID),
                rej("GET / HTTP/1.1\r\nHost: a@b\r\n\r\n", Violation.HOST_INVALID),
                // expectations (RFC 9110 §10.1.1)
                rej("GET / HTTP/1.1\r\nHost: a\r\nExpect: something\r\n\r\n", Violation.EXPECTATION_UNSUPPORTED));
    }

    private static String chunked(String body) {
        return "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
    }

    private static Arguments rej(String raw, Violation v) {
        return Arguments.of(raw, v);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("rejected")
    void rejectsWithTheNamedRuleHoweverTheBytesArrive(String raw, Violation expected) {
        byte[] bytes = raw.getBytes(ISO_8859_1);
        assertRejected(Replay.run(bytes, new int[0], Limits.defaults()), expected, "whole");
        for (int cut = 1; cut < bytes.length; cut++) {
            assertRejected(Replay.run(bytes, new int[] {cut}, Limits.defaults()), expected, "split at " + cut);
        }
        assertRejected(Replay.run(bytes, Replay.everyByte(bytes.length), Limits.defaults()), expected, "byte by byte");
    }

    private static void assertRejected(Replay.Result r, Violation expected, String how) {
        assertEquals(Replay.End.REJECTED, r.end(), how + ": " + r);
        assertEquals(expected, r.violation(), how);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                ok("GET /a/b?x=1&y=%20 HTTP/1.1\r\nHost: example.com\r\n\r\n", "GET", "/a/b", "x=1&y=%20", "", TargetForm.ORIGIN),
                ok("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "GET", "/", "", "", TargetForm.ORIGIN),
                ok("MKCOLA /x HTTP/1.1\r\nHost: a\r\n\r\n", "MKCOLA", "/x", "", "", TargetForm.ORIGIN),
                ok("GET http://Example.com:8080?q=1 HTTP/1.1\r\nHost: other\r\n\r\n", "GET", "/", "q=1", "", TargetForm.ABSOLUTE),
                ok("GET https://[::1]:8443/p HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n", "GET", "/p", "", "", TargetForm.ABSOLUTE),
                ok("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", "CONNECT", "", "", "", TargetForm.AUTHORITY),
                ok("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", "OPTIONS", "*", "", "", TargetForm.ASTERISK),
                ok("GET /?ids[]=1 HTTP/1.1\r\nHost: a\r\n\r\n", "GET", "/", "ids[]=1", "", TargetForm.ORIGIN),
                ok("GET / HTTP/1.0\r\n\r\n", "GET", "/", "", "", TargetForm.ORIGIN),
                ok("POST /u HTTP/1.1\r\nHost: a\r\nContent-Length: 005\r\n\r\nhello", "POST", "/u", "", "hello", TargetForm.ORIGIN),
                ok("POST /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;name=val;q=\"a\\\"b\"\r\nhello\r\n6 ; x = y\r\n world\r\n0\r\nX-Sum: 1\r\n\r\n",
                        "POST", "/u", "", "hello world", TargetForm.ORIGIN),
                ok("POST /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: , Chunked\r\n\r\n000\r\n\r\n", "POST", "/u", "", "", TargetForm.ORIGIN),
                ok("GET / HTTP/1.1\r\nHost: a\r\nX-Bin: caf\u00e9\u00ff\r\n\r\n", "GET", "/", "", "", TargetForm.ORIGIN),
                ok("GET http://a/ HTTP/1.1\r\nHost:\r\n\r\n", "GET", "/", "", "", TargetForm.ABSOLUTE),
                ok("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", "GET", "/", "", "", TargetForm.ORIGIN),
                ok("GET / HTTP/1.1\r\nHost: [::ffff:192.0.2.1]\r\n\r\n", "GET", "/", "", "", TargetForm.ORIGIN),
                ok("GET / HTTP/1.1\r\nHost: [1:2:3:4:5:6:7:8]\r\n\r\n", "GET", "/", "", "", TargetForm.ORIGIN),
                ok("GET / HTTP/1.1\r\nHost: [::]\r\n\r\n", "GET", "/", "", "", TargetForm.ORIGIN),
                ok("GET / HTTP/1.1\r\nHost: [v7.a:b]\r\n\r\n", "GET", "/", "", "", TargetForm.ORIGIN),
                ok("GET / HTTP/1.1\r\nHost: 192.0.2.1:80\r\n\r\n", "GET", "/", "", "", TargetForm.ORIGIN),
                ok("GET / HTTP/1.1\r\nHost: caf%C3%A9.example!$&'()*+,;=:\r\n\r\n", "GET", "/", "", "", TargetForm.ORIGIN));
    }

    private static Arguments ok(String raw, String method, String path, String query, String body, TargetForm form) {
        return Arguments.of(raw, method, path, query, body, form);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void parsesValidRequestsHoweverTheBytesArrive(String raw, String method, String path, String query, String body,
                                                  TargetForm form) {
        byte[] bytes = raw.getBytes(ISO_8859_1);
        for (int cut = 0; cut < bytes.length; cut++) {
            int[] cuts = cut == 0 ? new int[0] : new int[] {cut};
            assertParsed(Replay.run(bytes, cuts, Limits.defaults()), method, path, query, body, form);
        }
        assertParsed(Replay.run(bytes, Replay.everyByte(bytes.length), Limits.defaults()), method, path, query, body, form);
    }

    private static void assertParsed(Replay.Result r, String method, String path, String query, String body, TargetForm form) {
        assertEquals(1, r.messages().size(), r.toString());
        Replay.Message m = r.messages().get(0);
        assertEquals(method, m.head().method());
        assertEquals(path, m.head().path());
        assertEquals(query, m.head().query());
        assertEquals(body, m.body());
        assertEquals(form, m.head().form());
    }

    @Test
    void chunkedTrailersArriveSeparatelyFromHeaders() {
        Replay.Result r = Replay.whole(chunked("3\r\nabc\r\n0\r\nX-Checksum: 42\r\nX-Other: z\r\n\r\n"));
        Replay.Message m = r.messages().get(0);
        assertEquals("abc", m.body());
        assertEquals("42", m.trailers().first("x-checksum"));
        assertEquals("z", m.trailers().first("X-Other"));
        assertNull(m.header("X-Checksum"));
    }

    @Test
    void absoluteFormTargetOverridesHost() {
        Replay.Message m = Replay.whole("GET http://real.example/x HTTP/1.1\r\nHost: other\r\n\r\n").messages().get(0);
        assertEquals("real.example", m.head().authority());
    }

    @Test
    void httpTenClosesUnlessKeepAliveIsAsked() {
        assertEquals(Replay.End.CLOSED_AFTER_REQUEST, Replay.whole("GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\n\r\n").end());
        Replay.Result r = Replay.whole("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n");
        assertEquals(2, r.messages().size());
    }

    @Test
    void connectionCloseStopsReadingAfterThatRequest() {
        Replay.Result r = Replay.whole("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /evil HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(1, r.messages().size());
        assertEquals(Replay.End.CLOSED_AFTER_REQUEST, r.end());
    }

    @Test
    void pipelinedRequestsComeOutInOrder() {
        Replay.Result r = Replay.whole("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"
                + "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(3, r.messages().size());
        assertEquals("/2", r.messages().get(1).head().path());
        assertEquals("hi", r.messages().get(1).body());
        assertEquals("/3", r.messages().get(2).head().path());
    }

    /** Regression: heads and chunk lines split by a buffer compaction were missed. */
    @Test
    void manyPipelinedRequestsSurviveBufferCompaction() {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            all.append("GET /r").append(i).append(" HTTP/1.1\r\nHost: a\r\nX-Pad: ").append("p".repeat(i % 17)).append("\r\n\r\n");
        }
        byte[] raw = all.toString().getBytes(ISO_8859_1);
        for (int[] cuts : new int[][] {new int[0], {5000}, {8191, 8192, 8193}, Replay.everyByte(raw.length)}) {
            Replay.Result r = Replay.run(raw, cuts, Limits.defaults());
            assertEquals(300, r.messages().size(), r.toString());
            assertEquals("/r299", r.messages().get(299).head().path());
        }
    }

    /** A head arriving one line per read was re-checked from its start after every read: quadratic work. */
    @Test
    void aHeadArrivingOneLinePerReadIsParsedInOneLinearPass() throws IOException {
        int lines = 7000;
        String raw = "GET / HTTP/1.1\r\nHost: a\r\n" + "a:\r\n".repeat(lines) + "\r\n";
        byte[] bytes = raw.getBytes(ISO_8859_1);
        int[] cuts = java.util.stream.IntStream.range(0, bytes.length - 1).filter(i -> bytes[i] == '\n').map(i -> i + 1).toArray();
        Limits limits = Limits.defaults().withHeaderCount(lines + 1).withHead(64 * 1024);
        Watch watch = new Watch(limits);
        HeadParser parser = new HeadParser(limits.requestLine(), limits.headerCount());
        InputBuffer in = new InputBuffer(new Replay.Pieces(bytes, cuts), watch, limits, parser);
        RequestHead head = new RequestReader(in, parser, limits, watch).next();
        assertEquals(lines + 1, head.fieldCount());
        // each byte is searched for a line end once and parsed once
        assertTrue(in.examined <= 2L * bytes.length, in.examined + " bytes examined for a head of " + bytes.length);
    }

    /**
     * A head that arrives whole has its field lines read in one pass, each byte once:
     * only the request line and the empty line are searched for their end, then parsed.
     */
    @Test
    void aWholeHeadsFieldLinesAreReadOnce() throws IOException {
        String requestLine = "GET /static/app.js?v=2 HTTP/1.1\r\n";
        String raw = requestLine + "Host: www.example.com\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n"
                + "Accept: */*\r\nX-Custom-Name: 1\r\nCookie: a=b; c=d\r\n\r\n";
        byte[] bytes = raw.getBytes(ISO_8859_1);
        Limits limits = Limits.defaults();
        Watch watch = new Watch(limits);
        HeadParser parser = new HeadParser(limits.requestLine(), limits.headerCount());
        InputBuffer in = new InputBuffer(new Replay.Pieces(bytes, new int[0]), watch, limits, parser);
        RequestHead head = new RequestReader(in, parser, limits, watch).next();
        assertEquals(5, head.fieldCount());
        assertEquals("a=b; c=d", head.value(4));
        // the request line searched and parsed; the empty line tried, searched and parsed
        long once = bytes.length + requestLine.length() + 2 * 2;
        assertEquals(once, in.examined, "bytes examined for a head of " + bytes.length);
    }

    /**
     * A field line read in one pass is tried once, from its start: a long line trickled
     * one byte per read is then searched for its end as the bytes come, not read again
     * from its start after every read.
     */
    @Test
    void aLongLineArrivingOneByteAtATimeIsReadInOneLinearPass() throws IOException {
        String raw = "GET / HTTP/1.1\r\nHost: a\r\nX-Long: " + "v".repeat(20_000) + "\r\nX-Short: s\r\n\r\n";
        byte[] bytes = raw.getBytes(ISO_8859_1);
        Limits limits = Limits.defaults().withHead(64 * 1024);
        Watch watch = new Watch(limits);
        HeadParser parser = new HeadParser(limits.requestLine(), limits.headerCount());
        InputBuffer in = new InputBuffer(new Replay.Pieces(bytes, Replay.everyByte(bytes.length)), watch, limits, parser);
        RequestHead head = new RequestReader(in, parser, limits, watch).next();
        assertEquals(20_000, head.value(1).length());
        assertEquals("s", head.value(2));
        assertTrue(in.examined <= 3L * bytes.length, in.examined + " bytes examined for a head of " + bytes.length);
    }

    @Test
    void thousandsOfTinyChunksSurviveBufferCompaction() {
        String chunks = "1\r\nx\r\n".repeat(3000);
        byte[] raw = chunked(chunks + "0\r\n\r\n").getBytes(ISO_8859_1);
        for (int[] cuts : new int[][] {new int[0], {8000}, {8190, 8192, 16384}}) {
            Replay.Result r = Replay.run(raw, cuts, Limits.defaults());
            assertEquals(1, r.messages().size(), r.toString());
            assertEquals("x".repeat(3000), r.messages().get(0).body());
        }
    }

    @Test
    void requestLineOverItsLimitIs414AndHeadOverItsLimitIs431() {
        Limits small = Limits.defaults().withRequestLine(64).withHead(256).withHeaderCount(4);
        String longLine = "GET /" + "a".repeat(100) + " HTTP/1.1\r\nHost: a\r\n\r\n";
        assertEquals(Violation.REQUEST_LINE_TOO_LONG, Replay.run(longLine.getBytes(ISO_8859_1), new int[0], small).violation());
        String bigHead = "GET / HTTP/1.1\r\nHost: a\r\nX: " + "b".repeat(300) + "\r\n\r\n";
        assertEquals(Violation.HEAD_TOO_LARGE, Replay.run(bigHead.getBytes(ISO_8859_1), new int[0], small).violation());
        String many = "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n";
        assertEquals(Violation.TOO_MANY_FIELDS, Replay.run(many.getBytes(ISO_8859_1), new int[0], small).violation());
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        Limits small = Limits.defaults().withBody(8);
        byte[] raw = chunked("5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n").getBytes(ISO_8859_1);
        assertEquals(Violation.BODY_TOO_LARGE, Replay.run(raw, new int[0], small).violation());
    }

    @Test
    void oversizedTrailersAre431() {
        Limits small = Limits.defaults().withRequestLine(64).withHead(128);
        byte[] raw = chunked("0\r\nX: " + "t".repeat(200) + "\r\n\r\n").getBytes(ISO_8859_1);
        assertEquals(Violation.TRAILER_TOO_LARGE, Replay.run(raw, new int[0], small).violation());
    }

    @Test
    void rejectionMessagesNeverEchoTheRequest() {
        for (Violation v : Violation.values()) {
            String msg = v.message();
            assertEquals(-1, msg.indexOf('\r'));
            assertEquals(true, msg.contains("RFC"), v.name());
        }
    }
}
