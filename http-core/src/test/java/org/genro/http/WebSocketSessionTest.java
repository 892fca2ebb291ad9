package org.genro.http;

import static org.genro.http.WsFrames.close;
import static org.genro.http.WsFrames.concat;
import static org.genro.http.WsFrames.server;
import static org.genro.http.WsFrames.serverClose;
import static org.genro.http.WsFrames.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the application sees: a listener that throws is told and its connection closed
 * with 1011, without harm to others; the session refuses what may not be sent and
 * anything after a close; onClose comes once, last.
 */
class WebSocketSessionTest {

    /** Replays {@code input} whole with {@code listener}, which writes to {@code events}. */
    private static WsReplay.Result replay(byte[] input, WebSocketListener listener, WsReplay.Recorder events)
            throws IOException {
        return WsReplay.run(input, new int[0], Limits.defaults(), null, listener, events);
    }

    @Test
    void aListenerThatThrowsIsToldAndTheConnectionClosesWith1011() throws IOException {
        WsReplay.Recorder events = new WsReplay.Recorder(false);
        WebSocketListener failing = new Delegate(events) {
            @Override
            public void onText(WebSocketSession session, String message) throws IOException {
                events.onText(session, message);
                throw new IllegalStateException("listener bug");
            }
        };
        WsReplay.Result r = replay(concat(text("boom"), text("dropped after our close"), close(1011, "")), failing, events);
        assertEquals(List.of("open", "text:boom", "error:IllegalStateException", "close:1011:"), r.events());
        assertArrayEquals(serverClose(1011), r.output(), "our close, and no echo of the client's answer");
    }

    @Test
    void aListenerThatThrowsInOnOpenOrOnCloseChangesNothingElse() throws IOException {
        WsReplay.Recorder events = new WsReplay.Recorder(false);
        WebSocketListener failing = new Delegate(events) {
            @Override
            public void onOpen(WebSocketSession session) throws IOException {
                throw new IOException("cannot start");
            }

            @Override
            public void onClose(WebSocketSession session, int code, String reason) {
                events.onClose(session, code, reason);
                throw new IllegalStateException("onClose bug");
            }
        };
        WsReplay.Result r = replay(close(1011, ""), failing, events);
        assertEquals(List.of("error:IOException", "close:1011:"), r.events());
        assertArrayEquals(serverClose(1011), r.output());
        assertTrue(r.closed());
    }

    @Test
    void theSessionRefusesWhatMayNotBeSentAndNothingFollowsItsClose() throws IOException {
        WsReplay.Recorder events = new WsReplay.Recorder(false);
        WebSocketListener app = new Delegate(events) {
            @Override
            public void onOpen(WebSocketSession s) throws IOException {
                assertTrue(s.isOpen());
                assertEquals(null, s.subprotocol());
                assertEquals("", s.extensions());
                assertEquals(40_000, s.remoteAddress().getPort());
                assertThrows(IllegalArgumentException.class, () -> s.ping(new byte[126]));
                for (int code : new int[] {999, 1004, 1005, 1006, 1015, 2000, 5000}) {
                    assertThrows(IllegalArgumentException.class, () -> s.close(code, ""), "code " + code);
                }
                assertThrows(IllegalArgumentException.class, () -> s.close(1000, "é".repeat(62)), "124 bytes of reason");
                assertThrows(IndexOutOfBoundsException.class, () -> s.sendBinary(new byte[4], 3, 2));
                s.ping(new byte[125]);
                s.sendBinary(new byte[] {9, 8, 7, 6}, 1, 2);
                s.close(4000, "é".repeat(61) + "x");
                assertFalse(s.isOpen());
                s.close(1000, "a second close does nothing");
                assertThrows(IOException.class, () -> s.sendText("late"));
                assertThrows(IOException.class, () -> s.ping(new byte[0]));
                events.onOpen(s);
            }
        };
        WsReplay.Result r = replay(close(4000, ""), app, events);
        assertEquals(List.of("open", "close:4000:" + "é".repeat(61) + "x"), r.events());
        assertArrayEquals(concat(server(0x89, new byte[125]), server(0x82, new byte[] {8, 7}),
                server(0x88, WsFrames.closePayload(4000, "é".repeat(61) + "x"))), r.output());
    }

    @Test
    void aFailingListenerDoesNotHarmOtherConnections() throws Exception {
        WebSocketListener echoOrFail = new WebSocketListener() {
            @Override
            public void onText(WebSocketSession session, String message) throws IOException {
                if (message.equals("fail")) {
                    throw new OutOfMemoryError("pretend");
                }
                session.sendText(message);
            }
        };
        try (HttpServer server = HttpServer.builder().port(0).handler((req, res) -> res.upgrade(echoOrFail)).start();
                WsClient good = new WsClient(server.port()); WsClient bad = new WsClient(server.port())) {
            good.handshake("/", "");
            bad.handshake("/", "");
            bad.send(text("fail"));
            assertEquals(1011, bad.read().closeCode());
            bad.send(close(1011, ""));
            assertTrue(bad.closedByServer());
            good.send(text("still here"));
            assertEquals("still here", good.read().text());
            good.send(close(1000, ""));
            assertEquals(1000, good.read().closeCode());
            server.stop(Duration.ofSeconds(1));
        }
    }

    /** Passes every call to a recorder unless overridden. */
    private static class Delegate implements WebSocketListener {
        final WsReplay.Recorder events;

        Delegate(WsReplay.Recorder events) {
            this.events = events;
        }

        @Override
        public void onOpen(WebSocketSession session) throws Exception {
            events.onOpen(session);
        }

        @Override
        public void onText(WebSocketSession session, String message) throws Exception {
            events.onText(session, message);
        }

        @Override
        public void onClose(WebSocketSession session, int code, String reason) {
            events.onClose(session, code, reason);
        }

        @Override
        public void onError(WebSocketSession session, Throwable error) {
            events.onError(session, error);
        }
    }
}
