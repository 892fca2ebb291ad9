package org.genro.server.middleware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompressionTest {
    private static final byte[] JSON = ("{\"items\":[" + "{\"name\":\"widget\",\"price\":10},".repeat(60) + "{}]}")
            .getBytes(StandardCharsets.UTF_8);

    private static Reply run(Compression.Options options, TestRequest request, Reply reply) throws Exception {
        return new Compression(options).handle(request.exchange(), x -> reply);
    }

    private static Reply json(byte[] body) {
        return Reply.bytes(body, "application/json");
    }

    private static TestRequest gzipOk() {
        return TestRequest.get("/").header("Accept-Encoding", "gzip, deflate, br");
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    /** Accept-Encoding fields → whether gzip may be sent. */
    static Stream<Arguments> acceptEncodings() {
        return Stream.of(
                Arguments.of(List.of("gzip"), true),
                Arguments.of(List.of("GZIP"), true),
                Arguments.of(List.of("x-gzip"), true),
                Arguments.of(List.of("gzip;q=0"), false),
                Arguments.of(List.of("gzip; q=0.0"), false),
                Arguments.of(List.of("gzip;Q=0.000"), false),
                Arguments.of(List.of("gzip;q=0.001"), true),
                Arguments.of(List.of("gzip;q=abc"), false),
                Arguments.of(List.of("br, gzip;q=0.5"), true),
                Arguments.of(List.of("*"), true),
                Arguments.of(List.of("*;q=0"), false),
                Arguments.of(List.of("gzip;q=0, *"), false),
                Arguments.of(List.of("*;q=0.5, gzip;q=0"), false),
                Arguments.of(List.of("*;q=0, gzip"), true),
                Arguments.of(List.of("identity"), false),
                Arguments.of(List.of("deflate, br"), false),
                Arguments.of(List.of("gzipper"), false),
                Arguments.of(List.of(""), false),
                Arguments.of(List.of(), false),
                Arguments.of(List.of("br", "gzip"), true));
    }

    @ParameterizedTest
    @MethodSource("acceptEncodings")
    void readsGzipWeightsFromAcceptEncoding(List<String> fields, boolean accepted) {
        assertEquals(accepted, Compression.acceptsGzip(fields));
    }

    /** Content-Type → whether it is worth compressing. */
    static Stream<Arguments> types() {
        return Stream.of(
                Arguments.of("text/html; charset=utf-8", true), Arguments.of("TEXT/PLAIN", true),
                Arguments.of("text/css", true), Arguments.of("application/json", true),
                Arguments.of("application/javascript", true), Arguments.of("application/xml", true),
                Arguments.of("image/svg+xml", true), Arguments.of("application/problem+json", true),
                Arguments.of("application/vnd.api+json; charset=utf-8", true), Arguments.of("application/atom+xml", true),
                Arguments.of("image/png", false), Arguments.of("application/octet-stream", false),
                Arguments.of("application/zip", false), Arguments.of("image/x+json", false), Arguments.of(null, false));
    }

    @ParameterizedTest
    @MethodSource("types")
    void compressesTextualTypesOnly(String type, boolean compressible) {
        assertEquals(compressible, Compression.compressible(type));
    }

    @Test
    void gzipsALargeTextualReplyWhenTheClientAcceptsIt() throws Exception {
        Reply reply = run(Compression.Options.DEFAULTS, gzipOk(), json(JSON));
        assertEquals("gzip", reply.headers().first("Content-Encoding"));
        assertEquals("Accept-Encoding", reply.headers().first("Vary"));
        assertTrue(reply.body().length < JSON.length);
        assertArrayEquals(JSON, gunzip(reply.body()));
    }

    @Test
    void aCompressedReplyNoLongerOffersRangesOfItsUncompressedForm() throws Exception {
        Reply reply = run(Compression.Options.DEFAULTS, gzipOk(), json(JSON).header("Accept-Ranges", "bytes"));
        assertEquals("gzip", reply.headers().first("Content-Encoding"));
        assertNull(reply.headers().first("Accept-Ranges"));
        Reply part = run(Compression.Options.DEFAULTS, gzipOk(), json(JSON).status(206).header("Accept-Ranges", "bytes"));
        assertArrayEquals(JSON, part.body(), "a 206 part is never compressed");
        assertEquals("bytes", part.headers().first("Accept-Ranges"));
    }

    @Test
    void compressesFromMinimumSizeUp() throws Exception {
        var options = new Compression.Options(JSON.length, 6);
        assertEquals("gzip", run(options, gzipOk(), json(JSON)).headers().first("Content-Encoding"));
        Reply small = run(options, gzipOk(), json(Arrays.copyOf(JSON, JSON.length - 1)));
        assertNull(small.headers().first("Content-Encoding"));
        assertEquals("Accept-Encoding", small.headers().first("Vary"));
    }

    @Test
    void leavesTheDefault512ByteThresholdAlone() throws Exception {
        assertNull(run(Compression.Options.DEFAULTS, gzipOk(), json(Arrays.copyOf(JSON, 511)))
                .headers().first("Content-Encoding"));
        assertEquals("gzip", run(Compression.Options.DEFAULTS, gzipOk(), Reply.text("a".repeat(512)))
                .headers().first("Content-Encoding"));
    }

    @Test
    void aClientThatRefusesGzipGetsThePlainReplyThatStillVaries() throws Exception {
        Reply reply = run(Compression.Options.DEFAULTS, TestRequest.get("/").header("Accept-Encoding", "gzip;q=0"), json(JSON));
        assertNull(reply.headers().first("Content-Encoding"));
        assertArrayEquals(JSON, reply.body());
        assertEquals("Accept-Encoding", reply.headers().first("Vary"));
        assertEquals("Accept-Encoding",
                run(Compression.Options.DEFAULTS, TestRequest.get("/"), json(JSON)).headers().first("Vary"));
    }

    @Test
    void anIncompressibleTypeIsLeftAloneAndDoesNotVary() throws Exception {
        Reply reply = run(Compression.Options.DEFAULTS, gzipOk(), Reply.bytes(JSON, "image/png"));
        assertArrayEquals(JSON, reply.body());
        assertNull(reply.headers().first("Vary"));
        assertNull(reply.headers().first("Content-Encoding"));
    }

    @Test
    void anAlreadyEncodedReplyIsLeftAlone() throws Exception {
        Reply encoded = json(JSON).header("Content-Encoding", "br");
        Reply reply = run(Compression.Options.DEFAULTS, gzipOk(), encoded);
        assertEquals("br", reply.headers().first("Content-Encoding"));
        assertArrayEquals(JSON, reply.body());
        assertNull(reply.headers().first("Vary"));
    }

    @Test
    void filesAndStreamsAreNotBuffered() throws Exception {
        Reply file = Reply.file(Path.of("big.txt")).contentType("text/plain");
        assertSame(file, run(Compression.Options.DEFAULTS, gzipOk(), file));
        assertNull(file.headers().first("Content-Encoding"));
        Reply stream = Reply.stream("text/event-stream", out -> out.write(JSON));
        run(Compression.Options.DEFAULTS, gzipOk(), stream);
        assertNull(stream.headers().first("Content-Encoding"));
        assertNull(stream.body());
    }

    @Test
    void keepsTheOriginalWhenGzipWouldNotBeSmaller() throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Reply reply = run(Compression.Options.DEFAULTS, gzipOk(), Reply.bytes(noise, "text/plain"));
        assertArrayEquals(noise, reply.body());
        assertNull(reply.headers().first("Content-Encoding"));
        assertEquals("Accept-Encoding", reply.headers().first("Vary"));
    }

    @Test
    void mergesIntoAnExistingVaryWithoutDuplicating() throws Exception {
        assertEquals(List.of("Origin, Accept-Encoding"), run(Compression.Options.DEFAULTS, gzipOk(),
                json(JSON).header("Vary", "Origin")).headers().all("Vary"));
        assertEquals(List.of("accept-encoding"), run(Compression.Options.DEFAULTS, gzipOk(),
                json(JSON).header("Vary", "accept-encoding")).headers().all("Vary"));
    }

    @Test
    void weakensAStrongETagBecauseTheBytesChanged() throws Exception {
        Reply reply = run(Compression.Options.DEFAULTS, gzipOk(), json(JSON).header("ETag", "\"v1\""));
        assertEquals("W/\"v1\"", reply.headers().first("ETag"));
        Reply weak = run(Compression.Options.DEFAULTS, gzipOk(), json(JSON).header("ETag", "W/\"v1\""));
        assertEquals("W/\"v1\"", weak.headers().first("ETag"));
    }

    @Test
    void repliesWithoutABodyAreLeftAlone() throws Exception {
        for (int status : new int[] {204, 304}) {
            Reply reply = run(Compression.Options.DEFAULTS, gzipOk(), Reply.of(status).contentType("text/plain"));
            assertNull(reply.headers().first("Vary"));
        }
        Reply partial = run(Compression.Options.DEFAULTS, gzipOk(), json(JSON).status(206));
        assertNull(partial.headers().first("Content-Encoding"));
    }

    @Test
    void theLevelOptionReachesTheDeflater() throws IOException {
        byte[] text = ("the quick brown fox jumps over the lazy dog " + new Random(1).ints(2000, 0, 50)
                .mapToObj(Integer::toString).reduce("", String::concat)).getBytes(StandardCharsets.US_ASCII);
        byte[] fast = Compression.gzip(text, 1);
        byte[] best = Compression.gzip(text, 9);
        assertArrayEquals(text, gunzip(fast));
        assertArrayEquals(text, gunzip(best));
        assertTrue(best.length < fast.length, best.length + " vs " + fast.length);
    }

    @Test
    void sitsInnermostAt900() {
        assertEquals(900, new Compression(Compression.Options.DEFAULTS).layer().rank());
    }
}
