package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.genro.server.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Startup, shutdown, reload, config precedence and startup errors of whole servers. */
class LifecycleTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> get(AsgiServer s, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A server directory whose app is compiled from src/ at startup. */
    private static Path serverDir(Path dir, String config, String greeting) throws Exception {
        Files.writeString(dir.resolve("config.yaml"), config);
        Path src = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(src.resolve("Demo.java"), """
                package demo;
                import org.genro.router.Route;
                import org.genro.router.RoutingClass;
                public class Demo extends RoutingClass {
                    private final String word;
                    public Demo(String word) { this.word = word; }
                    @Route public String index() { return word + " %s"; }
                }
                """.formatted(greeting));
        return dir;
    }

    @Test
    void lifespanHooksRunInMountOrderAndReverse() throws Exception {
        ShopApp.EVENTS.clear();
        AsgiServer s = AsgiServer.builder().mount("a", new ShopApp("a")).mount("b", new ShopApp("b")).build();
        assertEquals(List.of(), ShopApp.EVENTS, "nothing runs before start");
        s.start();
        assertEquals(List.of("start a", "start b"), ShopApp.EVENTS);
        s.close();
        assertEquals(List.of("start a", "start b", "stop b", "stop a"), ShopApp.EVENTS);
    }

    @Test
    void configPrecedenceIsYamlThenEnvThenArgvThenConstructor(@TempDir Path dir) throws Exception {
        serverDir(dir, "server: {port: 1111, host: 127.0.0.1}\napps: {demo: {class: demo.Demo, kwargs: {word: yaml}}}\n", "v1");
        // argv beats YAML
        AsgiServer fromArgv = new AsgiServer(dir, null, null, null, List.of("--port", "2222", "--apps.demo.kwargs.word=argv"), null);
        assertEquals(2222, fromArgv.config().server().port());
        assertEquals("argv", fromArgv.config().apps().getFirst().kwargs().get("word"));
        // the constructor beats argv
        AsgiServer fromCtor = new AsgiServer(dir, null, 0, null, List.of("--port", "2222"), null);
        try (AsgiServer s = fromCtor.start()) {
            assertTrue(s.port() != 2222 && s.port() != 1111);
            assertEquals("yaml v1", get(s, "/").body(), "argv was not given for the kwarg this time");
        }
    }

    @Test
    void startupErrorsNameTheKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "apps:\n  shop:\n    class: com.example.Missing\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new AsgiServer(dir));
        assertTrue(e.getMessage().startsWith("apps.shop.class: class not found"), e.getMessage());

        Files.writeString(dir.resolve("config.yaml"), "server:\n  port: lots\n");
        e = assertThrows(ConfigException.class, () -> new AsgiServer(dir));
        assertTrue(e.getMessage().startsWith("server.port"), e.getMessage());

        Files.writeString(dir.resolve("config.yaml"), "middleware:\n  cors: {allow_orign: ['*']}\n");
        e = assertThrows(ConfigException.class, () -> new AsgiServer(dir));
        assertTrue(e.getMessage().startsWith("middleware.cors.allow_orign"), e.getMessage());

        Files.writeString(dir.resolve("config.yaml"), "plugins:\n  nonsense: {}\n");
        e = assertThrows(ConfigException.class, () -> new AsgiServer(dir));
        assertTrue(e.getMessage().startsWith("plugins.nonsense"), e.getMessage());
    }

    @Test
    void configSourceFailureReachesTheCallerAsItselfThoughReadOnAnotherThread() {
        IllegalStateException thrown = new IllegalStateException("no config");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new AsgiServer(() -> {
                    throw thrown;
                }, null, Map.of(), null, null, null));
        assertSame(thrown, e);
    }

    @Test
    void reloadSwapsAppsWithoutClosingTheListeningSocket(@TempDir Path dir) throws Exception {
        serverDir(dir, "apps: {demo: {class: demo.Demo, kwargs: {word: hi}}}\n", "v1");
        try (AsgiServer s = new AsgiServer(dir, "127.0.0.1", 0, false, List.of(), null).start()) {
            int port = s.port();
            assertEquals("hi v1", get(s, "/").body());
            serverDir(dir, "apps: {demo: {class: demo.Demo, kwargs: {word: hello}}}\n", "v2");
            assertTrue(s.reload());
            assertEquals(port, s.port());
            assertEquals("hello v2", get(s, "/").body());
            // a broken change keeps the running apps
            Files.writeString(dir.resolve("src/demo/Demo.java"), "this is not java");
            assertTrue(!s.reload());
            assertEquals("hello v2", get(s, "/").body());
        }
    }

    @Test
    void reloadTrueWatchesTheDirectory(@TempDir Path dir) throws Exception {
        serverDir(dir, "server: {reload: true}\napps: {demo: {class: demo.Demo, kwargs: {word: hi}}}\n", "v1");
        try (AsgiServer s = new AsgiServer(dir, "127.0.0.1", 0, null, List.of(), null).start()) {
            assertEquals("hi v1", get(s, "/").body());
            serverDir(dir, "server: {reload: true}\napps: {demo: {class: demo.Demo, kwargs: {word: hi}}}\n", "v2");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            String body = "";
            while (System.nanoTime() < deadline && !(body = get(s, "/").body()).equals("hi v2")) {
                Thread.onSpinWait(); // poll the live server, bounded by the deadline
            }
            assertEquals("hi v2", body);
        }
    }

    @Test
    void mainRunsUntilSigtermThenShutsDownGracefully(@TempDir Path dir) throws Exception {
        serverDir(dir, "apps: {demo: {class: demo.Demo, kwargs: {word: cli}}}\n", "v1");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.genro.server.Main",
                dir.toString(), "--port", "0").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Pattern serving = Pattern.compile("serving .* on http://127\\.0\\.0\\.1:(\\d+)/");
            List<String> lines = new ArrayList<>();
            int port = -1;
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                lines.add(line);
                Matcher m = serving.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "the server said where it listens: " + lines);
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("cli v1", r.body());
            p.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of the pipes
            String rest = String.join("\n", out.lines().toList()); // until the process closes its output
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "exited after SIGTERM");
            assertTrue(rest.contains("stopped"), rest);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void mainReportsConfigErrorsWithExitStatus2(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "server:\n  port: lots\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.genro.server.Main",
                dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("server.port"), out);
    }

    @Test
    void theBuilderSaysWhatYamlSays() {
        ServerBuilder b = AsgiServer.builder().host("127.0.0.1").port(9000).limit("body", "2m")
                .middleware("cors", Map.of("allow_origins", List.of("https://a.example")));
        assertEquals(Map.of("host", "127.0.0.1", "port", 9000, "limits", Map.of("body", "2m")), b.tree().get("server"));
        AsgiServer s = b.build();
        assertEquals(2 * 1024 * 1024, s.config().server().limits().body());
        assertEquals(9000, s.config().server().port());
    }
}
