package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who counts as a local client for the {@code /_server/} pages, and what a shared cache
 * may keep of their answers.
 */
class LoopbackTrustTest {
    private static AsgiServer server;

    @BeforeAll
    static void start() throws Exception {
        server = AsgiServer.builder().port(0).mount("shop", new ShopApp("trust"))
                .middleware("cache", Map.of("max_age", 60, "store", true)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> callers() {
        return Stream.of(
                Arguments.of("127.0.0.1", "localhost", null, null, 200),
                Arguments.of("127.0.0.1", "localhost:8000", null, null, 200),
                Arguments.of("127.0.0.1", "127.0.0.1:8000", null, null, 200),
                Arguments.of("127.0.0.1", "127.8.9.10", null, null, 200),
                Arguments.of("::1", "[::1]:8000", null, null, 200),
                // DNS rebinding: a hostile name that resolves to 127.0.0.1 arrives from loopback
                Arguments.of("127.0.0.1", "attacker.example", null, null, 403),
                Arguments.of("127.0.0.1", "localhost.attacker.example", null, null, 403),
                Arguments.of("127.0.0.1", "127.0.0.1.nip.io", null, null, 403),
                Arguments.of("127.0.0.1", "127.0.0.256", null, null, 403),
                Arguments.of("127.0.0.1", "[::2]", null, null, 403),
                Arguments.of("127.0.0.1", "", null, null, 403),
                // a request a proxy on this machine forwarded for someone else
                Arguments.of("127.0.0.1", "localhost", "X-Forwarded-For", "198.51.100.7", 403),
                Arguments.of("127.0.0.1", "localhost", "Forwarded", "for=198.51.100.7", 403),
                Arguments.of("127.0.0.1", "localhost", "X-Real-IP", "198.51.100.7", 403),
                Arguments.of("203.0.113.9", "localhost", null, null, 403));
    }

    @ParameterizedTest(name = "{0} with Host {1} {2}")
    @MethodSource("callers")
    void serverPagesTrustOnlyALoopbackPeerNamingALoopbackHost(String peer, String host, String field, String value,
                                                               int expected) {
        FakeRequest request = FakeRequest.get("/_server/config").from(peer).host(host);
        if (field != null) {
            request.header(field, value);
        }
        assertEquals(expected, server.handle(request).status(), request.toString());
        assertEquals(200, server.handle(FakeRequest.get("/_server/health").from(peer).host(host)).status(),
                "health answers everyone");
    }

    /** /_server/config once answered a loopback peer whatever its Host said, so a rebinding page could read it. */
    @Test
    void aLoopbackSocketWithAForeignHostIsRefused() throws Exception {
        assertEquals("HTTP/1.1 403 Forbidden", statusLine("attacker.example"));
        assertEquals("HTTP/1.1 200 OK", statusLine("127.0.0.1:" + server.port()));
    }

    private static String statusLine(String host) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET /_server/config HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** With the cache storing replies, a local caller's /_server/ answer once reached remote ones. */
    @Test
    void theCacheNeverServesAServerPageToSomeoneElse() {
        for (String page : new String[] {"/_server/config", "/_server/requests", "/_server/metrics", "/_server/"}) {
            var local = server.handle(FakeRequest.get(page));
            assertEquals(200, local.status(), page);
            assertEquals("no-store", local.headers().first("Cache-Control"), page);
            var remote = server.handle(FakeRequest.get(page).from("203.0.113.9"));
            assertEquals(403, remote.status(), page + " must not come from the store");
            assertEquals(null, remote.headers().first("Age"), page);
        }
        var first = server.handle(FakeRequest.get("/shop/retrieve/7"));
        var again = server.handle(FakeRequest.get("/shop/retrieve/7").from("203.0.113.9"));
        assertNotEquals(null, again.headers().first("Age"), "an ordinary page is still stored: " + first);
    }
}
