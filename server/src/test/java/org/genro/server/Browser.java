package org.genro.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven over the DevTools protocol from the JDK's own WebSocket
 * client: no npm, no downloaded browser. Each instance is a fresh browser with an empty
 * profile in a temporary directory, gone after {@link #close()}.
 *
 * <p>Tests that need a browser call {@link #launch()}: where Chromium is missing the
 * test is skipped, unless {@code GENRO_REQUIRE_BROWSER=1} (CI sets it after installing
 * Chromium), in which case it fails.
 */
final class Browser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STEP = Duration.ofMillis(25);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private Browser(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Where Chromium is: {@code GENRO_CHROMIUM}, else the usual Debian paths. */
    static Optional<Path> executable() {
        String given = System.getenv("GENRO_CHROMIUM");
        return Stream.concat(given == null ? Stream.empty() : Stream.of(given),
                        Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"))
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** A new headless browser; skips the test (or fails it, on CI) when there is none. */
    static Browser launch() throws Exception {
        Optional<Path> chromium = executable();
        if (chromium.isEmpty()) {
            if ("1".equals(System.getenv("GENRO_REQUIRE_BROWSER"))) {
                throw new AssertionError("Chromium is required (GENRO_REQUIRE_BROWSER=1) but none was found");
            }
            Assumptions.abort("Chromium is not installed (apt-get install chromium); .ci/run installs it");
        }
        Path profile = Files.createTempDirectory("genro-chromium-");
        Process process = new ProcessBuilder(chromium.get().toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroyForcibly();
                throw new IOException("Chromium did not open its DevTools port; see " + profile.resolve("chromium.log"));
            }
            LockSupport.parkNanos(STEP.toNanos());
        }
        List<String> lines = Files.readAllLines(portFile);
        URI endpoint = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
        Browser[] self = new Browser[1];
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(endpoint, new Listener(message -> self[0].receive(message))).get(30, TimeUnit.SECONDS);
        self[0] = new Browser(process, profile, socket);
        return self[0];
    }

    /** A new tab. */
    Page open() throws Exception {
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asText();
        return new Page(session);
    }

    /** One tab, attached by its DevTools session. */
    final class Page {
        private final String session;

        private Page(String session) {
            this.session = session;
        }

        /** Goes to {@code url} and waits until the page has loaded. */
        void go(String url) throws Exception {
            call(session, "Page.navigate", Map.of("url", url));
            waitFor("document.readyState === 'complete' && location.href !== 'about:blank'", Duration.ofSeconds(20));
        }

        /** The value of a JavaScript expression (promises are awaited), as JSON. */
        JsonNode eval(String expression) throws Exception {
            JsonNode result = call(session, "Runtime.evaluate", Map.of("expression", expression,
                    "returnByValue", true, "awaitPromise", true));
            if (result.has("exceptionDetails")) {
                throw new AssertionError("script failed: " + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        /** Waits, within {@code limit}, until a JavaScript condition is true; fails the test otherwise. */
        void waitFor(String condition, Duration limit) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            while (true) {
                try {
                    if (eval("!!(" + condition + ")").asBoolean()) {
                        return;
                    }
                } catch (AssertionError | IllegalStateException e) {
                    // a navigation in progress destroys the page's context: ask again
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not true within " + limit + ": " + condition + " (at "
                            + eval("location.href").asText() + ")");
                }
                LockSupport.parkNanos(STEP.toNanos());
            }
        }
    }

    private JsonNode call(String session, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode answer = reply.get(30, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    private void receive(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                if (reply != null) {
                    reply.complete(message);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser goes anyway
        }
        // the helpers (renderers, crash handler) write into the profile too: they go first
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle helper : helpers) {
            helper.destroyForcibly();
            helper.onExit().get(10, TimeUnit.SECONDS);
        }
        deleteProfile();
    }

    /** Deletes the profile; a file a dying helper removed under the walk makes it walk again. */
    private void deleteProfile() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                return;
            } catch (UncheckedIOException | NoSuchFileException e) {
                if (attempt == 3) {
                    throw e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                }
            }
        }
    }

    /** Collects a message's frames and hands the whole text on. */
    private record Listener(java.util.function.Consumer<String> onMessage, StringBuilder partial)
            implements WebSocket.Listener {
        Listener(java.util.function.Consumer<String> onMessage) {
            this(onMessage, new StringBuilder());
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onMessage.accept(text);
            }
            socket.request(1);
            return null;
        }
    }
}
