package org.genro.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.genro.http.wire.HeadParser;
import org.genro.http.wire.RequestHead;
import org.junit.jupiter.api.Test;

/**
 * A request's field values stay in the connection's read buffer until read. These tests
 * pin down the two ways that could go wrong: a body read that overwrites the head's bytes
 * while the handler may still read them, and a value read after its exchange, when the
 * bytes belong to the next request (or, once the buffer is pooled, another connection).
 */
class LazyFieldsTest {
    private static final String HEAD = "POST /upload?x=1 HTTP/1.1\r\nHost: example.org\r\n"
            + "User-Agent: lazy-fields-test/1.0\r\nX-Trace:  abc def  \r\nCookie: a=1; b=2\r\n";

    private static InputBuffer buffer(byte[] raw, int... cuts) {
        Limits limits = Limits.defaults();
        return new InputBuffer(new Replay.Pieces(raw, cuts), new Watch(limits), limits,
                new HeadParser(limits.requestLine(), limits.headerCount()));
    }

    private static void assertFields(RequestHead head) {
        assertEquals("example.org", head.value(0));
        assertEquals("lazy-fields-test/1.0", head.value(1));
        assertEquals("abc def", head.value(2), "surrounding whitespace removed");
        assertEquals("a=1; b=2", head.value(3));
    }

    private static byte[] body(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ('a' + i % 23); // never the bytes of a field value, so a mix-up shows
        }
        return b;
    }

    /** Reads the whole body in small pieces, each going through the buffer's own refill. */
    private static byte[] readBody(InputBuffer in, int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] piece = new byte[700];
        while (out.size() < length) {
            int n = in.read(piece, 0, Math.min(piece.length, length - out.size()));
            assertTrue(n > 0, "body ended early");
            out.write(piece, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void valuesNobodyReadSurviveABodyThatRefillsTheBufferEveryWay() throws IOException {
        // small bodies land after the head; larger ones compact the buffer over it or
        // fill it from the start: each way the head must still show its own values
        for (int length : new int[] {1, 300, 4_000, 7_000, 9_000, 40_000}) {
            byte[] head = (HEAD + "Content-Length: " + length + "\r\n\r\n").getBytes(ISO_8859_1);
            byte[] body = body(length);
            byte[] raw = concat(head, body);
            int[][] cutsToTry = {
                {head.length},                                  // head alone, then the body
                {head.length + Math.min(length, 50)},           // some body with the head
                step(head.length, raw.length, 1_000),           // body in 1000-byte reads
            };
            for (int[] cuts : cutsToTry) {
                InputBuffer in = buffer(raw, cuts);
                RequestHead h = in.readHead();
                assertArrayEquals(body, readBody(in, length), "body of " + length + ", cuts " + Arrays.toString(cuts));
                assertFields(h);
                assertEquals("/upload", h.path());
                assertEquals("x=1", h.query());
            }
        }
    }

    @Test
    void aValueReadAfterItsExchangeThrowsRatherThanShowTheNextRequestsBytes() throws IOException {
        String first = "GET /a HTTP/1.1\r\nHost: one.example\r\nX-Secret: first-request\r\n\r\n";
        String second = "GET /b HTTP/1.1\r\nHost: two.example\r\nX-Secret: second-one-here\r\n\r\n";
        byte[] raw = (first + second).getBytes(ISO_8859_1);
        // pipelined in one read, and in two reads where the second starts over at offset 0
        for (int[] cuts : new int[][] {{}, {first.length()}}) {
            InputBuffer in = buffer(raw, cuts);
            RequestHead a = in.readHead();
            RequestHead b = in.readHead();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.value(1));
            assertTrue(e.getMessage().contains("during its exchange"), e.getMessage());
            assertEquals("X-Secret", a.name(1), "names and the request line stay readable");
            assertEquals("/a", a.path());
            assertEquals("second-one-here", b.value(1));
        }
    }

    @Test
    void aValueAlreadyReadAlsoThrowsAfterTheExchangeSoTheRuleDoesNotDependOnHistory() throws IOException {
        byte[] raw = "GET /a HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n".getBytes(ISO_8859_1);
        InputBuffer in = buffer(raw);
        RequestHead a = in.readHead();
        assertEquals("*/*", a.value(1));
        in.release(); // the connection closed
        assertThrows(IllegalStateException.class, () -> a.value(1));
    }

    @Test
    void aHeadKeptPastItsExchangeCopiesItsBytesAndOutlivesTheBuffer() throws IOException {
        // what a WebSocket handshake needs: frames reuse (and finally give back) the buffer
        byte[] head = (HEAD + "\r\n").getBytes(ISO_8859_1);
        byte[] frames = body(20_000);
        InputBuffer in = buffer(concat(head, frames), head.length + 10);
        RequestHead h = in.readHead();
        in.detachLive();
        byte[] dst = new byte[frames.length];
        int got = 0;
        while (got < dst.length) {
            got += in.readFrame(dst, got, Math.min(500, dst.length - got));
        }
        assertArrayEquals(frames, dst);
        in.release();
        assertFields(h);
    }

    @Test
    void changingARequestsHeadersCopiesTheirValuesSoTheyStayReadable() throws IOException {
        byte[] raw = (HEAD + "\r\n").getBytes(ISO_8859_1);
        InputBuffer in = buffer(raw);
        RequestHead h = in.readHead();
        Headers headers = Headers.wrap(h);
        assertEquals(0, headers.remove("X-Absent"), "a removal that finds nothing changes nothing");
        headers.add("X-Added", "yes");
        in.release();
        assertThrows(IllegalStateException.class, () -> h.value(0), "the head itself is retired");
        assertEquals("abc def", headers.first("X-Trace"), "the copy is the list's own");
        assertEquals("yes", headers.first("X-Added"));
        assertEquals(5, headers.size());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] step(int from, int to, int by) {
        int n = Math.max(0, (to - from - 1) / by + 1);
        int[] cuts = new int[n];
        for (int i = 0; i < n; i++) {
            cuts[i] = from + i * by;
        }
        return cuts;
    }
}
