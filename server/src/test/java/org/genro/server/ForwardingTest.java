package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;
import org.genro.http.Request;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.config.AddressRanges;
import org.genro.server.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client behind trusted proxies: whose fields count, which hop is the client, and what is ignored. */
class ForwardingTest {
    private static final AddressRanges TRUSTED = AddressRanges.of(List.of("10.0.0.0/8", "127.0.0.1", "::1"));

    /** What the app sees: client address (or "unknown"), https or not, Host. */
    private static String seen(Request r) {
        InetSocketAddress a = r.remoteAddress();
        String who = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return who + (a.getPort() == 0 || a.getPort() == 40000 ? "" : " port " + a.getPort()) + " " + (r.secure() ? "https" : "http")
                + " " + r.authority();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // peer, field, value → what the app sees
                Arguments.of("203.0.113.9", "X-Forwarded-For", "198.51.100.7", "203.0.113.9 http shop.example"),
                Arguments.of("10.0.0.2", "X-Forwarded-For", "198.51.100.7", "198.51.100.7 http shop.example"),
                Arguments.of("10.0.0.2", "X-Forwarded-For", "6.6.6.6, 198.51.100.7", "198.51.100.7 http shop.example"),
                Arguments.of("10.0.0.2", "X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.0.0.9", "198.51.100.7 http shop.example"),
                Arguments.of("10.0.0.2", "X-Forwarded-For", "10.0.0.7, 10.0.0.9", "10.0.0.7 http shop.example"),
                Arguments.of("10.0.0.2", "X-Forwarded-For", "6.6.6.6, garbage", "unknown http shop.example"),
                Arguments.of("10.0.0.2", "X-Forwarded-For", "6.6.6.6, evil.example", "unknown http shop.example"),
                Arguments.of("10.0.0.2", "X-Forwarded-For", "2001:db8::1", "2001:db8:0:0:0:0:0:1 http shop.example"),
                Arguments.of("10.0.0.2", "X-Forwarded-For", "198.51.100.7:5555", "198.51.100.7 port 5555 http shop.example"),
                Arguments.of("10.0.0.2", "X-Forwarded-Proto", "https", "10.0.0.2 https shop.example"),
                Arguments.of("10.0.0.2", "X-Forwarded-Proto", "gopher", "10.0.0.2 http shop.example"),
                Arguments.of("10.0.0.2", "X-Forwarded-Host", "www.example:8443", "10.0.0.2 http www.example:8443"),
                Arguments.of("10.0.0.2", "X-Forwarded-Host", "evil.example/path", "10.0.0.2 http shop.example"),
                Arguments.of("10.0.0.2", "X-Forwarded-Host", "a b", "10.0.0.2 http shop.example"),
                Arguments.of("10.0.0.2", "X-Forwarded-Host", "[::1]:80", "10.0.0.2 http [::1]:80"),
                Arguments.of("10.0.0.2", "Forwarded", "for=198.51.100.7;proto=https;host=shop.example",
                        "198.51.100.7 https shop.example"),
                Arguments.of("10.0.0.2", "Forwarded", "for=\"[2001:db8:cafe::17]:4711\"",
                        "2001:db8:cafe:0:0:0:0:17 port 4711 http shop.example"),
                Arguments.of("10.0.0.2", "Forwarded", "for=6.6.6.6;proto=https, for=198.51.100.7;proto=http, for=10.0.0.5",
                        "198.51.100.7 http shop.example"),
                Arguments.of("10.0.0.2", "Forwarded", "for=unknown", "unknown http shop.example"),
                Arguments.of("10.0.0.2", "Forwarded", "For=\"_hidden\";Proto=HTTPS", "unknown https shop.example"),
                Arguments.of("10.0.0.2", "Forwarded", "for=198.51.100.7;host=\"evil.example\\\"x\"",
                        "198.51.100.7 http shop.example"),
                Arguments.of("::1", "Forwarded", "for=198.51.100.7", "198.51.100.7 http shop.example"));
    }

    @ParameterizedTest(name = "from {0}: {1}: {2}")
    @MethodSource("table")
    void theRightmostUntrustedHopIsTheClient(String peer, String field, String value, String expected) {
        Request r = FakeRequest.get("/").from(peer).host("shop.example").header(field, value);
        assertEquals(expected, seen(Forwarding.resolve(r, TRUSTED)));
    }

    @Test
    void forwardedWinsOverTheXForwardedFieldsAndSpansFieldLines() {
        Request r = FakeRequest.get("/").from("10.0.0.2").host("shop.example")
                .header("X-Forwarded-For", "6.6.6.6")
                .header("Forwarded", "for=198.51.100.7;proto=https")
                .header("Forwarded", "for=10.0.0.3");
        assertEquals("198.51.100.7 https shop.example", seen(Forwarding.resolve(r, TRUSTED)));
    }

    @Test
    void aTrustedPeerForwardingNothingIsTheClientAndAnUntrustedOneIsLeftAsItIs() {
        Request plain = FakeRequest.get("/").from("10.0.0.2").host("shop.example");
        assertEquals("10.0.0.2 http shop.example", seen(Forwarding.resolve(plain, TRUSTED)),
                "a trusted peer that forwards nothing is the client");
        assertTrue(Forwarding.resolve(plain, TRUSTED) instanceof Forwarding.Proxied, "and still a trusted peer");
        Request forwarded = FakeRequest.get("/").from("10.0.0.2").header("X-Forwarded-For", "198.51.100.7");
        assertSame(forwarded, Forwarding.resolve(forwarded, AddressRanges.NONE));
    }

    @Test
    void withoutTrustedProxiesThePeerIsNotAskedFor() {
        int[] asked = {0};
        Request request = new FakeRequest() {
            @Override
            public InetSocketAddress remoteAddress() {
                asked[0]++;
                return super.remoteAddress();
            }
        };
        assertSame(request, Forwarding.resolve(request, AddressRanges.NONE));
        // a socket's address is read under the socket's lock: not on every request for nothing
        assertEquals(0, asked[0]);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"shop.example", "shop.example:8080", "127.0.0.1", "[2001:db8::1]", "[::1]:443", "a-b.c"})
    void validHosts(String host) {
        assertTrue(Forwarding.validHost(host));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "a b", "a/b", "a@b", "[not-v6]", "host:99999", "host:", ":80", "a\r\nX: y", "h:8a"})
    void invalidHosts(String host) {
        assertFalse(Forwarding.validHost(host));
    }

    @Test
    void serverPagesJudgeTheForwardedClient() {
        try (AsgiServer server = AsgiServer.builder().mount("shop", new ShopApp("fwd"))
                .set("server.trusted_proxies", List.of("127.0.0.1")).build()) {
            assertEquals(403, server.handle(FakeRequest.get("/_server/config").from("127.0.0.1").host("localhost")
                    .header("X-Forwarded-For", "198.51.100.7")).status(), "a remote client through the local proxy");
            assertEquals(200, server.handle(FakeRequest.get("/_server/config").from("127.0.0.1").host("localhost")
                    .header("X-Forwarded-For", "127.0.0.1")).status(), "a local client through the local proxy");
            assertEquals(403, server.handle(FakeRequest.get("/_server/config").from("127.0.0.1").host("localhost")
                    .header("X-Forwarded-For", "127.0.0.1").header("X-Forwarded-Host", "attacker.example")).status(),
                    "the host the proxy received is judged");
        }
        try (AsgiServer server = AsgiServer.builder().mount("shop", new ShopApp("fwd")).build()) {
            assertEquals(403, server.handle(FakeRequest.get("/_server/config").from("127.0.0.1").host("localhost")
                    .header("X-Forwarded-For", "127.0.0.1")).status(), "untrusted: forwarding fields make it foreign");
        }
    }

    @Test
    void trustedProxiesAreCheckedAtStartup() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AsgiServer.builder().set("server.trusted_proxies", List.of("proxy.internal")).build());
        assertTrue(e.getMessage().startsWith("server.trusted_proxies"), e.getMessage());
        assertTrue(e.getMessage().contains("proxy.internal"), e.getMessage());
    }

    /** Tells the address a call was made from. */
    public static final class Who extends RoutingClass {
        @Route
        public String index() {
            InetSocketAddress a = Context.request().remoteAddress();
            return a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        }
    }

    /**
     * WSX calls once took the address, scheme and host from the engine's handshake, not from
     * the request the server resolved: behind a trusted proxy every call looked like the proxy.
     */
    @Test
    void wsxCallsSeeTheClientBehindATrustedProxy() throws Exception {
        try (AsgiServer server = AsgiServer.builder().port(0).mount("who", new Who())
                .set("server.trusted_proxies", List.of("127.0.0.1")).start();
             WsxClient proxied = WsxClient.connect(server.port(), "X-Forwarded-For", "198.51.100.7")) {
            assertEquals("198.51.100.7", proxied.call("GET", "/who/").get("data").asText());
        }
        try (AsgiServer server = AsgiServer.builder().port(0).mount("who", new Who())
                .set("server.trusted_proxies", List.of("127.0.0.1")).start();
             WsxClient local = WsxClient.connect(server.port(), "X-Forwarded-For", "127.0.0.1",
                     "X-Request-Id", "edge-42")) {
            JsonNode config = local.call("GET", "/_server/config");
            assertEquals(200, config.get("status").asInt(), "a local client through the trusted proxy: " + config);
            assertEquals("edge-42", config.get("headers").get("X-Request-Id").asText(), "the proxy's request id kept");
        }
        try (AsgiServer server = AsgiServer.builder().port(0).mount("who", new Who()).start();
             WsxClient direct = WsxClient.connect(server.port(), "X-Forwarded-For", "198.51.100.7")) {
            assertEquals("127.0.0.1", direct.call("GET", "/who/").get("data").asText(), "untrusted: the peer");
        }
    }
}
