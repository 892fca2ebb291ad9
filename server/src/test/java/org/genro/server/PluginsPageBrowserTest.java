package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin settings page in headless Chromium, on a copy of the plugin-config sample:
 * the auth rule of {@code notes/index} changed in the page applies at once, Save keeps
 * it, and a new server started on the same directory enforces it.
 */
class PluginsPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String AUTH = "document.querySelector('section.plugin[data-plugin=auth]')";

    @TempDir
    Path dir;

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(p -> !p.equals(from)).forEach(p -> {
                try {
                    Files.copy(p, to.resolve(from.relativize(p).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static int status(AsgiServer server, String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static AsgiServer boot(Path dir) throws Exception {
        return new AsgiServer(dir, "127.0.0.1", 0, false, List.of(), null).start();
    }

    @Test
    void aRuleChangedInThePageIsSavedAndEnforcedAfterARestart() throws Exception {
        copy(SamplesTest.SAMPLES.resolve("plugin-config"), dir);
        try (Browser browser = Browser.launch()) {
            try (AsgiServer first = boot(dir)) {
                assertEquals(200, status(first, "/notes/"), "open before");
                Browser.Page page = browser.open();
                page.go("http://127.0.0.1:" + first.port() + "/_sys/plugins/");
                page.waitFor("document.querySelector('#tree button[data-router=notes]') !== null", WAIT);
                page.eval("document.querySelector('#tree button[data-router=notes]').click()");
                page.waitFor(AUTH + " !== null && !document.getElementById('save').disabled", WAIT);

                page.eval("(() => { const t = " + AUTH + ".querySelector('select[name=target]'); t.value = 'index';"
                        + " t.dispatchEvent(new Event('change')); })()");
                assertEquals("inherited", page.eval(AUTH + ".querySelector('input[name=rule]').closest('tr').className").asText(),
                        "the entry inherits the router's empty rule");
                page.eval(AUTH + ".querySelector('input[name=rule]').value = 'admin'");
                page.eval(AUTH + ".querySelector('button.apply').click()");
                page.waitFor("document.getElementById('status').textContent.startsWith('Applied')", WAIT);
                assertEquals(401, status(first, "/notes/"), "applied live");
                page.waitFor(AUTH + ".querySelector('select[name=target]').value === 'index'"
                        + " && " + AUTH + ".querySelector('input[name=rule]').closest('tr').className === 'own'"
                        + " && !document.getElementById('save').disabled", WAIT);

                page.eval("document.getElementById('save').click()");
                page.waitFor("document.getElementById('status').textContent.startsWith('Saved 1 change')", WAIT);
                assertTrue(Files.readString(dir.resolve("plugin_config.json")).contains("\"admin\""));
            }
            try (AsgiServer second = boot(dir)) {
                assertEquals(401, status(second, "/notes/"), "the saved rule applies at boot");
                assertEquals(200, status(second, "/notes/settings"), "only the entry changed");
            }
        }
    }
}
