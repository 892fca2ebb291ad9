package org.genro.server.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Directories, indexes, redirects, methods and the single-page fallback. */
class StaticDirectoriesTest {
    @TempDir
    static Path base;
    private static Site site;

    @BeforeAll
    static void start() throws IOException {
        site = Site.start(base);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // target → status, Location or body start
                Arguments.of("/site/", 200, "<h1>home</h1>"),
                Arguments.of("/site", 301, "./site/"),
                Arguments.of("/site/docs", 301, "./docs/"),
                Arguments.of("/site/docs?lang=it&x=%20", 301, "./docs/?lang=it&x=%20"),
                Arguments.of("/site/docs/", 200, "<h1>docs</h1>"),
                Arguments.of("/site/docs/.", 200, "<h1>docs</h1>"),
                Arguments.of("/site/docs/guide/..", 200, "<h1>docs</h1>"),
                Arguments.of("/site/%64ocs", 301, "./%64ocs/"),
                Arguments.of("/site/docs/index.html", 200, "<h1>docs</h1>"),
                Arguments.of("/site/docs/guide/", 404, null),
                Arguments.of("/site/docs/guide", 301, "./guide/"),
                Arguments.of("/site/empty/", 404, null),
                Arguments.of("/site/hello.txt/", 404, null),
                Arguments.of("/site/missing", 404, null),
                Arguments.of("/site/missing/", 404, null),
                Arguments.of("/site/app/route", 404, null));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("table")
    void answersDirectoriesLikeAWebServer(String target, int status, String expected) throws IOException {
        Wire.Response r = Wire.exchange(site.port(), "GET", target);
        assertEquals(status, r.status(), r.text());
        if (status == 301) {
            assertEquals(expected, r.header("Location"));
        } else if (expected != null) {
            assertTrue(r.text().startsWith(expected), r.text());
        }
    }

    @Test
    void aRedirectNeverNamesAnotherHost() throws IOException {
        Files.createDirectories(site.root.resolve("evil.example"));
        try {
            for (String target : new String[] {"//evil.example", "/site//evil.example", "/site/evil.example"}) {
                Wire.Response r = Wire.exchange(site.port(), "GET", target);
                String location = r.header("Location");
                if (location != null) {
                    assertTrue(location.startsWith("./") && !location.startsWith(".//"), target + " → " + location);
                }
            }
        } finally {
            Files.delete(site.root.resolve("evil.example"));
        }
    }

    @Test
    void getAndHeadAreServedOptionsAnsweredTheRestRefused() throws IOException {
        Wire.Response head = Wire.exchange(site.port(), "HEAD", "/site/hello.txt");
        assertEquals(200, head.status());
        assertEquals("6", head.header("Content-Length"));
        Wire.Response options = Wire.exchange(site.port(), "OPTIONS", "/site/hello.txt");
        assertEquals(204, options.status());
        assertEquals("GET, HEAD, OPTIONS", options.header("Allow"));
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            Wire.Response r = Wire.exchange(site.port(), method, "/site/hello.txt", "Content-Length: 0");
            assertEquals(405, r.status(), method);
            assertEquals("GET, HEAD, OPTIONS", r.header("Allow"));
        }
    }

    @Test
    void aFileAnswerCarriesItsTypeAndNoSniffing() throws IOException {
        Wire.Response r = Wire.exchange(site.port(), "GET", "/site/docs/index.html");
        assertEquals("text/html; charset=utf-8", r.header("Content-Type"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("bytes", r.header("Accept-Ranges"));
        assertEquals("application/octet-stream", Wire.exchange(site.port(), "GET", "/site/data.bin").header("Content-Type"));
    }

    @Test
    void aSinglePageAppGetsItsIndexForRoutesButNotForFiles(@TempDir Path other) throws IOException {
        try (Site spa = Site.start(other, o -> o.spa(true), b -> b)) {
            assertEquals("<h1>home</h1>\n", Wire.exchange(spa.port(), "GET", "/site/app/route").text());
            assertEquals("<h1>home</h1>\n", Wire.exchange(spa.port(), "GET", "/site/app/route/").text());
            assertEquals(404, Wire.exchange(spa.port(), "GET", "/site/app/missing.js").status());
            assertEquals(404, Wire.exchange(spa.port(), "GET", "/site/.git/config").status(), "a refused path stays refused");
            assertEquals("<h1>docs</h1>\n", Wire.exchange(spa.port(), "GET", "/site/docs/").text());
        }
    }

    @Test
    void anotherIndexNameAppliesInEveryDirectory(@TempDir Path other) throws IOException {
        try (Site named = Site.start(other, o -> o.index("hello.txt"), b -> b)) {
            assertEquals("hello\n", Wire.exchange(named.port(), "GET", "/site/").text());
            Files.writeString(named.root.resolve("docs/hello.txt"), "docs hello\n");
            assertEquals("docs hello\n", Wire.exchange(named.port(), "GET", "/site/docs/").text());
        }
    }

    @Test
    void asTheMainAppItAnswersAtTheTopToo(@TempDir Path other) throws IOException {
        try (Site main = Site.start(other, o -> o, b -> b.mainApp("site"))) {
            assertEquals("<h1>home</h1>\n", Wire.exchange(main.port(), "GET", "/").text());
            Wire.Response r = Wire.exchange(main.port(), "GET", "/docs");
            assertEquals("./docs/", r.header("Location"), "relative to what the client asked");
            assertEquals("hello\n", Wire.exchange(main.port(), "GET", "/hello.txt").text());
        }
    }

    @Test
    void aDanglingLinkIsMissing() throws IOException {
        Path link = Files.createSymbolicLink(site.root.resolve("dangling"), Path.of("nowhere.txt"));
        try {
            assertEquals(404, Wire.exchange(site.port(), "GET", "/site/dangling").status());
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void aPipeIsNeverOpened() throws Exception {
        Path fifo = site.root.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor() == 0, "mkfifo makes a pipe");
        try {
            assertEquals(404, Wire.exchange(site.port(), "GET", "/site/pipe").status());
        } finally {
            Files.delete(fifo);
        }
    }

    @Test
    void anUnreadableFileIs403AndSaysNothingOfIt() throws IOException {
        Path locked = site.root.resolve("locked.txt");
        Files.writeString(locked, "locked\n");
        try {
            assumeTrue(locked.toFile().setReadable(false, false) && !Files.isReadable(locked),
                    "permissions apply (they do not to root)");
            Wire.Response r = Wire.exchange(site.port(), "GET", "/site/locked.txt");
            assertEquals(403, r.status());
            assertFalse(r.text().contains("locked.txt") || r.text().contains(base.toString()), r.text());
            assertNull(r.header("ETag"));
        } finally {
            locked.toFile().setReadable(true, false);
            Files.delete(locked);
        }
    }
}
