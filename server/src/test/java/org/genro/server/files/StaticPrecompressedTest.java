package org.genro.server.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Precompressed siblings ({@code style.css.br}, {@code style.css.gz}; {@code app.js.gz}
 * only) against Accept-Encoding, with the gzip layer on: it must compress a text file
 * that has no sibling, and leave siblings and 206 parts alone.
 */
class StaticPrecompressedTest {
    @TempDir
    static Path base;
    private static Site site;

    @BeforeAll
    static void start() throws IOException {
        site = Site.start(base, o -> o, b -> b.middleware("compression", Map.of("minimum_size", 100)));
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // path, Accept-Encoding (null: none), coding sent (null: identity)
                Arguments.of("/site/style.css", "br, gzip", "br"),
                Arguments.of("/site/style.css", "gzip, deflate, br, zstd", "br"),
                Arguments.of("/site/style.css", "gzip", "gzip"),
                Arguments.of("/site/style.css", "x-gzip", "gzip"),
                Arguments.of("/site/style.css", "br;q=0.5, gzip", "gzip"),
                Arguments.of("/site/style.css", "br;q=0, gzip;q=0.1", "gzip"),
                Arguments.of("/site/style.css", "br;q=0, gzip;q=0", null),
                Arguments.of("/site/style.css", "*", "br"),
                Arguments.of("/site/style.css", "*;q=0.5, br;q=0", "gzip"),
                Arguments.of("/site/style.css", "identity", null),
                Arguments.of("/site/style.css", "", null),
                Arguments.of("/site/style.css", null, null),
                Arguments.of("/site/style.css", "br;q=abc, gzip;q=2", null),
                Arguments.of("/site/app.js", "br", null),
                Arguments.of("/site/app.js", "br, gzip", "gzip"));
    }

    @ParameterizedTest(name = "{0} with {1} → {2}")
    @MethodSource("table")
    void servesTheSiblingTheClientAccepts(String path, String accept, String coding) throws IOException {
        Wire.Response r = accept == null ? Wire.exchange(site.port(), "GET", path)
                : Wire.exchange(site.port(), "GET", path, "Accept-Encoding: " + accept);
        assertEquals(200, r.status());
        assertEquals(coding, r.header("Content-Encoding"));
        assertEquals("Accept-Encoding", r.header("Vary"), "a sibling exists: every answer varies");
        assertEquals(path.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8",
                r.header("Content-Type"), "the original's type");
        byte[] original = path.endsWith(".css") ? Site.CSS : Site.JS;
        if (coding == null) {
            assertArrayEquals(original, r.body());
        } else if (coding.equals("gzip")) {
            assertArrayEquals(original, gunzip(r.body()), "the sibling as it is on disk, not compressed again");
        } else {
            assertArrayEquals(Site.CSS_BR, r.body());
        }
    }

    @Test
    void eachVariantHasItsOwnTagAndAnswersItsOwnConditionals() throws IOException {
        String br = Wire.exchange(site.port(), "GET", "/site/style.css", "Accept-Encoding: br").header("ETag");
        String gz = Wire.exchange(site.port(), "GET", "/site/style.css", "Accept-Encoding: gzip").header("ETag");
        String plain = Wire.exchange(site.port(), "GET", "/site/style.css").header("ETag");
        assertTrue(br.endsWith("-br\"") && gz.endsWith("-gzip\""), br + " " + gz);
        assertNotEquals(plain, br);
        assertEquals(304, Wire.exchange(site.port(), "GET", "/site/style.css", "Accept-Encoding: br",
                "If-None-Match: " + br).status());
        Wire.Response stale = Wire.exchange(site.port(), "GET", "/site/style.css", "Accept-Encoding: gzip",
                "If-None-Match: " + br);
        assertEquals(200, stale.status(), "the br tag does not validate the gzip variant");
        Wire.Response notModified = Wire.exchange(site.port(), "GET", "/site/style.css", "Accept-Encoding: br",
                "If-None-Match: " + br);
        assertEquals("Accept-Encoding", notModified.header("Vary"));
        assertNull(notModified.header("Content-Encoding"));
    }

    @Test
    void rangesApplyToTheVariantSent() throws IOException {
        Wire.Response r = Wire.exchange(site.port(), "GET", "/site/style.css", "Accept-Encoding: br", "Range: bytes=0-6");
        assertEquals(206, r.status());
        assertEquals("br", r.header("Content-Encoding"));
        assertEquals("bytes 0-6/" + Site.CSS_BR.length, r.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(Site.CSS_BR, 0, 7), r.body());
        Wire.Response many = Wire.exchange(site.port(), "GET", "/site/style.css", "Accept-Encoding: br",
                "Range: bytes=0-1,5-6");
        assertEquals(200, many.status(), "several parts of a compressed variant: the whole variant");
        assertArrayEquals(Site.CSS_BR, many.body());
    }

    @Test
    void theGzipLayerCompressesAFileWithoutSiblingButNeverAPart() throws IOException {
        Wire.Response r = Wire.exchange(site.port(), "GET", "/site/plain.txt", "Accept-Encoding: gzip");
        assertEquals("gzip", r.header("Content-Encoding"));
        assertArrayEquals(Site.PLAIN, gunzip(r.body()));
        assertTrue(r.header("ETag").startsWith("W/"), "its bytes are no longer the tagged ones");
        assertNull(r.header("Accept-Ranges"), "ranges of the plain file do not apply to gzip bytes");
        Wire.Response part = Wire.exchange(site.port(), "GET", "/site/plain.txt", "Accept-Encoding: gzip",
                "Range: bytes=0-99");
        assertEquals(206, part.status());
        assertNull(part.header("Content-Encoding"));
        assertArrayEquals(Arrays.copyOfRange(Site.PLAIN, 0, 100), part.body());
    }

    @Test
    void siblingsCanBeTurnedOff(@TempDir Path other) throws IOException {
        try (Site off = Site.start(other, o -> o.precompressed(false), b -> b)) {
            Wire.Response r = Wire.exchange(off.port(), "GET", "/site/style.css", "Accept-Encoding: br, gzip");
            assertNull(r.header("Content-Encoding"));
            assertNull(r.header("Vary"));
            assertArrayEquals(Site.CSS, r.body());
        }
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }
}
