package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.genro.http.wire.HeadParser;
import org.genro.http.wire.RequestHead;
import org.junit.jupiter.api.Test;

/**
 * An idle keep-alive connection waits with a small array, not with the 8 KiB buffers a
 * request needs; a request longer than that array still parses whole, and the array
 * grows once for a client that sends more at a time. While it waits, its thread holds
 * as few frames as it can (a parked virtual thread keeps all of them, in memory of its
 * own), and none of a head's parse state.
 */
class IdleBuffersTest {
    /** Hands out the given pieces one per read and remembers how much each read could take. */
    private static class Recording extends InputStream {
        final List<Integer> asked = new ArrayList<>();
        final List<byte[]> pieces;
        int next;

        Recording(List<byte[]> pieces) {
            this.pieces = pieces;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            asked.add(len);
            if (next == pieces.size()) {
                return -1;
            }
            byte[] piece = pieces.get(next);
            int n = Math.min(len, piece.length);
            System.arraycopy(piece, 0, b, off, n);
            if (n == piece.length) {
                next++;
            } else {
                pieces.set(next, Arrays.copyOfRange(piece, n, piece.length));
            }
            return n;
        }
    }

    private static InputBuffer buffer(InputStream in) {
        Limits limits = Limits.defaults();
        return new InputBuffer(in, new Watch(limits), limits, new HeadParser(limits.requestLine(), limits.headerCount()));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void betweenRequestsTheReadWaitsInTheSmallArray() throws IOException {
        Recording in = new Recording(new ArrayList<>(List.of(ascii("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"),
                ascii("GET /b HTTP/1.1\r\nHost: x\r\n\r\n"))));
        InputBuffer buffer = buffer(in);
        assertEquals("/a", buffer.readHead().target());
        assertEquals(InputBuffer.IDLE_SMALL, buffer.buf.length, "a request that came whole is read where it landed");
        assertEquals("/b", buffer.readHead().target());
        assertNull(buffer.readHead(), "the client closed");
        assertEquals(List.of(InputBuffer.IDLE_SMALL, InputBuffer.IDLE_SMALL, InputBuffer.IDLE_SMALL), in.asked,
                "every wait for a new request asked for at most the small idle array");
        assertEquals(InputBuffer.IDLE_SMALL, buffer.buf.length, "and no full buffer was taken");
    }

    /**
     * A head's parse state (its field arrays and framing, a few hundred bytes) is made for
     * a busy period and let go when the connection waits for its next request, so ten
     * thousand idle connections do not each hold one. Pipelined requests that came in one
     * read are parsed without a wait in between, and the wait that follows holds none.
     */
    @Test
    void theWaitForTheNextRequestHoldsNoHeadState() throws IOException {
        List<Boolean> heldDuringRead = new ArrayList<>();
        InputBuffer[] buffer = new InputBuffer[1];
        Recording in = new Recording(new ArrayList<>(List.of(
                ascii("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"),
                ascii("GET /c HTTP/1.1\r\nHost: x\r\n\r\n")))) {
            @Override
            public int read(byte[] b, int off, int len) {
                heldDuringRead.add(buffer[0].holdsHeadState());
                return super.read(b, off, len);
            }
        };
        buffer[0] = buffer(in);
        assertEquals("/a", buffer[0].readHead().target());
        assertTrue(buffer[0].holdsHeadState(), "held while busy");
        assertEquals("/b", buffer[0].readHead().target());
        assertEquals("/c", buffer[0].readHead().target());
        assertNull(buffer[0].readHead(), "the client closed");
        assertEquals(List.of(false, false, false), heldDuringRead, "none held by any of the three waits");
        assertFalse(buffer[0].holdsHeadState(), "nor made for a close between requests");
    }

    /**
     * A body read that needs more than the idle array holds moves the unread bytes to a
     * full buffer; the head stays readable where it was parsed until its exchange ends,
     * and the next wait, in the same array, comes only after that.
     */
    @Test
    void aBodyReadLeavesTheIdleArrayAndTheHeadStaysReadable() throws IOException {
        String head = "POST /p HTTP/1.1\r\nHost: x\r\nX-Tag: keep\r\nContent-Length: 300\r\n\r\n";
        Recording in = new Recording(new ArrayList<>(List.of(ascii(head + "a".repeat(10)), ascii("b".repeat(290)),
                ascii("GET /n HTTP/1.1\r\nHost: x\r\n\r\n"))));
        InputBuffer buffer = buffer(in);
        RequestHead post = buffer.readHead();
        assertEquals(InputBuffer.IDLE_SMALL, buffer.buf.length, "the head was read in the idle array");
        byte[] body = new byte[300];
        int got = 0;
        while (got < body.length) {
            got += buffer.read(body, got, body.length - got);
        }
        assertEquals("a".repeat(10) + "b".repeat(290), new String(body, StandardCharsets.US_ASCII));
        assertEquals(BufferPool.SIZE, buffer.buf.length, "the rest of the body came through a full buffer");
        assertEquals("keep", post.value(1), "the head's value, read after the body");
        assertEquals("/n", buffer.readHead().target());
        assertThrows(IllegalStateException.class, () -> post.value(1), "retired when the next wait began");
    }

    @Test
    void aHeadLongerThanTheIdleArrayParsesWhole() throws IOException {
        String big = "GET /big HTTP/1.1\r\nHost: x\r\nX-Long: " + "v".repeat(5000) + "\r\n\r\n";
        Recording in = new Recording(new ArrayList<>(List.of(ascii(big), ascii("GET /next HTTP/1.1\r\nHost: x\r\n\r\n"))));
        InputBuffer buffer = buffer(in);
        RequestHead head = buffer.readHead();
        assertEquals("/big", head.target());
        assertEquals("X-Long", head.name(1));
        assertEquals(5000, head.value(1).length(), "the field whole");
        assertEquals(InputBuffer.IDLE_SMALL, (int) in.asked.getFirst(), "the first read waited in the idle array");
        assertTrue(in.asked.get(1) > InputBuffer.IDLE, "the rest went to the full buffer: " + in.asked);
        assertEquals("/next", buffer.readHead().target());
    }

    /**
     * A client whose request filled the small array waits in the larger one from then on,
     * so that its next request, as large, takes one read; one that never fills it keeps
     * the small one (see the first test).
     */
    @Test
    void aClientThatFillsTheSmallArrayWaitsInTheLargerOneAfter() throws IOException {
        String browserLike = "GET /page HTTP/1.1\r\nHost: x\r\nCookie: " + "c".repeat(600) + "\r\n\r\n";
        Recording in = new Recording(new ArrayList<>(List.of(ascii(browserLike), ascii(browserLike))));
        InputBuffer buffer = buffer(in);
        assertEquals("/page", buffer.readHead().target());
        assertEquals(2, in.asked.size(), "the first request took two reads: " + in.asked);
        assertEquals("/page", buffer.readHead().target());
        assertEquals(List.of(InputBuffer.IDLE_SMALL, BufferPool.SIZE - InputBuffer.IDLE_SMALL, InputBuffer.IDLE),
                in.asked, "the second waited in the larger array and took one read");
        assertNull(buffer.readHead(), "the client closed");
    }

    /**
     * A parked virtual thread keeps every frame from its entry down to the park, so the
     * wait for the next request happens at the top of the connection's loop, not at the
     * bottom of the head reader. Were it lower, each idle connection would hold the head
     * reader's frames too.
     */
    @Test
    void anIdleConnectionWaitsWithThreeFramesOfItsOwn() throws Exception {
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        try (HttpServer server = HttpServer.builder().port(0).handler((req, res) -> {
            threads.add(Thread.currentThread());
            res.send("ok");
        }).start(); RawClient c = new RawClient(server.port())) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, c.read().status());
            Thread connection = threads.take();
            List<String> ours = List.of();
            for (int i = 0; i < 500 && !ours.contains("InputBuffer.waitIdle"); i++) {
                ours = Arrays.stream(connection.getStackTrace())
                        .filter(f -> f.getClassName().startsWith("org.genro.http."))
                        .map(f -> f.getClassName().substring("org.genro.http.".length()) + "." + f.getMethodName())
                        .toList();
                Thread.sleep(10); // bounded polling until the thread has parked in its idle read
            }
            assertEquals(List.of("InputBuffer.socketRead", "InputBuffer.waitIdle", "Connection.run"), ours);
        }
    }

    @Test
    void theResponseBufferIsGivenBackWhenIdleAndTakenAgainForTheNextResponse() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Limits limits = Limits.defaults();
        OutputBuffer out = new OutputBuffer(sink, new Watch(limits), limits);
        out.write(ascii("HTTP/1.1 200 OK\r\n\r\n"));
        out.idle();
        assertEquals(19, out.size(), "nothing is given back while bytes wait to be sent");
        assertFalse(out.holdsNoBuffer());
        out.flush();
        out.idle();
        assertTrue(out.holdsNoBuffer(), "given back once everything left");
        out.write(ascii("again"));
        out.flush();
        assertEquals("HTTP/1.1 200 OK\r\n\r\nagain", sink.toString(StandardCharsets.US_ASCII));
    }

    /**
     * A connection that answered as the stop began used to wait for its client's next
     * request until the grace period ran out: once the server drains, the wait for a new
     * request ends at once, as a close, without reading.
     */
    @Test
    void aStoppingServersIdleWaitEndsWithoutReading() throws IOException {
        Recording in = new Recording(new ArrayList<>(List.of(ascii("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"),
                ascii("GET /never HTTP/1.1\r\nHost: x\r\n\r\n"))));
        InputBuffer buffer = buffer(in);
        boolean[] draining = {false};
        buffer.stopWhen(() -> draining[0]);
        assertEquals("/a", buffer.readHead().target());
        draining[0] = true;
        assertNull(buffer.readHead(), "ended as a client closing between requests");
        assertEquals(1, in.asked.size(), "no read was made for the next request");
    }

    /**
     * With the idle timeout disabled, a connection waiting for its next request was not
     * marked idle, so a stop's sweep passed it by and waited out its whole grace for it.
     */
    @Test
    void aDisabledTimeoutStillMarksTheWaitButNeverExpires() {
        Watch watch = new Watch(Limits.defaults().withIdleTimeout(Duration.ZERO));
        watch.block(Watch.IDLE);
        assertEquals(Watch.IDLE, watch.state(), "the stop finds the connection idle");
        assertEquals(Watch.NONE, watch.expire(System.nanoTime() + Duration.ofDays(365).toNanos()), "but no timeout cuts it");
        watch.unblock();
        assertEquals(Watch.NONE, watch.state());
    }
}
