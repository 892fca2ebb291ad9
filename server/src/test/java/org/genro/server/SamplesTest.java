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

    @Test
    void pluginConfigSampleLocksAnEntryLive(@org.junit.jupiter.api.io.TempDir Path copy) throws Exception {
        try (Stream<Path> files = Files.walk(SAMPLES.resolve("plugin-config"))) {
            for (Path f : files.filter(p -> !p.toString().contains(".genro")).toList()) {
                Path to = copy.resolve(SAMPLES.resolve("plugin-config").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
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

    private static HttpResponse<String> post(AsgiServer s, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
