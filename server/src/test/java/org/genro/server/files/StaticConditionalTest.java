package org.genro.server.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.genro.http.HttpDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validators and conditional requests over the wire (RFC 9110 §8.8, §13.2.2), with the
 * cache layer on, which must keep the app's own tag and agree with its answers. The
 * file's modification time is pinned, so the dates in the table are exact.
 */
class StaticConditionalTest {
    private static final Instant MODIFIED = Instant.parse("2024-03-01T12:00:00.250Z");
    private static final String SAME = HttpDate.format(MODIFIED);
    private static final String EARLIER = HttpDate.format(MODIFIED.minusSeconds(60));
    private static final String LATER = HttpDate.format(MODIFIED.plusSeconds(60));
    @TempDir
    static Path base;
    private static Site site;
    private static String etag;

    @BeforeAll
    static void start() throws IOException {
        // revalidate 0: each request reads the file's attributes, so a change shows at once
        site = Site.start(base, o -> o.cacheControl("*.txt", "no-cache").revalidate(java.time.Duration.ZERO),
                b -> b.middleware("cache", true));
        Files.setLastModifiedTime(site.root.resolve("hello.txt"), FileTime.from(MODIFIED));
        etag = Wire.exchange(site.port(), "GET", "/site/hello.txt").header("ETag");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // method, fields ("%s" is the current tag), status
                row("GET", 200),
                row("GET", 304, "If-None-Match: %s"),
                row("HEAD", 304, "If-None-Match: %s"),
                row("GET", 304, "If-None-Match: \"x\", W/%s"),
                row("GET", 304, "If-None-Match: *"),
                row("GET", 200, "If-None-Match: \"x\""),
                row("GET", 304, "If-Modified-Since: " + SAME),
                row("GET", 304, "If-Modified-Since: " + LATER),
                row("GET", 200, "If-Modified-Since: " + EARLIER),
                row("GET", 200, "If-Modified-Since: yesterday"),
                row("GET", 200, "If-None-Match: \"x\"", "If-Modified-Since: " + LATER),
                row("GET", 304, "If-None-Match: %s", "If-Modified-Since: " + EARLIER),
                row("GET", 200, "If-Match: %s"),
                row("GET", 200, "If-Match: *"),
                row("GET", 412, "If-Match: \"x\""),
                row("GET", 412, "If-Match: W/%s"),
                row("GET", 412, "If-Unmodified-Since: " + EARLIER),
                row("GET", 200, "If-Unmodified-Since: " + SAME),
                row("GET", 200, "If-Match: %s", "If-Unmodified-Since: " + EARLIER),
                row("GET", 412, "If-Match: \"x\"", "If-None-Match: %s"),
                row("GET", 412, "If-Unmodified-Since: " + EARLIER, "If-None-Match: %s"),
                row("GET", 412, "If-Match: \"x\"", "Range: bytes=0-1"),
                row("GET", 304, "If-None-Match: %s", "Range: bytes=0-1"),
                row("GET", 206, "If-Match: %s", "Range: bytes=0-1"));
    }

    private static Arguments row(String method, int status, String... fields) {
        return Arguments.of(method, List.of(fields), status);
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @MethodSource("table")
    void answersPreconditionsInTheirOrder(String method, List<String> fields, int status) throws IOException {
        List<String> filled = new ArrayList<>();
        fields.forEach(f -> filled.add(f.replace("%s", etag)));
        Wire.Response r = Wire.exchange(site.port(), method, "/site/hello.txt", filled.toArray(String[]::new));
        assertEquals(status, r.status(), r.text());
        if (status == 304) {
            assertEquals(etag, r.header("ETag"));
            assertEquals(SAME, r.header("Last-Modified"));
            assertEquals("no-cache", r.header("Cache-Control"));
            assertNull(r.header("Content-Type"));
            assertEquals(0, r.body().length);
        }
    }

    @Test
    void theTagIsStrongAndFollowsSizeAndModificationTime() throws IOException {
        Wire.Response r = Wire.exchange(site.port(), "GET", "/site/hello.txt");
        assertEquals(etag, r.header("ETag"), "the cache layer keeps the app's own tag");
        assertEquals(SAME, r.header("Last-Modified"));
        assertEquals(1, r.count("ETag"));
        assertTrue(etag.matches("\"6-[0-9a-f]+\""), etag);
        Path other = site.root.resolve("docs/guide/a.txt");
        Files.setLastModifiedTime(other, FileTime.from(MODIFIED.plusNanos(1000)));
        String otherTag = Wire.exchange(site.port(), "GET", "/site/docs/guide/a.txt").header("ETag");
        Files.setLastModifiedTime(other, FileTime.from(MODIFIED.plusNanos(2000)));
        assertNotEquals(otherTag, Wire.exchange(site.port(), "GET", "/site/docs/guide/a.txt").header("ETag"),
                "a microsecond apart is another version");
    }

    @Test
    void aModificationTimeInTheFutureIsAdvertisedAsNow() throws IOException {
        Path future = site.root.resolve("docs/guide/a.txt");
        Files.setLastModifiedTime(future, FileTime.from(Instant.now().plusSeconds(86_400)));
        Instant advertised = HttpDate.parse(Wire.exchange(site.port(), "GET", "/site/docs/guide/a.txt").header("Last-Modified"));
        assertTrue(!advertised.isAfter(Instant.now()), advertised.toString());
    }
}
