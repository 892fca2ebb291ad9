package org.genro.serverapi;

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
import org.genro.server.AsgiServer;
import org.genro.server.exchange.Endpoint;
import org.genro.server.exchange.Exchange;
import org.genro.server.files.StaticFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Touches every public type and method of {@code org.genro.server.files} from outside its
 * package, as an embedding tool would: an API change breaks this file first.
 */
class FilesApiTest {

    @Test
    void theStaticAppFromCode(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "a\n");
        StaticFiles.Options options = StaticFiles.Options.of(dir).index("index.htm").listing(true)
                .cacheControl("*.txt", "no-cache").precompressed(false).spa(false).dotfiles(false).followSymlinks(false)
                .revalidate(java.time.Duration.ofMillis(250));
        StaticFiles.Options same = new StaticFiles.Options(options.root(), options.index(), options.listing(),
                options.cacheControl(), options.precompressed(), options.spa(), options.dotfiles(), options.followSymlinks(),
                options.revalidate());
        assertEquals(options, same);
        Map<String, Object> kwargs = options.toConfig();
        assertEquals(options, new StaticFiles(kwargs, dir).options());
        StaticFiles app = new StaticFiles(options);
        Endpoint endpoint = app;
        assertEquals(options, app.options());
        assertTrue(app.toString().contains("StaticFiles"));
        assertEquals(StaticFiles.Options.of(dir), StaticFiles.of(dir).options());
        try (AsgiServer server = AsgiServer.builder().port(0).mount("files", endpoint).start()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/files/a.txt")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("a\n", r.body());
            assertEquals("no-cache", r.headers().firstValue("cache-control").orElse(""));
            // an exchange routed nowhere is the root itself, asked for without its slash
            assertEquals(301, app.serve(new Exchange(1, new ApiRequest("/x", ""))).status());
        }
        assertEquals(List.of(true, false), List.of(options.listing(), options.spa()));
    }
}
