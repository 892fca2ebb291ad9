package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK's own WebSocket client against an echo endpoint served by the engine alone. */
class WebSocketRealClientTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 150;

    private HttpServer server;
    private final BlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        WebSocketListener echo = new WebSocketListener() {
            @Override
            public void onText(WebSocketSession session, String message) throws IOException {
                if (message.equals("close please")) {
                    session.close(4001, "as you wish");
                } else if (message.equals("your tag?")) {
                    // the handshake's fields, read long after the buffer has carried frames
                    session.sendText("tag=" + session.request().headers().first("X-Tag"));
                } else if (message.equals("flood")) {
                    flood(session);
                } else {
                    session.sendText(message);
                }
            }

            @Override
            public void onBinary(WebSocketSession session, byte[] message) throws IOException {
                session.sendBinary(message);
            }

            @Override
            public void onClose(WebSocketSession session, int code, String reason) {
                serverEvents.add("close:" + code + ":" + reason);
            }
        };
        server = HttpServer.builder().port(0).limits(Limits.defaults().withWsMessage(8 << 20))
                .handler((req, res) -> res.upgrade(echo)).start();
    }

    /** Several threads send at once; each message carries its sender and number, and a body that proves it whole. */
    private static void flood(WebSocketSession session) {
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < PER_THREAD; i++) {
                        session.sendText(id + ":" + i + ":" + String.valueOf((char) ('a' + id)).repeat(100 + 97 * i));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    /** Collects whole messages, pongs and the close, in arrival order. */
    static final class Collector implements WebSocket.Listener {
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        private StringBuilder text = new StringBuilder();
        private ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text = new StringBuilder();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                received.add(binary.toByteArray());
                binary = new ByteArrayOutputStream();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            received.add("pong:" + StandardCharsets.UTF_8.decode(message));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            received.add("close:" + code + ":" + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            received.add("error:" + error);
        }

        Object next() throws InterruptedException {
            Object o = received.poll(10, TimeUnit.SECONDS);
            if (o == null) {
                throw new AssertionError("nothing received in time");
            }
            return o;
        }
    }

    private WebSocket connect(Collector c) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void textBinaryPingAndBigMessagesComeBackWhole() throws Exception {
        Collector c = new Collector();
        WebSocket ws = connect(c);
        ws.sendText("héllo, wörld ✓", true).get(5, TimeUnit.SECONDS);
        assertEquals("héllo, wörld ✓", c.next());
        ws.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255}), true).get(5, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, (byte[]) c.next());
        ws.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
        assertEquals("pong:are you there", c.next());
        String big = "0123456789abcdef".repeat(5 << 16); // 5 MiB
        ws.sendText(big, true).get(10, TimeUnit.SECONDS);
        assertEquals(big, c.next());
        byte[] bigBinary = new byte[3 << 20];
        new java.util.Random(1).nextBytes(bigBinary);
        ws.sendBinary(ByteBuffer.wrap(bigBinary), true).get(10, TimeUnit.SECONDS);
        assertArrayEquals(bigBinary, (byte[]) c.next());
        ws.sendText("fragmented ", false).get(5, TimeUnit.SECONDS);
        ws.sendText("by the client", true).get(5, TimeUnit.SECONDS);
        assertEquals("fragmented by the client", c.next());
        ws.sendClose(4000, "client bye").get(5, TimeUnit.SECONDS);
        assertEquals("close:4000:", c.next(), "the server echoes the code");
        assertEquals("close:4000:client bye", serverEvents.poll(5, TimeUnit.SECONDS));
    }

    /**
     * The handshake request's field values were left in the read buffer by the parser; a
     * session that reads them after many frames went through that buffer must still see
     * its own handshake's values.
     */
    @Test
    void theHandshakeFieldsStayReadableForTheWholeSession() throws Exception {
        Collector c = new Collector();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .header("X-Tag", "handshake-value-42")
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), c).get(10, TimeUnit.SECONDS);
        String filler = "z".repeat(20_000);
        for (int i = 0; i < 5; i++) {
            ws.sendText(filler, true).get(5, TimeUnit.SECONDS);
            assertEquals(filler, c.next());
        }
        ws.sendText("your tag?", true).get(5, TimeUnit.SECONDS);
        assertEquals("tag=handshake-value-42", c.next());
        ws.sendClose(1000, "").get(5, TimeUnit.SECONDS);
    }

    @Test
    void theServerClosesWithItsOwnCode() throws Exception {
        Collector c = new Collector();
        WebSocket ws = connect(c);
        ws.sendText("close please", true).get(5, TimeUnit.SECONDS);
        assertEquals("close:4001:as you wish", c.next());
        assertEquals("close:4001:as you wish", serverEvents.poll(5, TimeUnit.SECONDS), "the client's answer completes it");
        assertTrue(ws.isInputClosed());
    }

    /** Over TLS the socket cannot be half-closed, and reads and writes share one SSL engine across threads. */
    @Test
    void wssEchoesAndClosesLikeWs(@TempDir java.nio.file.Path dir) throws Exception {
        TestKeys keys = TestKeys.make(dir);
        WebSocketListener echo = new WebSocketListener() {
            @Override
            public void onText(WebSocketSession session, String message) throws IOException {
                if (message.equals("flood")) {
                    flood(session);
                } else {
                    session.sendText(message);
                }
            }

            @Override
            public void onBinary(WebSocketSession session, byte[] message) throws IOException {
                session.sendBinary(message);
            }
        };
        try (HttpServer tls = HttpServer.builder().port(0).tls(keys.keystore(), keys.password())
                .handler((req, res) -> res.upgrade(echo)).start()) {
            Collector c = new Collector();
            WebSocket ws = HttpClient.newBuilder().sslContext(keys.client()).build().newWebSocketBuilder()
                    .buildAsync(URI.create("wss://127.0.0.1:" + tls.port() + "/"), c).get(10, TimeUnit.SECONDS);
            ws.sendText("secure hello", true).get(5, TimeUnit.SECONDS);
            assertEquals("secure hello", c.next());
            byte[] big = new byte[1 << 20];
            new java.util.Random(3).nextBytes(big);
            ws.sendBinary(ByteBuffer.wrap(big), true).get(10, TimeUnit.SECONDS);
            assertArrayEquals(big, (byte[]) c.next());
            ws.sendText("flood", true).get(5, TimeUnit.SECONDS);
            for (int n = 0; n < THREADS * PER_THREAD; n++) {
                String m = (String) c.next();
                String[] parts = m.split(":", 3);
                assertEquals(String.valueOf((char) ('a' + Integer.parseInt(parts[0]))).repeat(100 + 97 * Integer.parseInt(parts[1])),
                        parts[2]);
            }
            ws.sendClose(4000, "done").get(5, TimeUnit.SECONDS);
            assertEquals("close:4000:", c.next());
        }
    }

    @Test
    void messagesSentFromSeveralThreadsArriveWholeAndInOrderPerThread() throws Exception {
        Collector c = new Collector();
        WebSocket ws = connect(c);
        ws.sendText("flood", true).get(5, TimeUnit.SECONDS);
        Map<Integer, Integer> next = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (int n = 0; n < THREADS * PER_THREAD; n++) {
            String m = (String) c.next();
            String[] parts = m.split(":", 3);
            int id = Integer.parseInt(parts[0]);
            int i = Integer.parseInt(parts[1]);
            String expected = String.valueOf((char) ('a' + id)).repeat(100 + 97 * i);
            if (!parts[2].equals(expected) || i != next.getOrDefault(id, 0)) {
                wrong.add(parts[0] + ":" + parts[1]);
            }
            next.put(id, i + 1);
        }
        assertEquals(List.of(), wrong, "every message whole, each thread's in its order");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        assertEquals("close:1000:", c.next());
    }
}
