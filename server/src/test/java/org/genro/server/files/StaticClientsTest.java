package org.genro.server.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** curl and the JDK's HttpClient against the static app, with the gzip layer on. */
class StaticClientsTest {
    private static final Path CURL = Path.of("/usr/bin/curl");
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

    private static String url(String path) {
        return "http://127.0.0.1:" + site.port() + path;
    }

    /** Runs curl with {@code args}; returns its standard output as bytes. */
    private static byte[] curl(String... args) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CURL), "curl is installed");
        List<String> command = new ArrayList<>(List.of(CURL.toString(), "-sS", "--max-time", "10"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "curl finished");
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.ISO_8859_1));
        return out;
    }

    @Test
    void curlGetsARange() throws Exception {
        assertArrayEquals(Arrays.copyOfRange(Site.DATA, 0, 100), curl("-r", "0-99", url("/site/data.bin")));
        String head = new String(curl("-r", "0-99", "-D", "-", "-o", "/dev/null", url("/site/big.bin")), StandardCharsets.ISO_8859_1);
        assertTrue(head.startsWith("HTTP/1.1 206 Partial Content\r\n"), head);
        assertTrue(head.contains("Content-Range: bytes 0-99/" + Site.BIG.length + "\r\n"), head);
    }

    @Test
    void curlCompressedGetsThePrecompressedSiblingAndTheGzippedText() throws Exception {
        assertArrayEquals(Site.CSS, curl("--compressed", "-H", "Accept-Encoding: gzip", url("/site/style.css")));
        assertArrayEquals(Site.PLAIN, curl("--compressed", url("/site/plain.txt")));
        String head = new String(curl("--compressed", "-H", "Accept-Encoding: gzip", "-D", "-", "-o", "/dev/null",
                url("/site/app.js")), StandardCharsets.ISO_8859_1);
        assertTrue(head.contains("Content-Encoding: gzip\r\n") && head.contains("Vary: Accept-Encoding\r\n"), head);
    }

    @Test
    void curlFollowsTheDirectoryRedirectAndResumesADownload(@TempDir Path out) throws Exception {
        assertEquals("<h1>docs</h1>\n", new String(curl("-L", url("/site/docs")), StandardCharsets.UTF_8));
        Path partial = Files.write(out.resolve("big.bin"), Arrays.copyOf(Site.BIG, 500_000));
        curl("-C", "-", "-o", partial.toString(), url("/site/big.bin"));
        assertArrayEquals(Site.BIG, Files.readAllBytes(partial), "resumed with a range");
    }

    @Test
    void curlRevalidatesWithTheEtag(@TempDir Path out) throws Exception {
        Path etags = out.resolve("etags");
        curl("--etag-save", etags.toString(), "-o", "/dev/null", url("/site/hello.txt"));
        String status = new String(curl("--etag-compare", etags.toString(), "-o", "/dev/null", "-w", "%{http_code}",
                url("/site/hello.txt")), StandardCharsets.US_ASCII);
        assertEquals("304", status);
    }

    @Test
    void httpClientRoundTripsTheEtagAndTheDate() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(url("/site/hello.txt"));
        HttpResponse<String> first = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("hello\n", first.body());
        String etag = first.headers().firstValue("etag").orElseThrow();
        String date = first.headers().firstValue("last-modified").orElseThrow();
        HttpResponse<String> byTag = client.send(HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(304, byTag.statusCode());
        assertEquals("", byTag.body());
        HttpResponse<String> byDate = client.send(HttpRequest.newBuilder(uri).header("If-Modified-Since", date).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(304, byDate.statusCode());
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("6", head.headers().firstValue("content-length").orElse(""));
        assertEquals(etag, head.headers().firstValue("etag").orElse(""));
    }
}
