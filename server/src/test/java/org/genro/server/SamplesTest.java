package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Boots every directory in config-samples/ as the README's command does, and drives it. */
class SamplesTest {
    static final Path SAMPLES = Path.of("..", "config-samples").toAbsolutePath().normalize();
    /** Plain JSON reading for assertions: floats as doubles, whatever the server's own mapper does. */
    static final com.fasterxml.jackson.databind.ObjectMapper READER = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    static Stream<Path> samples() throws Exception {
        try (Stream<Path> dirs = Files.list(SAMPLES)) {
            List<Path> all = dirs.filter(d -> Files.isRegularFile(d.resolve("config.yaml"))).sorted().toList();
            assertTrue(!all.isEmpty(), "samples found in " + SAMPLES);
            return all.stream();
        }
    }

    private static AsgiServer boot(Path dir) throws Exception {
        return new AsgiServer(dir, "127.0.0.1", 0, false, List.of(), null).start();
    }

    private static HttpResponse<String> get(AsgiServer s, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleBootsAndIsHealthy(Path dir) throws Exception {
        try (AsgiServer s = boot(dir)) {
            HttpResponse<String> health = get(s, "/_server/health");
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"status\":\"ok\""));
            assertTrue(get(s, "/").statusCode() < 400, "the root answers");
        }
    }

    @Test
    void helloAnswersAsTheReadmeSays() throws Exception {
        try (AsgiServer s = boot(SAMPLES.resolve("hello"))) {
            assertEquals("Hello from genro!\n", get(s, "/").body());
            assertEquals("Hello from genro!\n", get(s, "/hello/").body());
            assertEquals(Map.of("message", "Hello, Ada! Hello, Ada!", "times", 2),
                    READER.readValue(get(s, "/hello/greet?name=Ada&times=2").body(), Map.class));
            assertEquals(Map.of("message", "Hello, Ada!", "times", 1),
                    READER.readValue(get(s, "/hello/greet/Ada?times=1").body(), Map.class));
            assertEquals(Map.of("a", 2, "b", 40, "sum", 42),
                    READER.readValue(get(s, "/hello/math/add?a=2&b=40").body(), Map.class));
            HttpResponse<String> bad = get(s, "/hello/greet?name=Ada&times=x");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("times"), bad.body());
            HttpResponse<String> mean = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/hello/math/mean"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"values\":[1,2,4.5]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(Map.of("count", 3, "mean", 2.5), READER.readValue(mean.body(), Map.class));
            assertEquals("{\"total\":59.97}", get(s, "/hello/math/total?price=19.99&qty=3").body());
            assertEquals("{\"date\":\"2025-01-15\",\"weekday\":\"WEDNESDAY\"}", get(s, "/hello/math/weekday?date=2025-01-15::D").body());
            assertEquals("{\"message\":\"Hello, Ada! Hello, Ada!\",\"times\":2}", get(s, "/hello/greet?name=Ada&times=2").body(),
                    "the README shows this exact body");
            assertEquals("{\"a\":2,\"b\":40,\"sum\":42}", get(s, "/hello/math/add?a=2&b=40").body());
            assertTrue(get(s, "/hello/info").body().contains("\"greeting\":\"Hello\""));
        }
    }

    /** A sample copied to {@code to}, without what a run left in it, so a test can change it. */
    private static void copySample(String name, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(SAMPLES.resolve(name))) {
            for (Path f : files.filter(p -> !p.toString().contains(".genro")).toList()) {
                Path target = to.resolve(SAMPLES.resolve(name).relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    @Test
    void pluginConfigSampleLocksAnEntryLive(@org.junit.jupiter.api.io.TempDir Path copy) throws Exception {
        copySample("plugin-config", copy);
        try (AsgiServer s = boot(copy)) {
            assertEquals(200, get(s, "/notes/").statusCode());
            assertEquals(503, get(s, "/notes/gpu").statusCode());
            assertEquals(200, post(s, "/notes/lock?entry=index").statusCode());
            assertEquals(401, get(s, "/notes/").statusCode());
            assertEquals(200, post(s, "/notes/save").statusCode());
            assertTrue(Files.isRegularFile(copy.resolve("plugin_config.json")));
        }
        try (AsgiServer again = boot(copy)) {
            assertEquals(401, get(again, "/notes/").statusCode(), "the saved lock applies at boot");
            post(again, "/notes/unlock?entry=index");
            assertEquals(200, get(again, "/notes/").statusCode());
        }
    }

    /** The plugin-config sample shows the three system apps the README points at. */
    @Test
    void pluginConfigSampleShowsTheSystemPages(@org.junit.jupiter.api.io.TempDir Path copy) throws Exception {
        copySample("plugin-config", copy);
        try (AsgiServer s = boot(copy)) {
            HttpResponse<String> openapi = get(s, "/_sys/openapi");
            assertEquals(200, openapi.statusCode());
            assertTrue(openapi.body().startsWith("{\"openapi\":\"3.1.0\""), openapi.body());
            assertTrue(openapi.body().contains("\"/notes/gpu\""), openapi.body());
            for (String page : List.of("/_sys/explorer/", "/_sys/plugins/")) {
                HttpResponse<String> shell = get(s, page);
                assertEquals(200, shell.statusCode(), page);
                assertTrue(shell.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), page);
                assertTrue(shell.headers().firstValue("Content-Security-Policy").isPresent(), page);
                HttpResponse<String> tree = get(s, page + "tree");
                assertEquals(200, tree.statusCode(), page);
                assertTrue(tree.body().contains("\"notes\""), tree.body());
            }
        }
    }

    private static HttpResponse<String> as(AsgiServer s, String path, String header, String value) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).header(header, value)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JWT signed with the shop-api sample's partner secret. */
    private static String partnerToken(String claims) throws Exception {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes()) + "." + b64.encodeToString(claims.getBytes());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("sample-partner-secret-0123456789abcdef".getBytes(), "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes()));
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    /** The README's shop-api walk: open catalog, 401 and 403 by tag, a login whose session survives a restart. */
    @Test
    void shopApiSampleGuardsByTagAndKeepsSessionsAcrossARestart(@org.junit.jupiter.api.io.TempDir Path copy)
            throws Exception {
        copySample("shop-api", copy);
        String cookie;
        try (AsgiServer s = boot(copy)) {
            String self = "http://127.0.0.1:" + s.port();
            assertTrue(get(s, "/shop/products").body().contains("Fountain pen"));
            assertEquals(401, get(s, "/shop/orders").statusCode());
            assertEquals(200, as(s, "/shop/orders", "Authorization", basic("alice", "alice-pass")).statusCode());
            assertEquals(403, as(s, "/shop/stats", "Authorization", basic("alice", "alice-pass")).statusCode());
            assertEquals(200, as(s, "/shop/stats", "Authorization", basic("root", "root-pass")).statusCode());
            assertEquals(200, as(s, "/shop/stats", "Authorization", "Bearer shop-reporting-token-2f6c1e").statusCode());
            assertEquals(401, as(s, "/shop/stats", "Authorization", "Bearer shop-reporting-token-2f6c1f").statusCode());
            String partner = partnerToken("{\"sub\":\"dave\",\"iss\":\"partner.example\"}");
            assertEquals(200, as(s, "/shop/orders", "Authorization", "Bearer " + partner).statusCode());
            assertEquals(401, as(s, "/shop/orders", "Authorization", "Bearer "
                    + partnerToken("{\"sub\":\"dave\",\"iss\":\"elsewhere.example\"}")).statusCode());
            HttpResponse<String> login = CLIENT.send(HttpRequest.newBuilder(URI.create(self + "/_server/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"identity\":\"carol\",\"password\":\"carol-pass\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"identity\":\"carol\",\"tags\":[\"customer\"]}", login.body());
            String set = login.headers().firstValue("set-cookie").orElseThrow();
            cookie = set.substring(0, set.indexOf(';'));
            HttpResponse<String> order = CLIENT.send(HttpRequest.newBuilder(URI.create(self + "/shop/order?product=2&quantity=3"))
                    .header("Cookie", cookie).header("Origin", self).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, order.statusCode(), order.body());
            assertTrue(order.body().contains("\"customer\":\"carol\""), order.body());
            assertEquals(403, as(s, "/shop/stats", "Cookie", cookie).statusCode());
        }
        try (AsgiServer again = boot(copy)) {
            HttpResponse<String> whoami = as(again, "/shop/whoami", "Cookie", cookie);
            assertEquals("{\"identity\":\"carol\",\"tags\":[\"customer\"]}", whoami.body(), "the session survived the restart");
            assertEquals(200, as(again, "/shop/orders", "Cookie", cookie).statusCode());
        }
    }

    private static HttpResponse<String> post(AsgiServer s, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
