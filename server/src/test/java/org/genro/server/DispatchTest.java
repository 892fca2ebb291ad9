package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The dispatcher end to end through a real socket and the JDK HttpClient. */
class DispatchTest {
    private static AsgiServer server;
    /** Plain JSON reading for assertions: floats as doubles, whatever the server's own mapper does. */
    static final com.fasterxml.jackson.databind.ObjectMapper READER = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        server = AsgiServer.builder().mount("shop", new ShopApp("main"))
                .mount("engine", (org.genro.http.Handler) (req, res) -> res.send("engine saw " + req.path()))
                .mount("framing", (org.genro.http.Handler) DispatchTest::framing)
                .mount("endpoint", (org.genro.server.exchange.Endpoint) DispatchTest::endpoint)
                .mainApp("shop").start();
    }

    /** An engine handler trying to set the fields that frame the message. */
    private static void framing(org.genro.http.Request req, org.genro.http.Response res) {
        switch (req.path()) {
            case "/list" -> res.headers().add("Transfer-Encoding", "chunked");
            case "/field" -> res.header("Transfer-Encoding", "chunked");
            default -> res.header("Content-Length", "999");
        }
        res.send("framed by the engine");
    }

    /** An endpoint: every path under its mount, with the exchange the pipeline made. */
    private static org.genro.server.exchange.Reply endpoint(org.genro.server.exchange.Exchange exchange) {
        if (exchange.appPath().equals("refuse")) {
            throw new org.genro.server.exchange.HttpError(409, "refused by the endpoint");
        }
        return org.genro.server.exchange.Reply.text("endpoint saw " + exchange.method() + " '" + exchange.appPath() + "'");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String type, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                // path → status, content type prefix, body
                Arguments.of("/shop/", 200, "text/plain", "shop main"),
                Arguments.of("/", 200, "text/plain", "shop main"),
                Arguments.of("/retrieve/7", 200, "application/json", null),
                Arguments.of("/shop/retrieve/42", 200, "application/json", null),
                Arguments.of("/shop/retrieve?id=5", 200, "application/json", null),
                Arguments.of("/shop/retrieve?id=5::L", 200, "application/json", null),
                Arguments.of("/shop/price?amount=19.90", 200, "application/json", "{\"amount\":19.90,\"currency\":\"EUR\"}"),
                Arguments.of("/shop/articles/list", 200, "application/json", "[\"pen\",\"ink\"]"),
                Arguments.of("/shop/articles/", 200, "text/plain", "articles"),
                Arguments.of("/shop/csv", 200, "text/csv; charset=utf-8", "a,b\n1,2\n"),
                Arguments.of("/shop/file", 200, "text/plain", "file body"),
                Arguments.of("/shop/nothing", 200, null, ""),
                Arguments.of("/shop/created", 201, "text/plain", "made"),
                Arguments.of("/shop/a%2Fb", 400, "text/plain", null),
                Arguments.of("/shop/../_server/health", 200, "application/json", null),
                Arguments.of("/../etc/passwd", 400, "text/plain", null),
                Arguments.of("/shop/retrieve?id=abc", 400, "text/plain", null),
                Arguments.of("/shop/retrieve", 400, "text/plain", null),
                Arguments.of("/shop/retrieve/1/2/3", 404, "text/plain", null),
                Arguments.of("/shop/teapot", 418, "text/plain", "short and stout\n"),
                Arguments.of("/shop/boom", 500, "text/plain", "Internal Server Error\n"),
                Arguments.of("/shop/admin", 401, "text/plain", null),
                Arguments.of("/engine/x/y?q=1", 200, "text/plain", "engine saw /x/y"),
                Arguments.of("/engine/", 200, "text/plain", "engine saw /"),
                Arguments.of("/engine", 200, "text/plain", "engine saw /"),
                Arguments.of("/engine/a%20b/", 200, "text/plain", "engine saw /a%20b/"),
                // a mounted handler once got the raw path, dot segments and all
                Arguments.of("/engine/x/../files/a", 200, "text/plain", "engine saw /files/a"),
                Arguments.of("/x/../engine/%66iles/a", 200, "text/plain", "engine saw /files/a"),
                Arguments.of("/endpoint/x/y?q=1", 200, "text/plain", "endpoint saw GET 'x/y'"),
                Arguments.of("/endpoint", 200, "text/plain", "endpoint saw GET ''"),
                Arguments.of("/x/../endpoint/%66iles/a/", 200, "text/plain", "endpoint saw GET 'files/a'"),
                Arguments.of("/endpoint/refuse", 409, "text/plain", "refused by the endpoint\n"),
                // a mounted engine handler once could add a framing field next to the engine's own
                Arguments.of("/framing/list", 500, "text/plain", "Internal Server Error\n"),
                Arguments.of("/framing/field", 500, "text/plain", "Internal Server Error\n"),
                Arguments.of("/framing/length", 200, "text/plain", "framed by the engine"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("answers")
    void answersEachPathWithItsStatusTypeAndBody(String path, int status, String type, String body) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(status, r.statusCode(), r.body());
        if (type != null) {
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith(type),
                    r.headers().firstValue("content-type").orElse("(none)"));
        }
        if (body != null) {
            assertEquals(body, r.body());
        }
    }

    @Test
    void pathAndQueryArgumentsReachTheHandler() throws Exception {
        for (String path : new String[] {"/retrieve/7", "/shop/retrieve/7", "/shop/retrieve?id=7", "/shop/retrieve?id=7::L"}) {
            assertEquals(Map.of("id", 7, "label", "main"), READER.readValue(get(path).body(), Map.class), path);
        }
    }

    @Test
    void validationErrorNamesTheParameter() throws Exception {
        HttpResponse<String> r = get("/shop/retrieve?id=abc");
        assertTrue(r.body().contains("id"), r.body());
        HttpResponse<String> json = get("/shop/retrieve?id=abc", "Accept", "application/json");
        assertTrue(json.body().startsWith("{\"error\":"), json.body());
        assertEquals("application/json", json.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void internalErrorsLeakNothing() throws Exception {
        assertFalse(get("/shop/boom").body().contains("secret"));
    }

    @Test
    void typedArgumentsAreCoerced() throws Exception {
        HttpResponse<String> r = get("/shop/typed?count=3&ratio=0.5&flag=true&day=2025-01-15&ids=1&ids=2");
        assertEquals(200, r.statusCode(), r.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> m = READER.readValue(r.body(), Map.class);
        assertEquals(3, m.get("count"));
        assertEquals(true, m.get("flag"));
        assertEquals("2025-01-15", m.get("day"));
        assertEquals(java.util.List.of(1, 2), m.get("ids"));
    }

    @Test
    void jsonAndFormBodiesBindByName() throws Exception {
        assertEquals(Map.of("item", "pen", "qty", 3),
                READER.readValue(post("/shop/order", "application/json", "{\"item\":\"pen\",\"qty\":3}").body(), Map.class));
        assertEquals(Map.of("item", "ink", "qty", 2),
                READER.readValue(post("/shop/order", "application/x-www-form-urlencoded", "item=ink&qty=2").body(), Map.class));
        assertEquals(400, post("/shop/order", "application/json", "{not json").statusCode());
    }

    @Test
    void methodNotAcceptedIs405WithAllow() throws Exception {
        HttpResponse<String> r = get("/shop/order?item=a&qty=1");
        assertEquals(405, r.statusCode());
        assertEquals("OPTIONS, POST", r.headers().firstValue("allow").orElse(""));
    }

    @Test
    void optionsIs204WithAllowAndUnknownMethodsAre501() throws Exception {
        HttpResponse<String> options = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/shop/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, options.statusCode());
        assertEquals("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT", options.headers().firstValue("allow").orElse(""));
        HttpResponse<String> brew = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/shop/"))
                .method("BREW", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(501, brew.statusCode());
    }

    @Test
    void declaredBodyOverTheLimitIs413BeforeTheApp() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("POST /shop/order HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000000\r\nExpect: 100-continue\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream())).readLine();
            assertEquals("HTTP/1.1 413 Content Too Large", status);
        }
    }

    @Test
    void bytesAreOctetStream() throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/shop/raw")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("application/octet-stream", r.headers().firstValue("content-type").orElse(""));
        assertArrayEquals(new byte[] {1, 2, 3}, r.body());
    }

    @Test
    void pendingResponseHeadersAreMerged() throws Exception {
        assertEquals("seen=1; Path=/", get("/shop/withCookie").headers().firstValue("set-cookie").orElse(""));
    }

    @Test
    void scopedContextIsVisibleFromCodeTheHandlerCalls() throws Exception {
        assertEquals("GET shop who true", get("/shop/who").body());
        assertFalse(Context.active(), "no context outside a request");
    }

    /** The config and the requests in flight were once shown to any remote client. */
    @Test
    void serverEndpointsOtherThanHealthRefuseRemoteAnonymousClients() {
        assertEquals(200, server.handle(FakeRequest.get("/_server/health").from("203.0.113.9")).status());
        for (String p : new String[] {"/_server/config", "/_server/requests", "/_server/metrics", "/_server/"}) {
            assertEquals(403, server.handle(FakeRequest.get(p).from("203.0.113.9")).status(), p);
        }
    }

    @Test
    void serverEndpointsAnswer() throws Exception {
        assertTrue(get("/_server/health").body().contains("\"status\":\"ok\""));
        assertTrue(get("/_server/metrics").body().contains("requests_total"));
        assertTrue(get("/_server/requests").body().contains("\"count\":1"), "the request asking is in flight");
        assertTrue(get("/_server/").body().contains("<h1>genro server</h1>"));
        assertTrue(get("/_server/config").body().contains("\"server\""));
    }
}
