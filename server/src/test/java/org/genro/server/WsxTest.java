package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.wsx.WsxRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WSX end to end over a real socket (the JDK's WebSocket client): calls take the same way
 * as HTTP requests (routing, auth tags, channel, session), errors are replies, pushes
 * reach one connection or a topic's subscribers.
 */
class WsxTest {
    private static AsgiServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An app for the tests: entries open, tagged, per channel, typed, pushing. */
    public static class Desk extends RoutingClass {
        @Route
        public String hello(String name) {
            return "hello " + name;
        }

        @Route(auth = "admin")
        public String admin() {
            return "admin area of " + Context.avatar().identity();
        }

        @Route(channel = "wsx")
        public String socketOnly() {
            return "over " + ((WsxRequest) Context.request()).channel().id();
        }

        @Route(channel = "http")
        public String httpOnly() {
            return "http";
        }

        @Route
        public Map<String, Object> typed(LocalDate day, long count) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("next", day.plusDays(count));
            out.put("price", new BigDecimal("10.50"));
            return out;
        }

        @Route
        public Map<String, Object> context() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("wsx", Context.wsx() != null);
            out.put("who", Context.avatar() == null ? null : Context.avatar().identity());
            out.put("session", Context.session() != null);
            return out;
        }

        @Route
        public String pushMe(String text) {
            Context.wsx().push("/direct", Map.of("text", text));
            return "pushed";
        }

        @Route
        public List<String> news() {
            return List.of("old news");
        }

        @Route
        public byte[] bytes() {
            return new byte[] {0, 1, 2};
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = AsgiServer.builder().mount("desk", new Desk())
                .plugin("channel", Map.of("channels", "http,wsx"))
                .set("auth.plain_passwords", true)
                .set("auth.basic.ada", Map.of("password", "ada-pass", "tags", "admin"))
                .set("auth.basic.bob", Map.of("password", "bob-pass", "tags", "user"))
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void answersCallsThroughTheRouter() throws Exception {
        try (WsxClient c = WsxClient.connect(server.port())) {
            JsonNode r = c.call(Map.of("method", "GET", "path", "/desk/hello", "query", Map.of("name", "Ada")));
            assertEquals(200, r.get("status").asInt());
            assertEquals("hello Ada", r.get("data").asText());
            assertEquals(404, c.call("GET", "/desk/nothing").get("status").asInt());
            JsonNode bytes = c.call("GET", "/desk/bytes");
            assertEquals("AAEC", bytes.get("data").asText());
            assertTrue(bytes.get("base64").asBoolean());
        }
    }

    @Test
    void checksAuthTagsPerCallWithTheHandshakeCredentialsOrTheCallsOwn() throws Exception {
        try (WsxClient anonymous = WsxClient.connect(server.port());
             WsxClient ada = WsxClient.connect(server.port(), "Authorization", basic("ada", "ada-pass"))) {
            assertEquals(401, anonymous.call("GET", "/desk/admin").get("status").asInt());
            JsonNode ok = ada.call("GET", "/desk/admin");
            assertEquals(200, ok.get("status").asInt());
            assertEquals("admin area of ada", ok.get("data").asText());
            JsonNode asBob = ada.call(Map.of("method", "GET", "path", "/desk/admin",
                    "headers", Map.of("Authorization", basic("bob", "bob-pass"))));
            assertEquals(403, asBob.get("status").asInt(), "a call's own credentials win for that call");
            JsonNode wrong = anonymous.call(Map.of("method", "GET", "path", "/desk/admin",
                    "headers", Map.of("Authorization", basic("ada", "nope"))));
            assertEquals(401, wrong.get("status").asInt());
            assertEquals(200, ada.call("GET", "/desk/admin").get("status").asInt(), "the override lasted one call");
        }
    }

    @Test
    void routesByChannel() throws Exception {
        try (WsxClient c = WsxClient.connect(server.port())) {
            JsonNode over = c.call("GET", "/desk/socketOnly");
            assertEquals(200, over.get("status").asInt(), over.toString());
            assertTrue(over.get("data").asText().startsWith("over "));
            assertTrue(c.call("GET", "/desk/httpOnly").get("status").asInt() >= 400);
        }
        assertTrue(get("/desk/socketOnly").statusCode() >= 400, "a wsx-only entry refuses HTTP");
        assertEquals(200, get("/desk/httpOnly").statusCode());
    }

    @Test
    void logsInOverTheSocketAndStaysLoggedInForLaterCalls() throws Exception {
        try (WsxClient c = WsxClient.connect(server.port())) {
            JsonNode before = c.call("GET", "/desk/context");
            assertTrue(before.get("data").get("wsx").asBoolean());
            assertTrue(before.get("data").get("who").isNull());
            JsonNode login = c.call(Map.of("method", "POST", "path", "/_server/login",
                    "data", Map.of("identity", "ada", "password", "ada-pass")));
            assertEquals(200, login.get("status").asInt(), login.toString());
            assertFalse(login.toString().contains("session_id="), "the session cookie stays on the server");
            JsonNode after = c.call("GET", "/desk/context");
            assertEquals("ada", after.get("data").get("who").asText());
            assertTrue(after.get("data").get("session").asBoolean());
            assertEquals(200, c.call("GET", "/desk/admin").get("status").asInt());
            assertEquals(200, c.call("POST", "/_server/logout").get("status").asInt());
            assertEquals(401, c.call("GET", "/desk/admin").get("status").asInt());
        }
    }

    @Test
    void keepsTytxTypesBothWays() throws Exception {
        try (WsxClient c = WsxClient.connect(server.port())) {
            JsonNode typed = c.call(Map.of("method", "POST", "path", "/desk/typed", "tytx", true,
                    "data", Map.of("day", "2025-01-15::D", "count", "2::L")));
            assertEquals(200, typed.get("status").asInt(), typed.toString());
            assertTrue(typed.get("typed").asBoolean(), "a typed call gets a typed reply");
            assertEquals("2025-01-17::D", typed.get("data").get("next").asText());
            assertEquals("10.50::N", typed.get("data").get("price").asText());
            JsonNode plain = c.call(Map.of("method", "POST", "path", "/desk/typed",
                    "data", Map.of("day", "2025-01-15::D", "count", 2)));
            assertEquals("2025-01-17", plain.get("data").get("next").asText());
            assertFalse(plain.has("typed"));
        }
    }

    @Test
    void answersWhatIsNotACallWithAnErrorAndStaysOpen() throws Exception {
        try (WsxClient c = WsxClient.connect(server.port())) {
            c.send("not wsx at all");
            JsonNode error = c.event();
            assertEquals(400, error.get("status").asInt());
            c.send("WSX://{\"id\":1,");
            assertEquals(400, c.event().get("status").asInt());
            assertEquals(200, c.call("GET", "/desk/news").get("status").asInt(), "still open");
        }
    }

    @Test
    void pushesToOneConnectionAndToTopicSubscribers() throws Exception {
        try (WsxClient a = WsxClient.connect(server.port()); WsxClient b = WsxClient.connect(server.port())) {
            assertEquals(200, a.call(Map.of("method", "GET", "path", "/desk/pushMe", "query", Map.of("text", "hi")))
                    .get("status").asInt());
            JsonNode direct = a.event();
            assertEquals("/direct", direct.get("topic").asText());
            assertEquals("hi", direct.get("data").get("text").asText());

            JsonNode subscribed = a.call("SUBSCRIBE", "/desk/news");
            assertEquals(200, subscribed.get("status").asInt());
            assertEquals("old news", subscribed.get("data").get(0).asText(), "the reply brings the current state");
            assertEquals(401, b.call("SUBSCRIBE", "/desk/admin").get("status").asInt(), "no reading, no following");
            assertEquals(1, server.wsx().subscriberCount("/desk/news"));
            server.wsx().publish("/desk/news", Map.of("headline", "fresh"));
            assertEquals("fresh", a.event().get("data").get("headline").asText());
            assertTrue(b.events.poll(200, TimeUnit.MILLISECONDS) == null, "b follows nothing");
        }
    }

    @Test
    void refusesPagesFromOtherOriginsAndPlainRequests() throws Exception {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> WsxClient.connect(server.port(), "Origin", "http://evil.example"));
        assertTrue(refused.getCause() instanceof WebSocketHandshakeException, refused.toString());
        assertEquals(403, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        try (WsxClient own = WsxClient.connect(server.port(), "Origin", "http://127.0.0.1:" + server.port())) {
            assertEquals(200, own.call("GET", "/desk/news").get("status").asInt());
        }
        HttpResponse<String> plain = get("/_wsx");
        assertEquals(426, plain.statusCode());
        assertEquals("13", plain.headers().firstValue("Sec-WebSocket-Version").orElse(null));
    }

    @Test
    void tracksConnectionsWhileTheyAreOpen() throws Exception {
        try (AsgiServer own = AsgiServer.builder().mount("desk", new Desk()).start()) {
            WsxClient c = WsxClient.connect(own.port());
            c.call("GET", "/desk/news");
            assertEquals(1, own.wsx().connectionCount());
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + own.port() + "/_server/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(1, WsxClient.JSON.readTree(metrics.body()).get("wsx_connections_open").asInt());
            c.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (own.wsx().connectionCount() != 0 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertEquals(0, own.wsx().connectionCount());
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
