package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default middleware configured from the builder, seen by a real client. */
class PipelineTest {
    private static AsgiServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        server = AsgiServer.builder().mount("shop", new ShopApp("p"))
                .middleware("cors", Map.of("allow_origins", List.of("https://app.example"),
                        "allow_methods", List.of("GET", "POST"), "allow_headers", List.of("Content-Type"),
                        "allow_credentials", true))
                .middleware("compression", Map.of("minimum_size", 100))
                .middleware("cache", Map.of("max_age", 60))
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    @Test
    void preflightFromAnAllowedOriginIsAnswered() throws Exception {
        HttpResponse<byte[]> r = send(at("/shop/order").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertEquals(204, r.statusCode());
        assertEquals("https://app.example", r.headers().firstValue("access-control-allow-origin").orElse(""));
        assertEquals("true", r.headers().firstValue("access-control-allow-credentials").orElse(""));
        assertTrue(r.headers().firstValue("access-control-allow-methods").orElse("").contains("POST"));
        assertTrue(r.headers().firstValue("vary").orElse("").contains("Origin"));
    }

    @Test
    void preflightFromAnotherOriginIsRefused() throws Exception {
        HttpResponse<byte[]> r = send(at("/shop/order").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST"));
        assertEquals(403, r.statusCode());
        assertFalse(r.headers().firstValue("access-control-allow-origin").isPresent());
    }

    @Test
    void actualRequestsGetCorsHeadersOnlyForAllowedOrigins() throws Exception {
        HttpResponse<byte[]> ok = send(at("/shop/").header("Origin", "https://app.example"));
        assertEquals("https://app.example", ok.headers().firstValue("access-control-allow-origin").orElse(""));
        HttpResponse<byte[]> other = send(at("/shop/").header("Origin", "https://evil.example"));
        assertEquals(200, other.statusCode());
        assertFalse(other.headers().firstValue("access-control-allow-origin").isPresent());
    }

    @Test
    void largeTextIsGzippedForClientsThatAcceptIt() throws Exception {
        HttpResponse<byte[]> r = send(at("/shop/big").header("Accept-Encoding", "gzip"));
        assertEquals("gzip", r.headers().firstValue("content-encoding").orElse(""));
        assertTrue(r.body().length < 4000);
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("x".repeat(4000), text);
        assertTrue(r.headers().firstValue("vary").orElse("").contains("Accept-Encoding"));
        HttpResponse<byte[]> refused = send(at("/shop/big").header("Accept-Encoding", "gzip;q=0"));
        assertFalse(refused.headers().firstValue("content-encoding").isPresent());
    }

    @Test
    void etagsAnswerConditionalRequestsWith304AndNoBody() throws Exception {
        HttpResponse<byte[]> first = send(at("/shop/"));
        String etag = first.headers().firstValue("etag").orElseThrow();
        assertEquals("public, max-age=60", first.headers().firstValue("cache-control").orElse(""));
        HttpResponse<byte[]> again = send(at("/shop/").header("If-None-Match", etag));
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
    }
}
