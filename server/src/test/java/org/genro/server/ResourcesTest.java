package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resource loader's levels, and {@code /_server/resource/...} over HTTP. */
class ResourcesTest {
    @TempDir
    Path dir;

    /** An app to name in {@code ?app=}. */
    public static class Shop extends RoutingClass {
        @Route
        public String index() {
            return "shop";
        }
    }

    private static String text(Resources.Resource r) {
        return new String(r.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void concatenatesStylesheetsFromGeneralToSpecific() throws IOException {
        Files.createDirectories(dir.resolve("resources/shop"));
        Files.writeString(dir.resolve("resources/genro.css"), "h1 { color: red }");
        Files.writeString(dir.resolve("resources/shop/genro.css"), "h1 { color: green }");
        Resources.Resource builtIn = new Resources(dir.resolve("empty")).find("genro.css", null).orElseThrow();
        assertEquals(List.of("built-in"), builtIn.levels());
        Resources resources = new Resources(dir);
        Resources.Resource server = resources.find("genro.css", null).orElseThrow();
        assertEquals(List.of("built-in", "server"), server.levels());
        Resources.Resource all = resources.find("genro.css", "shop").orElseThrow();
        assertEquals(List.of("built-in", "server", "app:shop"), all.levels());
        String css = text(all);
        assertTrue(css.indexOf("color: red") < css.indexOf("color: green"), "the app's rules come last and win");
        assertTrue(css.startsWith(text(builtIn)), "built-in first");
        assertEquals("text/css; charset=utf-8", all.mediaType());
    }

    @Test
    void theMostSpecificWinsForAnythingElse() throws IOException {
        Files.createDirectories(dir.resolve("resources/shop/pages"));
        Files.createDirectories(dir.resolve("resources/pages"));
        Files.writeString(dir.resolve("resources/pages/help.html"), "server help");
        Files.writeString(dir.resolve("resources/shop/pages/help.html"), "shop help");
        Resources resources = new Resources(dir);
        assertEquals("server help", text(resources.find("pages/help.html", null).orElseThrow()));
        assertEquals("shop help", text(resources.find("pages/help.html", "shop").orElseThrow()));
        assertTrue(resources.find("pages/none.html", "shop").isEmpty());
    }

    @Test
    void anUnchangedResourceIsNotReadAgain() throws IOException {
        Files.createDirectories(dir.resolve("resources/shop"));
        Files.writeString(dir.resolve("resources/genro.css"), "h1 { color: red }");
        Files.writeString(dir.resolve("resources/shop/genro.css"), "h1 { color: green }");
        Resources resources = new Resources(dir);
        Resources.Resource first = resources.find("genro.css", "shop").orElseThrow();
        assertSame(first, resources.find("genro.css", "shop").orElseThrow(), "the same files: the same resource");
        assertNotSame(first, resources.find("genro.css", null).orElseThrow(), "another app level: another resource");
        assertEquals(new Resources.Resource("genro.css", first.bytes(), first.mediaType(), first.levels()).etag(),
                first.etag(), "the validator is the content's");
    }

    @Test
    void aChangedFileIsReadAgainEvenWithItsSizeAndTimeKept() throws IOException {
        Files.createDirectories(dir.resolve("resources"));
        Path file = dir.resolve("resources/help.html");
        Files.writeString(file, "one");
        FileTime time = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(file, time);
        Resources resources = new Resources(dir);
        Resources.Resource one = resources.find("help.html", null).orElseThrow();
        // the same size, a new time
        Files.writeString(file, "two");
        Files.setLastModifiedTime(file, FileTime.fromMillis(time.toMillis() + 1));
        Resources.Resource two = resources.find("help.html", null).orElseThrow();
        assertEquals("two", text(two));
        assertNotEquals(one.etag(), two.etag());
        // the same size and time, another file put in its place (an editor saving by rename)
        Path next = dir.resolve("resources/.next");
        Files.writeString(next, "333");
        Files.setLastModifiedTime(next, FileTime.fromMillis(time.toMillis() + 1));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals("333", text(resources.find("help.html", null).orElseThrow()));
        // a level removed
        Files.delete(file);
        assertTrue(resources.find("help.html", null).isEmpty());
        assertEquals(0, resources.remembered(), "a resource gone is forgotten");
    }

    @Test
    void whatIsRememberedStaysBounded() throws IOException {
        Files.createDirectories(dir.resolve("resources"));
        Resources resources = new Resources(dir);
        for (int i = 0; i < 1000; i++) {
            assertTrue(resources.find("none-" + i + ".css", null).isEmpty());
        }
        assertEquals(0, resources.remembered(), "names that find nothing are not kept");
        for (int i = 0; i < Resources.REMEMBERED + 10; i++) {
            Files.writeString(dir.resolve("resources/page-" + i + ".html"), "page " + i);
            assertEquals("page " + i, text(resources.find("page-" + i + ".html", null).orElseThrow()));
            assertTrue(resources.remembered() <= Resources.REMEMBERED, "remembered: " + resources.remembered());
        }
    }

    @Test
    void refusesNamesThatAreNotPlainRelativePaths() throws IOException {
        Files.createDirectories(dir.resolve("resources"));
        Files.writeString(dir.resolve("config.yaml"), "secret: 1");
        Resources resources = new Resources(dir);
        for (String name : List.of("../config.yaml", "a/../../config.yaml", ".env", "a\\b.css", "c:/x.css", "con.css")) {
            assertThrows(IllegalArgumentException.class, () -> resources.find(name, null), name);
        }
    }

    @Test
    void servesResourcesOverHttpWithAValidator() throws Exception {
        Files.createDirectories(dir.resolve("resources/shop"));
        Files.writeString(dir.resolve("resources/shop/genro.css"), "body { margin: 0 }");
        Files.writeString(dir.resolve("config.yaml"), "secret: 1");
        try (AsgiServer server = AsgiServer.builder().serverDir(dir).mount("shop", new Shop()).start()) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port() + "/_server/resource/";
            HttpResponse<String> css = client.send(HttpRequest.newBuilder(URI.create(base + "genro.css?app=shop")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, css.statusCode());
            assertTrue(css.body().endsWith("body { margin: 0 }\n"), css.body());
            assertEquals("text/css; charset=utf-8", css.headers().firstValue("Content-Type").orElseThrow());
            String etag = css.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = client.send(HttpRequest.newBuilder(URI.create(base + "genro.css?app=shop"))
                    .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(304, again.statusCode());
            for (String bad : List.of("genro.css?app=nope", "none.css", "..%2fconfig.yaml", "%2e%2e/config.yaml",
                    "shop/..%5c..%5cconfig.yaml")) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + bad)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(r.statusCode() == 404 || r.statusCode() == 400, bad + " → " + r.statusCode());
                assertTrue(!r.body().contains("secret"), bad);
            }
        }
    }
}
