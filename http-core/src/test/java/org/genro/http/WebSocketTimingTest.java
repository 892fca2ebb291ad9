package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deadlines of a WebSocket, over loopback with short limits: a client that stops reading
 * is cut while another thread sends; a silent one is pinged, then closed 1001; one that
 * never answers our close is cut at the close timeout; a stopping server closes 1001 and
 * waits for the answers within its grace.
 */
class WebSocketTimingTest {
    private HttpServer server;
    private final WsReplay.Recorder events = new WsReplay.Recorder(false);

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    /** Polls {@code condition} every 10 ms for up to 5 seconds. */
    static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    private int start(Limits limits, WebSocketListener listener) throws IOException {
        server = HttpServer.builder().port(0).limits(limits).shutdownGrace(Duration.ofSeconds(2))
                .handler((req, res) -> res.upgrade(listener)).start();
        return server.port();
    }

    @Test
    void aClientThatStopsReadingIsCutWhileAnotherThreadSends() throws Exception {
        CompletableFuture<Throwable> sent = new CompletableFuture<>();
        WebSocketListener flooder = new WebSocketListener() {
            @Override
            public void onOpen(WebSocketSession session) {
                Thread.ofVirtual().start(() -> {
                    try {
                        while (true) {
                            session.sendBinary(new byte[64 * 1024]);
                        }
                    } catch (IOException e) {
                        sent.complete(e);
                    }
                });
            }

            @Override
            public void onClose(WebSocketSession session, int code, String reason) {
                events.onClose(session, code, reason);
            }

            @Override
            public void onError(WebSocketSession session, Throwable error) {
                events.onError(session, error);
            }
        };
        int port = start(Limits.defaults().withWriteTimeout(Duration.ofMillis(300)), flooder);
        try (WsClient c = new WsClient(port, 16 * 1024)) {
            c.handshake("/", "");
            long t0 = System.nanoTime();
            Throwable failure = sent.get(5, TimeUnit.SECONDS); // the client never reads a frame
            assertTrue(failure.getMessage().contains("write timed out"), failure.toString());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(4));
            assertTrue(eventually(() -> server.connectionCount() == 0), "the connection is cut");
            assertTrue(eventually(() -> events.events.contains("close:1006:")), events.events.toString());
            assertEquals(List.of("error:IOException", "close:1006:"), events.events);
        }
    }

    @Test
    void aSilentClientIsPingedAtHalfTheIdleTimeoutThenClosedWith1001() throws IOException {
        int port = start(Limits.defaults().withWsIdleTimeout(Duration.ofMillis(600)), events);
        try (WsClient c = new WsClient(port)) {
            c.handshake("/", "");
            long t0 = System.nanoTime();
            WsFrames.Frame ping = c.read();
            long atPing = System.nanoTime() - t0;
            assertEquals(0x89, ping.b0());
            WsFrames.Frame close = c.read();
            long atClose = System.nanoTime() - t0;
            assertEquals(1001, close.closeCode());
            assertEquals("idle timeout", new String(close.payload(), 2, close.payload().length - 2));
            // measured from the client's side, a little after the server started waiting
            assertTrue(atPing >= TimeUnit.MILLISECONDS.toNanos(250) && atClose >= TimeUnit.MILLISECONDS.toNanos(550),
                    atPing + " " + atClose);
            c.send(WsFrames.close(1001, ""));
            assertTrue(c.closedByServer());
            assertTrue(eventually(() -> events.events.contains("close:1001:idle timeout")), events.events.toString());
        }
    }

    @Test
    void aClientThatAnswersPingsStaysOpen() throws IOException {
        int port = start(Limits.defaults().withWsIdleTimeout(Duration.ofMillis(400)), events);
        try (WsClient c = new WsClient(port)) {
            c.handshake("/", "");
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            int pings = 0;
            while (System.nanoTime() < end) {
                WsFrames.Frame f = c.read();
                assertEquals(0x89, f.b0(), "only pings, never a close");
                c.send(WsFrames.frame(0x8A, f.payload()));
                pings++;
            }
            assertTrue(pings >= 3, "pinged every half timeout: " + pings);
        }
    }

    @Test
    void aClientThatNeverAnswersOurCloseIsCutAtTheCloseTimeout() throws IOException {
        WebSocketListener closer = new WebSocketListener() {
            @Override
            public void onText(WebSocketSession session, String message) {
                session.close(4000, "done");
                session.close(4001, "ignored: a close has left");
            }

            @Override
            public void onClose(WebSocketSession session, int code, String reason) {
                events.onClose(session, code, reason);
            }
        };
        int port = start(Limits.defaults().withWsCloseTimeout(Duration.ofMillis(300)), closer);
        try (WsClient c = new WsClient(port)) {
            c.handshake("/", "");
            c.send(WsFrames.text("bye?"));
            assertEquals(4000, c.read().closeCode());
            long t0 = System.nanoTime();
            c.send(WsFrames.text("messages after our close are dropped"));
            c.send(WsFrames.ping("and pings unanswered"));
            assertTrue(c.closedByServer(), "nothing more from the server, then the end");
            long waited = System.nanoTime() - t0;
            assertTrue(waited > TimeUnit.MILLISECONDS.toNanos(200) && waited < TimeUnit.SECONDS.toNanos(3), "waited " + waited);
            assertTrue(eventually(() -> events.events.contains("close:4000:done")), events.events.toString());
        }
    }

    @Test
    void shutdownClosesWith1001AndWaitsForTheAnswer() throws Exception {
        int port = start(Limits.defaults(), events);
        try (WsClient c = new WsClient(port)) {
            c.handshake("/", "");
            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> server.stop(Duration.ofSeconds(4)));
            WsFrames.Frame close = c.read();
            assertEquals(1001, close.closeCode());
            assertEquals("server shutting down", new String(close.payload(), 2, close.payload().length - 2));
            c.send(WsFrames.close(1001, ""));
            assertTrue(c.closedByServer());
            assertTrue(stopped.get(3, TimeUnit.SECONDS), "every connection ended within the grace");
            assertTrue(events.events.contains("close:1001:server shutting down"), events.events.toString());
        }
    }

    @Test
    void shutdownCutsAWebSocketThatDoesNotAnswerWithinTheGrace() throws Exception {
        int port = start(Limits.defaults().withWsCloseTimeout(Duration.ofSeconds(30)), events);
        try (WsClient c = new WsClient(port)) {
            c.handshake("/", "");
            AtomicReference<Boolean> clean = new AtomicReference<>();
            Thread stopper = Thread.ofVirtual().start(() -> clean.set(server.stop(Duration.ofMillis(400))));
            assertEquals(1001, c.read().closeCode());
            assertTrue(c.closedByServer(), "cut after the grace");
            stopper.join(TimeUnit.SECONDS.toMillis(5));
            assertFalse(clean.get(), "not clean: the client never answered");
            assertTrue(eventually(() -> events.events.contains("close:1001:server shutting down")), events.events.toString());
            assertEquals(List.of("open", "close:1001:server shutting down"), events.events, "a cut at the end of the grace is no error");
        }
    }

    @Test
    void aFailedSendReportsItsCauseOnce() throws Exception {
        AtomicReference<WebSocketSession> held = new AtomicReference<>();
        WebSocketListener holder = new WebSocketListener() {
            @Override
            public void onOpen(WebSocketSession session) {
                held.set(session);
            }

            @Override
            public void onClose(WebSocketSession session, int code, String reason) {
                events.onClose(session, code, reason);
            }

            @Override
            public void onError(WebSocketSession session, Throwable error) {
                events.onError(session, error);
            }
        };
        int port = start(Limits.defaults(), holder);
        try (WsClient c = new WsClient(port)) {
            c.handshake("/", "");
            assertTrue(eventually(() -> held.get() != null));
            held.get().abort();
            assertTrue(c.closedByServer());
            assertTrue(eventually(() -> events.events.contains("close:1006:")), events.events.toString());
            assertEquals(List.of("close:1006:"), events.events, "an abort is no error");
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> held.get().sendText("late"));
            assertInstanceOf(IOException.class, e);
            assertFalse(held.get().isOpen());
        }
    }
}
