package org.genro.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The opening handshake over loopback (RFC 6455 §4.2): each bad request gets its exact
 * status line and no switch; a good one gets the exact 101, then frames, including the
 * ones the client sent right behind its request.
 */
class WebSocketHandshakeTest {
    private static final String UPGRADE = "Upgrade: websocket\r\n";
    private static final String CONNECTION = "Connection: Upgrade\r\n";
    private static final String KEY = "Sec-WebSocket-Key: " + WsClient.KEY + "\r\n";
    private static final String VERSION = "Sec-WebSocket-Version: 13\r\n";
    private static final String SWITCH = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: " + WsClient.ACCEPT + "\r\n";

    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = start(true);
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    private static HttpServer start(boolean deflate) throws IOException {
        WebSocketListener echo = new WsReplay.Recorder(true);
        return HttpServer.builder().port(0).webSocketDeflate(deflate).handler((req, res) -> {
            switch (req.path()) {
                case "/ws" -> res.upgrade(echo);
                case "/chat" -> res.upgrade(echo, WebSockets.offeredProtocols(req).contains("chat") ? "chat" : null);
                case "/cookie" -> {
                    res.addHeader("Set-Cookie", "a=1").header("Sec-WebSocket-Accept", "forged");
                    res.upgrade(echo);
                }
                case "/throws" -> {
                    res.upgrade(echo);
                    throw new IllegalStateException("after accepting");
                }
                case "/unoffered" -> res.upgrade(echo, "nope");
                case "/forbidden" -> res.status(403).send("not for you\n");
                case "/twice" -> {
                    res.upgrade(echo);
                    res.upgrade(echo);
                }
                case "/send-after" -> {
                    res.upgrade(echo);
                    res.send("body");
                }
                default -> res.status(404).send();
            }
        }).start();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("POST", "POST /ws HTTP/1.1\r\nHost: a\r\n" + UPGRADE + CONNECTION + KEY + VERSION + "\r\n",
                        "HTTP/1.1 400 Bad Request"),
                Arguments.of("HTTP/1.0", "GET /ws HTTP/1.0\r\nHost: a\r\n" + UPGRADE + CONNECTION + KEY + VERSION + "\r\n",
                        "HTTP/1.1 400 Bad Request"),
                Arguments.of("no Upgrade", head(CONNECTION + KEY + VERSION), "HTTP/1.1 426 Upgrade Required"),
                Arguments.of("Upgrade: h2c", head("Upgrade: h2c\r\n" + CONNECTION + KEY + VERSION), "HTTP/1.1 426 Upgrade Required"),
                Arguments.of("no Connection: upgrade", head(UPGRADE + "Connection: keep-alive\r\n" + KEY + VERSION),
                        "HTTP/1.1 400 Bad Request"),
                Arguments.of("version 8", head(UPGRADE + CONNECTION + KEY + "Sec-WebSocket-Version: 8\r\n"),
                        "HTTP/1.1 426 Upgrade Required"),
                Arguments.of("no version", head(UPGRADE + CONNECTION + KEY), "HTTP/1.1 426 Upgrade Required"),
                Arguments.of("two versions", head(UPGRADE + CONNECTION + KEY + VERSION + VERSION), "HTTP/1.1 426 Upgrade Required"),
                Arguments.of("no key", head(UPGRADE + CONNECTION + VERSION), "HTTP/1.1 400 Bad Request"),
                Arguments.of("key of 15 bytes", head(UPGRADE + CONNECTION + VERSION + "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAA\r\n"),
                        "HTTP/1.1 400 Bad Request"),
                Arguments.of("key of 17 bytes", head(UPGRADE + CONNECTION + VERSION + "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAA=\r\n"),
                        "HTTP/1.1 400 Bad Request"),
                Arguments.of("key without padding", head(UPGRADE + CONNECTION + VERSION + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ\r\n"),
                        "HTTP/1.1 400 Bad Request"),
                Arguments.of("key not base64", head(UPGRADE + CONNECTION + VERSION + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25j*Q==\r\n"),
                        "HTTP/1.1 400 Bad Request"),
                Arguments.of("key with stray low bits", head(UPGRADE + CONNECTION + VERSION
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZR==\r\n"), "HTTP/1.1 400 Bad Request"),
                Arguments.of("two keys", head(UPGRADE + CONNECTION + VERSION + KEY + KEY), "HTTP/1.1 400 Bad Request"),
                Arguments.of("a body", head(UPGRADE + CONNECTION + KEY + VERSION + "Content-Length: 5\r\n") + "hello",
                        "HTTP/1.1 400 Bad Request"),
                Arguments.of("a chunked body", head(UPGRADE + CONNECTION + KEY + VERSION + "Transfer-Encoding: chunked\r\n")
                        + "0\r\n\r\n", "HTTP/1.1 400 Bad Request"),
                Arguments.of("application refusal", WsClient.request("/forbidden", ""), "HTTP/1.1 403 Forbidden"),
                Arguments.of("subprotocol not offered", WsClient.request("/unoffered", ""), "HTTP/1.1 500 Internal Server Error"),
                Arguments.of("handler throws after accepting", WsClient.request("/throws", ""), "HTTP/1.1 500 Internal Server Error"),
                Arguments.of("upgrade called twice", WsClient.request("/twice", ""), "HTTP/1.1 500 Internal Server Error"),
                Arguments.of("a body sent after accepting", WsClient.request("/send-after", ""), "HTTP/1.1 500 Internal Server Error"));
    }

    private static String head(String fields) {
        return "GET /ws HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aRequestThatCannotSwitchGetsItsStatusAndStaysHttp(String name, String request, String statusLine) throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send(request).read();
            assertEquals(statusLine, r.statusLine(), name);
            if (r.status() == 426) {
                assertEquals("13", r.header("Sec-WebSocket-Version"));
                assertEquals("websocket", r.header("Upgrade"));
                assertEquals("upgrade", r.header("Connection"));
            }
            if (r.status() == 400 || r.status() == 426) {
                assertTrue(r.text().contains("RFC 6455"), r.text());
            }
            if (request.contains("HTTP/1.0")) {
                assertTrue(c.closedByServer(), "HTTP/1.0 without keep-alive");
            } else {
                // the connection still speaks HTTP
                assertEquals("HTTP/1.1 404 Not Found", c.send("GET /nothing HTTP/1.1\r\nHost: a\r\n\r\n").read().statusLine());
            }
        }
    }

    @Test
    void theRfcExampleKeyGetsTheExact101() throws IOException {
        try (WsClient c = new WsClient(server.port())) {
            assertEquals(SWITCH + "\r\n", c.handshake("/ws", ""));
        }
    }

    @Test
    void tokensAreMatchedInListsAndAnyCase() throws IOException {
        try (WsClient c = new WsClient(server.port())) {
            c.send(("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: foo/2, WebSocket\r\nConnection: keep-alive, UPGRADE\r\n"
                    + KEY + VERSION + "Content-Length: 0\r\n\r\n").getBytes(ISO_8859_1));
            assertEquals(SWITCH + "\r\n", c.head());
        }
    }

    @Test
    void theChosenSubprotocolTheAgreedExtensionAndTheHandlersCookieGoOut() throws IOException {
        try (WsClient c = new WsClient(server.port())) {
            assertEquals(SWITCH + "Sec-WebSocket-Protocol: chat\r\n\r\n",
                    c.handshake("/chat", "Sec-WebSocket-Protocol: superchat, chat\r\n"));
        }
        try (WsClient c = new WsClient(server.port())) {
            assertEquals(SWITCH + "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; "
                    + "client_no_context_takeover\r\n\r\n", c.handshake("/ws", "Sec-WebSocket-Extensions: permessage-deflate\r\n"));
        }
        try (WsClient c = new WsClient(server.port())) {
            assertEquals(SWITCH + "Set-Cookie: a=1\r\n\r\n", c.handshake("/cookie", ""), "the handler's accept is not sent");
        }
    }

    @Test
    void noExtensionWhenTheBuilderForbidsDeflate() throws IOException {
        try (HttpServer plain = start(false); WsClient c = new WsClient(plain.port())) {
            assertEquals(SWITCH + "\r\n", c.handshake("/ws", "Sec-WebSocket-Extensions: permessage-deflate\r\n"));
            c.send(WsFrames.frame(0xC1, WsFrames.deflate(WsFrames.utf8("x"))));
            assertEquals(1002, c.read().closeCode(), "RSV1 means nothing without the extension");
        }
    }

    @Test
    void framesSentRightBehindTheHandshakeAreRead() throws IOException {
        try (WsClient c = new WsClient(server.port())) {
            c.send(WsFrames.concat(WsClient.request("/ws", "").getBytes(ISO_8859_1), WsFrames.text("early"),
                    WsFrames.ping("p"), WsFrames.close(1000, "")));
            assertEquals(SWITCH + "\r\n", c.head());
            assertEquals("early", c.read().text());
            assertEquals(0x8A, c.read().b0());
            assertEquals(1000, c.read().closeCode());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void anOpenWebSocketCountsTowardMaxConnections() throws IOException {
        try (HttpServer one = HttpServer.builder().port(0).limits(Limits.defaults().withMaxConnections(1))
                .handler((req, res) -> res.upgrade(new WsReplay.Recorder(true))).start();
                WsClient ws = new WsClient(one.port())) {
            assertEquals(SWITCH + "\r\n", ws.handshake("/", ""));
            try (RawClient other = new RawClient(one.port())) {
                assertEquals("HTTP/1.1 503 Service Unavailable", other.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read().statusLine());
            }
            ws.send(WsFrames.text("still served"));
            assertEquals("still served", ws.read().text());
        }
    }

    @Test
    void theConnectionCountsWhileTheWebSocketIsOpen() throws Exception {
        try (WsClient c = new WsClient(server.port())) {
            c.handshake("/ws", "");
            assertEquals(1, server.connectionCount());
            c.send(WsFrames.close(1000, ""));
            assertEquals(1000, c.read().closeCode());
            assertTrue(c.closedByServer());
        }
        assertTrue(WebSocketTimingTest.eventually(() -> server.connectionCount() == 0), "closed after the handshake");
        assertFalse(server.connectionCount() > 0);
    }
}
