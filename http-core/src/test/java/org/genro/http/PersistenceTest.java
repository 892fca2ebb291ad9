package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a connection stays open after a response and when it closes, one fact at a time:
 * exact bytes in, the {@code Connection} field out, and whether the server closed.
 */
class PersistenceTest {
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServers.start(Limits.defaults().withDrain(16), new TestServers.Gates());
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    @Test
    void aHandlersConnectionCloseClosesAfterItsResponse() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("GET /close HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void anHttp10StreamOfUnknownLengthEndsByClosing() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertEquals("close", r.header("Connection"));
            assertNull(r.header("Content-Length"));
            assertTrue(r.text().endsWith("part2\n"), "the body ran to the close");
        }
    }

    @Test
    void aDeclaredBodyLongerThanTheDrainAllowanceClosesAndSaysSo() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("POST /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 17\r\n\r\n").read();
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void anUnreadBodyWithinTheDrainAllowanceKeepsTheConnection() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("POST /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 16\r\n\r\n" + "b".repeat(16)).read();
            assertNull(r.header("Connection"));
            assertEquals(200, c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
        }
    }

    @Test
    void aChunkedBodyThatOutgrowsTheDrainAllowanceCloses() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            c.send("POST /hello HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n" + "c".repeat(32) + "\r\n");
            RawClient.Reply r = c.read();
            assertEquals(200, r.status());
            assertFalse("keep-alive".equals(r.header("Connection")));
            assertTrue(c.closedByServer(), "the rest of the body cannot be skipped");
        }
    }
}
