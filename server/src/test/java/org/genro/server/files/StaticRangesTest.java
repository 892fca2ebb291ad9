package org.genro.server.files;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
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
 * Byte ranges (RFC 9110 §14) end to end, on the 10000-byte representation of the RFC's own
 * examples ({@code data.bin}, held in memory) and on a file sent from disk
 * ({@code big.bin}): single parts, multipart bodies parsed and checked byte for byte,
 * 416, {@code If-Range}, coalescing, and requests that would amplify refused.
 */
class StaticRangesTest {
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

    /** A part of a multipart/byteranges body. */
    record Part(String type, String range, byte[] data) {
    }

    static Stream<Arguments> single() {
        return Stream.of(
                // Range → the one part sent, as first-last
                Arguments.of("bytes=0-499", 0, 499),
                Arguments.of("bytes=500-999", 500, 999),
                Arguments.of("bytes=-500", 9500, 9999),
                Arguments.of("bytes=9500-", 9500, 9999),
                Arguments.of("bytes=0-", 0, 9999),
                Arguments.of("BYTES=0-0", 0, 0),
                Arguments.of("bytes=9999-20000", 9999, 9999),
                Arguments.of("bytes=0-99999999999999999999999", 0, 9999),
                Arguments.of("bytes=-20000", 0, 9999),
                Arguments.of("bytes= 5-9 ,", 5, 9),
                Arguments.of("bytes=500-600,601-999", 500, 999),
                Arguments.of("bytes=500-700,601-999", 500, 999),
                Arguments.of("bytes=900-999,500-899", 500, 999),
                Arguments.of("bytes=10000-,0-9", 0, 9));
    }

    @ParameterizedTest(name = "{0} → {1}-{2}")
    @MethodSource("single")
    void sendsOnePartWithItsContentRange(String range, int first, int last) throws IOException {
        Wire.Response r = Wire.exchange(site.port(), "GET", "/site/data.bin", "Range: " + range);
        assertEquals(206, r.status());
        assertEquals("bytes " + first + "-" + last + "/10000", r.header("Content-Range"));
        assertEquals("application/octet-stream", r.header("Content-Type"));
        assertArrayEquals(Arrays.copyOfRange(Site.DATA, first, last + 1), r.body());
    }

    static Stream<Arguments> whole() {
        return Stream.of(
                Arguments.of("items=0-5"), Arguments.of("bytes=abc"), Arguments.of("bytes="), Arguments.of("bytes=,"),
                Arguments.of("bytes=1-2-3"), Arguments.of("bytes=-"), Arguments.of("bytes 0-5"), Arguments.of("bytes=0x10-20"),
                Arguments.of("bytes=+1-2"), Arguments.of("bytes=0-,0-,0-"), Arguments.of("bytes=0-5999,4000-9999"),
                Arguments.of("bytes=" + spans(17, 100)), Arguments.of("bytes=" + "0-0,".repeat(101)));
    }

    @ParameterizedTest(name = "{0} → 200")
    @MethodSource("whole")
    void ignoresWhatIsNotARangeItServesOrWouldAmplify(String range) throws IOException {
        Wire.Response r = Wire.exchange(site.port(), "GET", "/site/data.bin", "Range: " + range);
        assertEquals(200, r.status());
        assertNull(r.header("Content-Range"));
        assertArrayEquals(Site.DATA, r.body());
    }

    @ParameterizedTest(name = "{0} → 416")
    @MethodSource("unsatisfiable")
    void answers416WithTheSizeWhenNoRangeOverlaps(String range) throws IOException {
        try (Wire w = new Wire(site.port())) {
            Wire.Response r = w.request("GET", "/site/data.bin", "Range: " + range);
            assertEquals(416, r.status());
            assertEquals("bytes */10000", r.header("Content-Range"));
            assertEquals(200, w.request("GET", "/site/hello.txt").status(), "the connection stays usable");
        }
    }

    static Stream<Arguments> unsatisfiable() {
        return Stream.of(Arguments.of("bytes=10000-"), Arguments.of("bytes=-0"), Arguments.of("bytes=20000-30000,-0"),
                Arguments.of("bytes=500-400"), Arguments.of("bytes=0-10,500-400"));
    }

    @Test
    void sendsSeveralRangesAsAMultipartBodyOfExactLength() throws IOException {
        try (Wire w = new Wire(site.port())) {
            Wire.Response r = w.request("GET", "/site/data.bin", "Range: bytes=0-0,-1,200-299,4000-4099");
            assertEquals(206, r.status());
            assertNull(r.header("Content-Range"));
            List<Part> parts = parts(r);
            assertEquals(List.of("bytes 0-0/10000", "bytes 200-299/10000", "bytes 4000-4099/10000", "bytes 9999-9999/10000"),
                    parts.stream().map(Part::range).toList(), "ascending, whatever the order asked");
            assertArrayEquals(Arrays.copyOfRange(Site.DATA, 200, 300), parts.get(1).data());
            assertArrayEquals(Arrays.copyOfRange(Site.DATA, 9999, 10000), parts.get(3).data());
            assertTrue(parts.stream().allMatch(p -> p.type().equals("application/octet-stream")));
            assertEquals(200, w.request("GET", "/site/hello.txt").status(), "Content-Length was exact: the next answer parses");
        }
    }

    @Test
    void sixteenPartsAreServedAndTheBoundaryChanges() throws IOException {
        Wire.Response r = Wire.exchange(site.port(), "GET", "/site/data.bin", "Range: bytes=" + spans(16, 100));
        assertEquals(206, r.status());
        assertEquals(16, parts(r).size());
        Wire.Response again = Wire.exchange(site.port(), "GET", "/site/data.bin", "Range: bytes=0-0,5-5");
        assertTrue(!again.header("Content-Type").equals(r.header("Content-Type")), "a random boundary each time");
    }

    @Test
    void aFileFromDiskGivesTheSameParts() throws IOException {
        try (Wire w = new Wire(site.port())) {
            Wire.Response one = w.request("GET", "/site/big.bin", "Range: bytes=100-1048675");
            assertEquals(206, one.status());
            assertArrayEquals(Arrays.copyOfRange(Site.BIG, 100, 1048676), one.body());
            Wire.Response many = w.request("GET", "/site/big.bin", "Range: bytes=-70000,0-99999");
            List<Part> parts = parts(many);
            assertEquals("bytes 0-99999/" + Site.BIG.length, parts.get(0).range());
            assertArrayEquals(Arrays.copyOfRange(Site.BIG, 0, 100_000), parts.get(0).data());
            assertArrayEquals(Arrays.copyOfRange(Site.BIG, Site.BIG.length - 70_000, Site.BIG.length), parts.get(1).data());
            assertEquals(200, w.request("GET", "/site/hello.txt").status(), "the streamed body had its exact length");
        }
    }

    @Test
    void ifRangeNeedsTheCurrentStrongTagOrTheExactDate() throws IOException {
        Wire.Response plain = Wire.exchange(site.port(), "GET", "/site/data.bin");
        String etag = plain.header("ETag");
        String date = plain.header("Last-Modified");
        assertTrue(etag.matches("\"[0-9a-f]+-[0-9a-f]+\""), etag);
        assertEquals(206, get("Range: bytes=0-9", "If-Range: " + etag).status());
        assertEquals(200, get("Range: bytes=0-9", "If-Range: W/" + etag).status());
        assertEquals(200, get("Range: bytes=0-9", "If-Range: \"other\"").status());
        assertEquals(206, get("Range: bytes=0-9", "If-Range: " + date).status());
        String earlier = HttpDate.format(HttpDate.parse(date).minusSeconds(1));
        assertEquals(200, get("Range: bytes=0-9", "If-Range: " + earlier).status());
        assertEquals(200, get("Range: bytes=0-9", "If-Range: tomorrow").status());
    }

    @Test
    void rangesApplyToGetOnlyAndOneFieldOnly() throws IOException {
        Wire.Response head = Wire.exchange(site.port(), "HEAD", "/site/data.bin", "Range: bytes=0-9");
        assertEquals(200, head.status());
        assertEquals("10000", head.header("Content-Length"));
        assertEquals(200, get("Range: bytes=0-9", "Range: bytes=10-19").status());
        assertEquals("bytes", head.header("Accept-Ranges"));
    }

    @Test
    void anEmptyFileHasNoSatisfiableRange(@TempDir Path dir) throws IOException {
        Files.createFile(site.root.resolve("zero.txt"));
        try {
            Wire.Response r = Wire.exchange(site.port(), "GET", "/site/zero.txt", "Range: bytes=0-");
            assertEquals(416, r.status());
            assertEquals("bytes */0", r.header("Content-Range"));
        } finally {
            Files.delete(site.root.resolve("zero.txt"));
        }
    }

    private static Wire.Response get(String... fields) throws IOException {
        return Wire.exchange(site.port(), "GET", "/site/data.bin", fields);
    }

    /** {@code n} disjoint ranges, {@code gap} bytes apart. */
    private static String spans(int n, int gap) {
        StringJoiner j = new StringJoiner(",");
        for (int i = 0; i < n; i++) {
            j.add(i * gap + "-" + (i * gap + 9));
        }
        return j.toString();
    }

    /** The parts of a multipart/byteranges body, checked against its grammar on the way. */
    static List<Part> parts(Wire.Response r) {
        String type = r.header("Content-Type");
        assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
        String boundary = type.substring(type.indexOf('=') + 1);
        String body = new String(r.body(), ISO_8859_1);
        String delimiter = "--" + boundary;
        assertTrue(body.startsWith(delimiter + "\r\n"), "the body opens with a delimiter");
        assertTrue(body.endsWith("\r\n" + delimiter + "--\r\n"), "and closes with the last one");
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (body.startsWith(delimiter + "\r\n", at)) {
            int headEnd = body.indexOf("\r\n\r\n", at);
            String[] lines = body.substring(at + delimiter.length() + 2, headEnd).split("\r\n");
            int next = body.indexOf("\r\n" + delimiter, headEnd + 4);
            String partType = null;
            String range = null;
            for (String line : lines) {
                String[] f = line.split(": ", 2);
                if (f[0].equalsIgnoreCase("Content-Type")) {
                    partType = f[1];
                } else if (f[0].equalsIgnoreCase("Content-Range")) {
                    range = f[1];
                }
            }
            parts.add(new Part(partType, range, Arrays.copyOfRange(r.body(), headEnd + 4, next)));
            at = next + 2;
        }
        return parts;
    }
}
