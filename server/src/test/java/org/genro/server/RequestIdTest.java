package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** X-Request-Id: kept from a trusted proxy when valid, made otherwise, sent back and logged. */
class RequestIdTest {
    private static final String MADE = "[0-9a-f]{8}-[0-9]+";

    private static String id(AsgiServer server, FakeRequest request) {
        Reply reply = server.handle(request);
        return reply.headers().first("X-Request-Id");
    }

    @Test
    void onlyATrustedProxysValidIdIsKept() {
        try (AsgiServer server = AsgiServer.builder().mount("shop", new ShopApp("ids"))
                .set("server.trusted_proxies", List.of("10.0.0.0/8")).build()) {
            assertEquals("edge-7f3a.42", id(server, FakeRequest.get("/shop/").from("10.0.0.2")
                    .header("X-Request-Id", "edge-7f3a.42")));
            String fromClient = id(server, FakeRequest.get("/shop/").from("203.0.113.9").header("X-Request-Id", "edge-1"));
            assertTrue(fromClient.matches(MADE), "a client's id is not trusted: " + fromClient);
            assertTrue(id(server, FakeRequest.get("/shop/").from("10.0.0.2").header("X-Request-Id", "a b"))
                    .matches(MADE), "a space");
            assertTrue(id(server, FakeRequest.get("/shop/").from("10.0.0.2").header("X-Request-Id", "x".repeat(129)))
                    .matches(MADE), "too long");
            String first = id(server, FakeRequest.get("/shop/"));
            String second = id(server, FakeRequest.get("/shop/"));
            assertTrue(first.matches(MADE) && second.matches(MADE));
            assertNotEquals(first, second);
            assertTrue(id(server, FakeRequest.get("/shop/nothing")).matches(MADE), "errors carry one too");
        }
    }

    @Test
    void theIdGoesBackAndIntoTheAccessLogFile(@TempDir Path dir) throws Exception {
        String sent;
        try (AsgiServer server = AsgiServer.builder().serverDir(dir).port(0).mount("shop", new ShopApp("ids"))
                .middleware("logging", Map.of("to", "logs/access.log", "format", "json")).start()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/shop/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            sent = r.headers().firstValue("X-Request-Id").orElseThrow();
        }
        // closing the server wrote every line: no waiting here
        List<String> lines = Files.readAllLines(dir.resolve("logs/access.log"));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"id\":\"" + sent + "\"") && l.contains("\"path\":\"/shop/\"")),
                lines.toString());
    }
}
