package org.genro.server.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.genro.server.AsgiServer;
import org.genro.server.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code class: static} in {@code apps}, its kwargs and their errors; the same options from code. */
class StaticOptionsTest {
    @TempDir
    Path dir;

    private AsgiServer start(Map<String, Object> kwargs) throws IOException {
        return AsgiServer.builder().port(0).serverDir(dir).app("site", "static", kwargs).start();
    }

    @Test
    void theShortNameServesADirectoryRelativeToTheServerDirectory() throws IOException {
        Site.tree(dir);
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("root", "public");
        kwargs.put("cache_control", Map.of("*.txt", "public, max-age=60"));
        try (AsgiServer server = start(kwargs)) {
            Wire.Response r = Wire.exchange(server.port(), "GET", "/site/hello.txt");
            assertEquals("hello\n", r.text());
            assertEquals("public, max-age=60", r.header("Cache-Control"));
            assertEquals("<h1>home</h1>\n", Wire.exchange(server.port(), "GET", "/").text(), "the only app is the main app");
        }
    }

    @Test
    void aConfigYamlMountsItByItsShortName() throws IOException {
        Site.tree(dir);
        Files.writeString(dir.resolve("config.yaml"), """
                apps:
                  site:
                    class: static
                    kwargs:
                      root: public
                      listing: true
                      cache_control: {"*.html": no-cache, "assets/**": "public, max-age=31536000, immutable"}
                """);
        try (AsgiServer server = new AsgiServer(dir, "127.0.0.1", 0, false, List.of(), null).start()) {
            Wire.Response r = Wire.exchange(server.port(), "GET", "/site/docs/index.html");
            assertEquals("no-cache", r.header("Cache-Control"));
            assertTrue(Wire.exchange(server.port(), "GET", "/site/empty/").text().contains("Index of /empty/"));
        }
    }

    @Test
    void anAbsoluteRootIsTakenAsIs() throws IOException {
        Path root = Site.tree(dir.resolve("elsewhere"));
        try (AsgiServer server = start(Map.of("root", root.toString()))) {
            assertEquals("hello\n", Wire.exchange(server.port(), "GET", "/site/hello.txt").text());
        }
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                // kwargs → the key named, and a word of the reason
                Arguments.of(Map.of(), "apps.site.kwargs.root", "missing"),
                Arguments.of(Map.of("root", "nowhere"), "apps.site.kwargs.root", "not a directory"),
                Arguments.of(Map.of("root", "public/hello.txt"), "apps.site.kwargs.root", "not a directory"),
                Arguments.of(Map.of("root", "public", "listing", "maybe"), "apps.site.kwargs.listing", "true or false"),
                Arguments.of(Map.of("root", "public", "spa", List.of()), "apps.site.kwargs.spa", "true or false"),
                Arguments.of(Map.of("root", "public", "indexes", "x"), "apps.site.kwargs.indexes", "unknown option"),
                Arguments.of(Map.of("root", "public", "index", "a/b.html"), "apps.site.kwargs.index", "file name"),
                Arguments.of(Map.of("root", "public", "index", ".."), "apps.site.kwargs.index", "file name"),
                Arguments.of(Map.of("root", "public", "index", "con.html"), "apps.site.kwargs.index", "root does not serve"),
                Arguments.of(Map.of("root", "public", "cache_control", "no-cache"), "apps.site.kwargs.cache_control",
                        "expected a map"),
                Arguments.of(Map.of("root", "public", "cache_control", Map.of("[ab].css", "no-cache")),
                        "apps.site.kwargs.cache_control.[ab].css", "brackets"),
                Arguments.of(Map.of("root", "public", "cache_control", Map.of("*.css", "")),
                        "apps.site.kwargs.cache_control.*.css", "Cache-Control value"),
                Arguments.of(Map.of("root", "public", "cache_control", Map.of("*.css", "a\u0001b")),
                        "apps.site.kwargs.cache_control.*.css", "control"),
                Arguments.of(Map.of("root", "public", "cache_control", Map.of("*.css", List.of())),
                        "apps.site.kwargs.cache_control.*.css", "string"),
                Arguments.of(Map.of("root", "public", "revalidate", "soon"), "apps.site.kwargs.revalidate", "duration"),
                Arguments.of(Map.of("root", "public", "revalidate", "2h"), "apps.site.kwargs.revalidate", "0s to 1h"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("errors")
    void aBadKwargStopsTheStartNamingIt(Map<String, Object> kwargs, String key, String reason) throws IOException {
        Site.tree(dir);
        ConfigException e = assertThrows(ConfigException.class, () -> start(kwargs).close());
        assertEquals(key, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void theOptionsFromCodeAreTheKwargsAndBack() throws IOException {
        Path root = Site.tree(dir);
        StaticFiles.Options options = StaticFiles.Options.of(root).index("home.html").listing(true)
                .cacheControl("*.html", "no-cache").cacheControl("assets/**", "public, max-age=31536000, immutable")
                .precompressed(false).spa(true).dotfiles(true).followSymlinks(true).revalidate(java.time.Duration.ofMillis(1500));
        Map<String, Object> kwargs = options.toConfig();
        assertEquals(List.of("root", "index", "listing", "cache_control", "precompressed", "spa", "dotfiles", "follow_symlinks",
                "revalidate"), List.copyOf(kwargs.keySet()));
        assertEquals(options, new StaticFiles(kwargs, Path.of("/unused")).options());
        assertEquals(StaticFiles.Options.of(root), StaticFiles.of(root).options());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new StaticFiles(StaticFiles.Options.of(dir.resolve("nowhere"))));
        assertTrue(bad.getMessage().startsWith("root: "), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StaticFiles.Options.of(root).cacheControl("{a,b}", "x"));
    }

    @Test
    void cacheControlGlobsMatchNamesOrWholePathsFirstMatchWins() {
        Map<String, String> globs = new LinkedHashMap<>();
        globs.put("*.html", "no-cache");
        globs.put("assets/**", "immutable");
        globs.put("**/*.map", "private");
        globs.put("/img/?.png", "one");
        globs.put("*", "default");
        CachePolicy p = CachePolicy.of(globs);
        assertEquals("no-cache", p.forPath("index.html"));
        assertEquals("no-cache", p.forPath("docs/a/b.html"));
        assertEquals("immutable", p.forPath("assets/app.js"));
        assertEquals("immutable", p.forPath("assets/x/y.html".replace(".html", ".css")));
        assertEquals("private", p.forPath("a.map"));
        assertEquals("private", p.forPath("js/a.map"));
        assertEquals("one", p.forPath("img/a.png"));
        assertEquals("default", p.forPath("img/ab.png"));
        assertEquals("default", p.forPath("x/assets/app.js"), "assets/** is anchored at the root");
        assertEquals(null, CachePolicy.of(Map.of("*.css", "x")).forPath("a.css.br"));
    }

    @Test
    void dotfilesAndLinksOutAreServedOnlyWhenAsked() throws IOException {
        try (Site open = Site.start(dir, o -> o.dotfiles(true).followSymlinks(true), b -> b)) {
            assertTrue(Wire.exchange(open.port(), "GET", "/site/.hidden.txt").text().contains("hidden"));
            assertTrue(Wire.exchange(open.port(), "GET", "/site/link-out").text().contains(Site.SECRET));
            assertEquals(404, Wire.exchange(open.port(), "GET", "/site/con.txt").status(), "device names stay refused");
        }
    }

    @Test
    void aRootThatIsALinkIsServedThroughIt() throws IOException {
        Path real = Site.tree(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("current"), real);
        try (AsgiServer server = start(Map.of("root", "current"))) {
            assertEquals("hello\n", Wire.exchange(server.port(), "GET", "/site/hello.txt").text());
        }
        Files.delete(link);
    }
}
