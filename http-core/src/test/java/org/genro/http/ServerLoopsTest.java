package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The accept loop and the sweeper survive anything but the server's own shutdown: an
 * Error or a bug inside them used to end the thread silently, so the server stopped
 * accepting, or stopped enforcing every timeout. Failures are injected through
 * {@link HttpServer.Faults}.
 */
class ServerLoopsTest {

    private static HttpServer start(Limits limits, HttpServer.Faults faults) throws IOException {
        return HttpServer.builder().port(0).limits(limits).shutdownGrace(Duration.ofSeconds(2)).faults(faults)
                .handler((req, res) -> res.send("ok\n")).start();
    }

    @Test
    void anErrorWhileAcceptingDropsThatClientAndTheNextIsServed() throws IOException {
        AtomicBoolean failed = new AtomicBoolean();
        HttpServer.Faults once = new HttpServer.Faults() {
            @Override
            public void accepting(Socket socket) {
                if (failed.compareAndSet(false, true)) {
                    throw new OutOfMemoryError("injected");
                }
            }
        };
        try (HttpServer server = start(Limits.defaults(), once)) {
            try (RawClient first = new RawClient(server.port())) {
                first.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
                assertTrue(first.closedByServer(), "the client whose connection failed is closed");
            }
            try (RawClient next = new RawClient(server.port())) {
                assertEquals("HTTP/1.1 200 OK", next.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read().statusLine());
            }
            assertTrue(failed.get());
        }
    }

    @Test
    void aFailedSweepDoesNotStopTheTimeouts() throws Exception {
        CountDownLatch failedOnce = new CountDownLatch(1);
        HttpServer.Faults once = new HttpServer.Faults() {
            @Override
            public void sweeping() {
                if (failedOnce.getCount() > 0) {
                    failedOnce.countDown();
                    throw new IllegalStateException("injected");
                }
            }
        };
        try (HttpServer server = start(Limits.defaults().withIdleTimeout(Duration.ofMillis(300)), once)) {
            assertTrue(failedOnce.await(5, TimeUnit.SECONDS), "the sweeper ran into the failure");
            try (RawClient c = new RawClient(server.port())) {
                assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
                long start = System.nanoTime();
                assertTrue(c.closedByServer(), "the idle connection is still timed out");
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
            }
        }
    }
}
