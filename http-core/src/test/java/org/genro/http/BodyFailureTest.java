package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request body that fails (cut short, trickled, badly framed) is never answered as if
 * it were whole, and every read of it, by a handler or by the engine discarding it,
 * obeys the body timeout and the minimum rate. End-to-end over loopback.
 */
class BodyFailureTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    private RawClient start(Limits limits) throws IOException {
        server = TestServers.start(limits, new TestServers.Gates());
        return new RawClient(server.port());
    }

    /** A 200 buffered for a handler that ignored the body was sent although the body was cut short. */
    @Test
    void aBodyCutShortIsNotAnswered2xxWhenTheHandlerIgnoredIt() throws IOException {
        try (RawClient c = start(Limits.defaults())) {
            c.send("POST /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc").shutdownOutput();
            RawClient.Reply r = c.read();
            assertEquals("HTTP/1.1 400 Bad Request", r.statusLine());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    /** A handler that caught the body failure and answered 200 had that 200 sent. */
    @Test
    void aBodyCutShortIsNotAnswered2xxWhenTheHandlerSwallowedTheFailure() throws IOException {
        try (RawClient c = start(Limits.defaults())) {
            c.send("POST /swallow HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc").shutdownOutput();
            RawClient.Reply r = c.read();
            assertEquals("HTTP/1.1 400 Bad Request", r.statusLine());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aBadlyChunkedBodyIsNotAnswered2xxWhenTheHandlerSwallowedTheFailure() throws IOException {
        try (RawClient c = start(Limits.defaults())) {
            c.send("POST /swallow HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXX0\r\n\r\n");
            assertEquals("HTTP/1.1 400 Bad Request", c.read().statusLine());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aResponseThatAlreadyLeftIsFollowedByCloseNotByAnotherAnswer() throws IOException {
        try (RawClient c = start(Limits.defaults())) {
            c.send("POST /early-stream HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc");
            assertEquals("HTTP/1.1 200 OK", c.statusLine());
            c.shutdownOutput();
            String line;
            StringBuilder rest = new StringBuilder();
            while ((line = c.statusLine()) != null) {
                rest.append(line).append('\n');
            }
            assertTrue(rest.toString().contains("started;"), rest.toString());
            assertTrue(!rest.toString().contains("HTTP/1.1 "), "no second status line: " + rest);
        }
    }

    /** A body left unread by the handler was discarded without the pace check, one fresh timeout per read. */
    @Test
    void aTrickledBodyThatTheEngineDiscardsIsCut() throws Exception {
        Limits limits = Limits.defaults().withBodyTimeout(Duration.ofMillis(300)).withMinBodyRate(1000);
        try (RawClient c = start(limits)) {
            c.send("GET /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 65536\r\n\r\n");
            assertCutWithin408(c, "x");
        }
    }

    /** Chunk trailers trickled a byte at a time were read in one body read, under a fresh timeout per byte. */
    @Test
    void trickledChunkTrailersAreCut() throws Exception {
        Limits limits = Limits.defaults().withBodyTimeout(Duration.ofMillis(300)).withMinBodyRate(1000);
        try (RawClient c = start(limits)) {
            c.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n");
            assertCutWithin408(c, "X");
        }
    }

    @Test
    void aTrickledChunkSizeLineIsCut() throws Exception {
        Limits limits = Limits.defaults().withBodyTimeout(Duration.ofMillis(300)).withMinBodyRate(1000);
        try (RawClient c = start(limits)) {
            c.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
            assertCutWithin408(c, "0");
        }
    }

    /** Sends {@code piece} every 100 ms (each pause shorter than the body timeout) until answered. */
    private static void assertCutWithin408(RawClient c, String piece) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread trickle = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 100 && !stop.get(); i++) {
                    c.send(piece);
                    Thread.sleep(100); // pacing the client, not waiting for the server
                }
            } catch (IOException | InterruptedException e) {
                // cut off: expected
            }
        });
        long start = System.nanoTime();
        try {
            assertEquals("HTTP/1.1 408 Request Timeout", c.read().statusLine());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "cut within the bound");
            assertTrue(c.closedByServer());
        } finally {
            stop.set(true);
            trickle.join(5_000);
        }
    }
}
