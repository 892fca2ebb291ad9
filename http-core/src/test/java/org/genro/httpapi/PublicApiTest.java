package org.genro.httpapi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.genro.http.BodyException;
import org.genro.http.CloseCode;
import org.genro.http.Handler;
import org.genro.http.Headers;
import org.genro.http.HttpDate;
import org.genro.http.HttpServer;
import org.genro.http.Limits;
import org.genro.http.Request;
import org.genro.http.Response;
import org.genro.http.Status;
import org.genro.http.WebSocketListener;
import org.genro.http.WebSocketSession;
import org.genro.http.WebSockets;
import org.junit.jupiter.api.Test;

/**
 * Touches every public type, constant and method of {@code org.genro.http}, the way a
 * tool that embeds the engine would. It lives outside that package, so a public member
 * made package-private, renamed or removed breaks this file's compilation and shows up
 * in review. It uses plain sockets, not the engine's package-private test helpers.
 */
class PublicApiTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    /** Any readable file of three bytes or more: this very test's source. */
    private static final Path FILE = Path.of("src/test/java/org/genro/httpapi/PublicApiTest.java");

    @Test
    void everyLimitIsReachable() {
        Limits limits = new Limits(4096, 16384, 50, 1 << 16, SECOND, SECOND, SECOND, SECOND, 100, 100, 1024, 128, 64, 4096, SECOND, SECOND)
                .withRequestLine(4096).withHead(16384).withHeaderCount(50).withBody(1 << 16)
                .withHeadTimeout(SECOND).withIdleTimeout(SECOND).withBodyTimeout(SECOND).withWriteTimeout(SECOND)
                .withMaxRequestsPerConnection(100).withMaxConnections(100).withDrain(1024)
                .withMinBodyRate(128).withMinWriteRate(64).withWsMessage(2048).withWsIdleTimeout(SECOND)
                .withWsCloseTimeout(SECOND);
        List<Object> values = List.of(limits.requestLine(), limits.head(), limits.headerCount(), limits.body(),
                limits.headTimeout(), limits.idleTimeout(), limits.bodyTimeout(), limits.writeTimeout(),
                limits.maxRequestsPerConnection(), limits.maxConnections(), limits.drain(), limits.minBodyRate(),
                limits.minWriteRate(), limits.wsMessage(), limits.wsIdleTimeout(), limits.wsCloseTimeout());
        assertEquals(List.of(4096, 16384, 50, 65536L, SECOND, SECOND, SECOND, SECOND, 100, 100, 1024L, 128L, 64L, 2048,
                SECOND, SECOND), values);
        List<Object> maxima = List.of(Limits.MAX_REQUEST_LINE, Limits.MAX_HEAD, Limits.MAX_HEADER_COUNT, Limits.MAX_BODY,
                Limits.MAX_TIMEOUT, Limits.MAX_CONNECTIONS, Limits.MAX_DRAIN, Limits.MAX_RATE, Limits.MAX_WS_MESSAGE);
        maxima.forEach(max -> assertTrue(max instanceof java.time.Duration d ? d.isPositive() : ((Number) max).longValue() > 0,
                "a maximum is positive: " + max));
        assertEquals(256, Limits.defaults().minWriteRate());
        assertThrows(IllegalArgumentException.class, () -> limits.withRequestLine(Limits.MAX_REQUEST_LINE + 1));
        Limits built = Limits.builder().requestLine(40_000).head(64_000).headerCount(50).body(1).headTimeout(SECOND)
                .idleTimeout(SECOND).bodyTimeout(SECOND).writeTimeout(SECOND).maxRequestsPerConnection(1)
                .maxConnections(1).drain(1).minBodyRate(1).minWriteRate(1).wsMessage(1).wsIdleTimeout(SECOND)
                .wsCloseTimeout(SECOND).build();
        assertEquals(40_000, built.requestLine(), "checked together: the request line may outgrow the default head");
        assertEquals(limits, limits.toBuilder().build());
        assertThrows(IllegalArgumentException.class, () -> Limits.builder().requestLine(64_000).head(64_000).build());
    }

    @Test
    void everyServerRequestAndResponseMethodIsReachable() throws Exception {
        Handler handler = (Request req, Response res) -> {
            List<Object> seen = List.of(req.method(), req.target(), req.path(), req.query(), req.version(),
                    req.authority(), req.headers(), req.contentLength(), req.hasBody(), req.body(), req.bodyLimit(),
                    req.trailers(), req.remoteAddress(), req.localAddress(), req.secure());
            req.bodyLimit(2048);
            String host = req.header("Host");
            byte[] body = req.bodyBytes();
            res.status(200).header("X-Seen", Integer.toString(seen.size())).addHeader("X-Host", host).contentType("text/plain");
            assertEquals(200, res.status());
            Headers view = res.headers();
            assertTrue(view.contains("X-Seen"));
            assertThrows(UnsupportedOperationException.class, () -> view.add("X", "y"));
            assertFalse(res.committed());
            switch (req.path()) {
                case "/echo" -> res.send(body, 0, body.length);
                case "/stream" -> {
                    try (OutputStream out = res.stream()) {
                        out.write('s');
                    }
                }
                case "/bytes" -> res.send(new byte[] {'b'});
                case "/empty" -> res.send();
                case "/file" -> {
                    try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(FILE)) {
                        res.send(file, 1, 2);
                    }
                }
                default -> res.send("text");
            }
        };
        HttpServer.Builder builder = HttpServer.builder().host("127.0.0.1").port(0).backlog(64)
                .limits(Limits.defaults()).shutdownGrace(SECOND).handler(handler);
        assertThrows(IOException.class, () -> HttpServer.builder().tls(Path.of("no-such-keystore.p12"), new char[0]));
        assertTrue(HttpServer.builder().tls(SSLContext.getDefault()) != null);
        try (HttpServer server = builder.start()) {
            InetSocketAddress address = server.address();
            assertEquals(server.port(), address.getPort());
            assertEquals(Limits.defaults(), server.limits());
            assertEquals("HTTP/1.1 200 OK", exchange(server.port(), "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n"
                    + "Connection: close\r\n\r\nhi"));
            for (String path : List.of("/stream", "/bytes", "/empty", "/file", "/text")) {
                assertEquals("HTTP/1.1 200 OK", exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"));
            }
            assertTrue(server.connectionCount() >= 0);
            assertTrue(server.stop(SECOND));
            server.join();
        }
    }

    @Test
    void everyHeadersStatusAndBodyExceptionMethodIsReachable() {
        Headers headers = new Headers(2).add("A", "1").add("a", "2").set("B", "3");
        Headers view = Headers.readOnlyView(headers);
        assertEquals(List.of("1", "2"), view.all("a"));
        assertEquals("1", headers.first("A"));
        assertEquals("x", headers.first("missing", "x"));
        assertEquals("B", headers.name(2));
        assertEquals("3", headers.value(2));
        assertEquals(2, headers.remove("a"));
        assertEquals(1, view.size());
        assertEquals("Headers[B: 3]", headers.toString());
        headers.clear();
        assertFalse(new Headers().contains("B"));
        assertEquals(413, new BodyException(413, "too large").status());
        assertEquals("Not Found", Status.reason(404));
        java.time.Instant at = java.time.Instant.parse("1994-11-06T08:49:37Z");
        assertEquals(at, HttpDate.parse(HttpDate.format(at)));
    }

    @Test
    void everyWebSocketTypeAndMethodIsReachable() throws Exception {
        List<Integer> codes = List.of(CloseCode.NORMAL, CloseCode.GOING_AWAY, CloseCode.PROTOCOL_ERROR,
                CloseCode.UNSUPPORTED_DATA, CloseCode.NO_STATUS, CloseCode.ABNORMAL, CloseCode.INVALID_PAYLOAD,
                CloseCode.POLICY_VIOLATION, CloseCode.TOO_BIG, CloseCode.MANDATORY_EXTENSION, CloseCode.INTERNAL_ERROR,
                CloseCode.SERVICE_RESTART, CloseCode.TRY_AGAIN_LATER);
        assertEquals(codes.size(), new java.util.HashSet<>(codes).size(), "no two close codes share a number");
        assertTrue(CloseCode.sendable(CloseCode.NORMAL));
        assertFalse(CloseCode.sendable(CloseCode.NO_STATUS));
        java.util.concurrent.CompletableFuture<List<Object>> seen = new java.util.concurrent.CompletableFuture<>();
        WebSocketListener listener = new WebSocketListener() {
            @Override
            public void onOpen(WebSocketSession s) throws IOException {
                seen.complete(List.of(s.isOpen(), String.valueOf(s.subprotocol()), s.extensions(), s.request().path(),
                        s.remoteAddress()));
                s.sendText("t");
                s.sendBinary(new byte[] {1});
                s.sendBinary(new byte[] {1, 2}, 1, 1);
                s.ping(new byte[0]);
                s.close(CloseCode.NORMAL, "bye");
                s.abort();
            }

            @Override
            public void onText(WebSocketSession s, String message) {
            }

            @Override
            public void onBinary(WebSocketSession s, byte[] message) {
            }

            @Override
            public void onPong(WebSocketSession s, byte[] payload) {
            }

            @Override
            public void onClose(WebSocketSession s, int code, String reason) {
            }

            @Override
            public void onError(WebSocketSession s, Throwable error) {
            }
        };
        Handler handler = (req, res) -> {
            assertTrue(WebSockets.requested(req));
            if (WebSockets.offeredProtocols(req).contains("chat")) {
                res.upgrade(listener, "chat");
            } else {
                res.upgrade(listener);
            }
        };
        try (HttpServer server = HttpServer.builder().port(0).webSocketDeflate(false).handler(handler).start()) {
            String head = exchange(server.port(), "GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: chat\r\n\r\n");
            assertEquals("HTTP/1.1 101 Switching Protocols", head);
            List<Object> s = seen.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(List.of(true, "chat", "", "/ws"), s.subList(0, 4));
        }
    }

    /** Sends one request that closes the connection and returns the status line. */
    private static String exchange(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(request.getBytes(ISO_8859_1));
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), ISO_8859_1);
            return all.substring(0, all.indexOf("\r\n"));
        }
    }
}
