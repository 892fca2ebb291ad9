package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** End-to-end over loopback: exact bytes in, exact status lines out, connection state checked. */
class ConnectionTest {
    private HttpServer server;
    private TestServers.Gates gates;

    @BeforeEach
    void start() throws IOException {
        gates = new TestServers.Gates();
        server = TestServers.start(Limits.defaults().withBody(64 * 1024), gates);
    }

    @AfterEach
    void stop() {
        gates.release.countDown();
        server.stop(Duration.ofSeconds(2));
    }

    private RawClient client() throws IOException {
        return new RawClient(server.port());
    }

    @Test
    void answersWithExactStatusLineDateAndLength() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertEquals("HTTP/1.1 200 OK", r.statusLine());
            assertEquals("6", r.header("Content-Length"));
            assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
            assertTrue(r.header("Date").endsWith(" GMT"), r.header("Date"));
            assertNull(r.header("Connection"), "no Connection header on a 1.1 keep-alive");
            assertEquals("hello\n", r.text());
        }
    }

    @Test
    void keepsTheConnectionForTheNextRequest() throws IOException {
        try (RawClient c = client()) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            }
            assertEquals(1, server.connectionCount());
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws IOException {
        try (RawClient c = client()) {
            c.send("GET /query?n=1 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /query?n=3 HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals("GET /query ? n=1", c.read().text());
            assertEquals("abc", c.read().text());
            assertEquals("GET /query ? n=3", c.read().text());
        }
    }

    /**
     * Between two waits the connection serves what is buffered: a pipelined head still cut
     * short when the first answer leaves is read on, in the head's time, and the
     * connection then waits idle again, between requests, and serves the next one.
     */
    @Test
    void answersAPipelinedHeadCutShortThenWaitsIdleForTheNext() throws IOException {
        try (RawClient c = client()) {
            c.send("GET /query?n=1 HTTP/1.1\r\nHost: a\r\n\r\nGET /query?n=2 HTTP/1.1\r\nHo");
            assertEquals("GET /query ? n=1", c.read().text());
            c.send("st: a\r\n\r\n");
            assertEquals("GET /query ? n=2", c.read().text());
            c.send("GET /query?n=3 HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals("GET /query ? n=3", c.read().text());
            assertEquals(1, server.connectionCount());
        }
    }

    /** Regression: pipelined requests past the read buffer's compaction were lost. */
    @Test
    void answersThreeHundredPipelinedRequestsFromOneWrite() throws IOException {
        try (RawClient c = client()) {
            c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n".repeat(300));
            for (int i = 0; i < 300; i++) {
                assertEquals("hello\n", c.read().text(), "response " + i);
            }
        }
    }

    /** Regression: blank lines restarted the idle clock, so they could hold a connection open. */
    @Test
    void blankLinesDoNotKeepAnIdleConnectionOpen() throws Exception {
        server.stop(Duration.ofSeconds(1));
        server = TestServers.start(Limits.defaults().withIdleTimeout(Duration.ofMillis(300))
                .withHeadTimeout(Duration.ofMillis(300)), gates);
        try (RawClient c = client()) {
            long start = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    c.send("\r\n");
                } catch (IOException e) {
                    closed = true;
                }
                closed |= server.connectionCount() == 0;
                Thread.sleep(100); // pacing the client, not waiting for the server
            }
            assertTrue(closed, "closed although the client kept sending blank lines");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
        }
    }

    @Test
    void closesAfterConnectionClose() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").read();
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void httpTenClosesUnlessKeepAliveAsked() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("GET /hello HTTP/1.0\r\n\r\n").read();
            assertEquals("HTTP/1.1 200 OK", r.statusLine());
            assertTrue(c.closedByServer());
        }
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertEquals("keep-alive", r.header("Connection"));
            assertEquals(200, c.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read().status());
        }
    }

    @Test
    void badRequestIs400NamingTheRuleAndClosesWithoutEchoingInput() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer SECRET-TOKEN\r\nBad Name: x\r\n\r\n").read();
            assertEquals("HTTP/1.1 400 Bad Request", r.statusLine());
            assertEquals("close", r.header("Connection"));
            assertTrue(r.text().contains("RFC 9112"), r.text());
            assertFalse(r.text().contains("SECRET"), r.text());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void smugglingAttemptIs400AndTheSmuggledRequestIsNeverServed() throws IOException {
        try (RawClient c = client()) {
            c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals(400, c.read().status());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void longRequestLineIs414() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertEquals("HTTP/1.1 414 URI Too Long", r.statusLine());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void largeHeadIs431() throws IOException {
        try (RawClient c = client()) {
            StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
            for (int i = 0; i < 40; i++) {
                head.append("X-Filler-").append(i).append(": ").append("v".repeat(1000)).append("\r\n");
            }
            RawClient.Reply r = c.send(head.append("\r\n").toString()).read();
            assertEquals("HTTP/1.1 431 Request Header Fields Too Large", r.statusLine());
        }
    }

    @Test
    void bodyOverTheLimitIs413() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n").read();
            assertEquals("HTTP/1.1 413 Content Too Large", r.statusLine());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws IOException {
        try (RawClient c = client()) {
            c.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = Integer.toHexString(40_000) + "\r\n" + "x".repeat(40_000) + "\r\n";
            c.send(chunk + chunk);
            assertEquals(413, c.read().status());
        }
    }

    @Test
    void slowHeadIs408ThenClose() throws IOException {
        server.stop(Duration.ofSeconds(1));
        server = TestServers.start(Limits.defaults().withHeadTimeout(Duration.ofMillis(300)), gates);
        try (RawClient c = client()) {
            c.send("GET /hello HTTP/1.1\r\nHo");
            RawClient.Reply r = c.read();
            assertEquals("HTTP/1.1 408 Request Timeout", r.statusLine());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void trickledHeadCannotExtendItsDeadline() throws Exception {
        server.stop(Duration.ofSeconds(1));
        server = TestServers.start(Limits.defaults().withHeadTimeout(Duration.ofMillis(400)), gates);
        try (RawClient c = client()) {
            c.send("GET /hello HTTP/1.1\r\n");
            long start = System.nanoTime();
            boolean answered = false;
            // keep sending a byte every 50 ms; the 408 must still come at the deadline
            for (int i = 0; i < 100 && !answered; i++) {
                try {
                    c.send("X");
                } catch (IOException closed) {
                    answered = true;
                }
                answered |= server.connectionCount() == 0;
                Thread.sleep(50); // pacing the attack, not waiting for the server
            }
            assertTrue(answered, "connection closed before the trickle ended");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4));
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedSilently() throws IOException {
        server.stop(Duration.ofSeconds(1));
        server = TestServers.start(Limits.defaults().withIdleTimeout(Duration.ofMillis(300)), gates);
        try (RawClient c = client()) {
            assertEquals(200, c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            assertTrue(c.closedByServer(), "closed with no further bytes");
        }
    }

    @Test
    void expectContinueGets100WhenTheHandlerReads() throws IOException {
        try (RawClient c = client()) {
            c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue", c.statusLine());
            assertEquals("", c.statusLine());
            RawClient.Reply r = c.send("hello").read();
            assertEquals("hello", r.text());
            assertNull(r.header("Connection"));
        }
    }

    @Test
    void expectContinueIgnoredByHandlerGetsFinalAnswerAndClose() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("POST /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n").read();
            assertEquals("HTTP/1.1 200 OK", r.statusLine());
            assertEquals("close", r.header("Connection"));
        }
    }

    @Test
    void headGetsLengthButNoBody() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("HEAD /hello HTTP/1.1\r\nHost: a\r\n\r\n").read(true);
            assertEquals("6", r.header("Content-Length"));
            assertEquals(0, r.body().length);
            assertEquals("hello\n", c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().text());
        }
    }

    /** Regression: HEAD claimed a zero-length body instead of describing the one GET sends. */
    @Test
    void headOfAStreamedOrDeclaredBodyAdvertisesWhatGetWouldSend() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply stream = c.send("HEAD /stream HTTP/1.1\r\nHost: a\r\n\r\n").read(true);
            assertEquals("chunked", stream.header("Transfer-Encoding"));
            assertNull(stream.header("Content-Length"));
            RawClient.Reply declared = c.send("HEAD /declared HTTP/1.1\r\nHost: a\r\n\r\n").read(true);
            assertEquals("5", declared.header("Content-Length"));
            assertEquals("hello", c.send("GET /declared HTTP/1.1\r\nHost: a\r\n\r\n").read().text());
        }
    }

    /** Regression: a 100 Continue landed inside a response body that had already started. */
    @Test
    void noContinueAfterTheFinalResponseStarted() throws IOException {
        try (RawClient c = client()) {
            c.send("POST /early-stream HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK", c.statusLine());
            c.send("body");
            String line;
            StringBuilder rest = new StringBuilder();
            while ((line = c.statusLine()) != null && !line.equals("0")) {
                rest.append(line).append('\n');
            }
            assertTrue(!rest.toString().contains("100 Continue"), rest.toString());
            assertTrue(rest.toString().contains("started;\n4\nbody\n"), rest.toString());
        }
    }

    @Test
    void noContentHasNoBodyAndNoLength() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("GET /no-content HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertEquals("HTTP/1.1 204 No Content", r.statusLine());
            assertNull(r.header("Content-Length"));
            assertEquals(200, c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
        }
    }

    @Test
    void chunkedRequestEchoesAsChunkedResponse() throws IOException {
        try (RawClient c = client()) {
            String big = "y".repeat(20_000);
            RawClient.Reply r = c.send("POST /echo-stream HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n" + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n").read();
            assertEquals("chunked", r.header("Transfer-Encoding"));
            assertEquals("hello" + big, r.text());
            assertEquals(200, c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
        }
    }

    @Test
    void smallStreamedBodyGetsAContentLength() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("POST /echo-stream HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc").read();
            assertEquals("3", r.header("Content-Length"));
            assertNull(r.header("Transfer-Encoding"));
        }
    }

    @Test
    void trailersReachTheHandler() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("POST /trailers HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n0\r\nX-Sum: 99\r\n\r\n").read();
            assertEquals("3 99", r.text());
        }
    }

    @Test
    void serverSentEventsArriveBeforeTheHandlerEnds() throws IOException {
        try (RawClient c = client()) {
            c.send("GET /sse HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK", c.statusLine());
            String line;
            while (!(line = c.statusLine()).isEmpty()) {
                assertFalse(line.startsWith("Content-Length"), line);
            }
            assertEquals(Integer.toHexString("data: first\n\n".length()), c.statusLine());
            assertEquals("data: first\n\n", c.bytes("data: first\n\n".length()));
            gates.release.countDown();
            assertEquals("", c.statusLine());
            assertEquals(Integer.toHexString("data: second\n\n".length()), c.statusLine());
        }
    }

    @Test
    void handlerFailureIs500AndTheConnectionSurvives() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("GET /fail HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertEquals("HTTP/1.1 500 Internal Server Error", r.statusLine());
            assertFalse(r.text().contains("boom"), "no exception details leak");
            assertEquals(200, c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
        }
    }

    @Test
    void handlerFailureOnHeadSends500WithoutABody() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("HEAD /fail HTTP/1.1\r\nHost: a\r\n\r\n").read(true);
            assertEquals(500, r.status());
            assertEquals("hello\n", c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().text(), "no stray body bytes before it");
        }
    }

    @Test
    void handlerFailureKeepsTheClientsConnectionClose() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("GET /fail HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").read();
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void headerInjectionByAHandlerIsRefused() throws IOException {
        try (RawClient c = client()) {
            RawClient.Reply r = c.send("GET /inject HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertEquals(500, r.status());
            assertNull(r.header("Set-Cookie"));
        }
    }

    @Test
    void maxRequestsPerConnectionClosesAfterTheLast() throws IOException {
        server.stop(Duration.ofSeconds(1));
        server = TestServers.start(Limits.defaults().withMaxRequestsPerConnection(2), gates);
        try (RawClient c = client()) {
            assertNull(c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().header("Connection"));
            assertEquals("close", c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void overTheConnectionLimitIs503() throws IOException {
        server.stop(Duration.ofSeconds(1));
        server = TestServers.start(Limits.defaults().withMaxConnections(1), gates);
        try (RawClient first = client()) {
            assertEquals(200, first.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            try (RawClient second = client()) {
                assertEquals("HTTP/1.1 503 Service Unavailable", second.read().statusLine());
            }
        }
    }

    @Test
    void twoThousandConcurrentConnectionsAllComplete() throws Exception {
        int n = 2000;
        AtomicInteger ok = new AtomicInteger();
        List<RawClient> open = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(pool.submit(() -> {
                    RawClient c = new RawClient(server.port());
                    synchronized (open) {
                        open.add(c);
                    }
                    if (c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().status() == 200) {
                        ok.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            for (RawClient c : open) {
                c.close();
            }
        }
        assertEquals(n, ok.get());
    }

    /** Regression: a body trickled just under the pause timeout was never cut. */
    @Test
    void aBodyTrickledBelowTheMinimumRateIs408() throws Exception {
        server.stop(Duration.ofSeconds(1));
        server = TestServers.start(Limits.defaults().withBodyTimeout(Duration.ofMillis(400)).withMinBodyRate(1000), gates);
        try (RawClient c = client()) {
            c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 50000\r\n\r\n");
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 100 && !stop.get(); i++) {
                        c.send("0123456789"); // 10 bytes every 100 ms: 100 B/s, each pause under 400 ms
                        Thread.sleep(100); // pacing the client, not waiting for the server
                    }
                } catch (IOException | InterruptedException e) {
                    // cut off: expected
                }
            });
            long start = System.nanoTime();
            try {
                assertEquals("HTTP/1.1 408 Request Timeout", c.read().statusLine());
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
            } finally {
                stop.set(true);
                trickle.join(5_000);
            }
        }
    }

    @Test
    void aSteadyBodyAboveTheMinimumRatePasses() throws Exception {
        server.stop(Duration.ofSeconds(1));
        server = TestServers.start(Limits.defaults().withBodyTimeout(Duration.ofMillis(300)).withMinBodyRate(1000), gates);
        try (RawClient c = client()) {
            c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 8000\r\n\r\n");
            for (int i = 0; i < 8; i++) {
                c.send("x".repeat(1000)); // 1000 bytes every 50 ms: 20 kB/s
                Thread.sleep(50); // pacing the client
            }
            assertEquals(8000, c.read().body().length);
        }
    }

    @Test
    void slowLorisClientsNeitherStarveOthersNorStayForever() throws Exception {
        server.stop(Duration.ofSeconds(1));
        server = TestServers.start(Limits.defaults().withHeadTimeout(Duration.ofMillis(800)), gates);
        List<RawClient> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                slow.add(client().send("GET /hello HTTP/1.1\r\nHost: a\r\nX-Slow: "));
            }
            long start = System.nanoTime();
            try (RawClient c = client()) {
                assertEquals(200, c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "a normal client is served at once");
            for (RawClient c : slow) {
                assertEquals(408, c.read().status());
            }
        } finally {
            for (RawClient c : slow) {
                c.close();
            }
        }
    }

    @Test
    void shutdownLetsInFlightRequestsFinishAndClosesIdleOnes() throws Exception {
        try (RawClient idle = client(); RawClient busy = client()) {
            assertEquals(200, idle.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            busy.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(gates.entered.await(5, TimeUnit.SECONDS));
            Thread stopper = Thread.ofVirtual().start(() -> server.stop(Duration.ofSeconds(5)));
            assertTrue(idle.closedByServer(), "idle connection closed at shutdown");
            gates.release.countDown();
            RawClient.Reply r = busy.read();
            assertEquals("done\n", r.text());
            assertEquals("close", r.header("Connection"));
            stopper.join(5_000);
            assertEquals(0, server.connectionCount());
        }
    }
}
