package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The static-site sample as its README walks it, with curl: validators and a 304, a byte
 * range, the precompressed stylesheet; then the page in headless Chromium with its
 * stylesheet applied and its API call answered.
 */
class StaticSiteSampleTest {
    private static final Path SAMPLE = SamplesTest.SAMPLES.resolve("static-site");
    private static AsgiServer server;
    private static String base;

    @BeforeAll
    static void boot() throws Exception {
        server = new AsgiServer(SAMPLE, "127.0.0.1", 0, false, List.of(), null).start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** curl's output: the head (all of them, with -i or -I), then the body; exit code checked. */
    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(15, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static boolean curlInstalled() {
        try {
            return new ProcessBuilder("curl", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void validatorsGiveA304() throws Exception {
        assumeTrue(curlInstalled(), "curl is not installed");
        String head = curl("-I", base + "/css/site.css");
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        String etag = header(head, "ETag");
        assertTrue(etag != null && etag.startsWith("\""), head);
        assertTrue(header(head, "Last-Modified") != null, head);
        assertEquals("public, max-age=3600", header(head, "Cache-Control"));
        String again = curl("-i", "-H", "If-None-Match: " + etag, base + "/css/site.css");
        assertTrue(again.startsWith("HTTP/1.1 304"), again);
        assertTrue(again.endsWith("\r\n\r\n"), "no body after a 304");
        String since = curl("-I", "-H", "If-Modified-Since: " + header(head, "Last-Modified"), base + "/css/site.css");
        assertTrue(since.startsWith("HTTP/1.1 304"), since);
    }

    @Test
    void aRangeGivesTheBytesAsked() throws Exception {
        assumeTrue(curlInstalled(), "curl is not installed");
        byte[] file = Files.readAllBytes(SAMPLE.resolve("public/docs/guide.txt"));
        String out = curl("-i", "-r", "20-119", base + "/docs/guide.txt");
        assertTrue(out.startsWith("HTTP/1.1 206"), out);
        assertEquals("bytes 20-119/" + file.length, header(out, "Content-Range"));
        String body = out.substring(out.indexOf("\r\n\r\n") + 4);
        assertEquals(new String(file, 20, 100, StandardCharsets.ISO_8859_1), body);
    }

    @Test
    void thePrecompressedStylesheetIsServedToClientsThatTakeGzip() throws Exception {
        assumeTrue(curlInstalled(), "curl is not installed");
        byte[] css = Files.readAllBytes(SAMPLE.resolve("public/css/site.css"));
        byte[] gz = Files.readAllBytes(SAMPLE.resolve("public/css/site.css.gz"));
        assertArrayEquals(css, gunzip(gz), "site.css.gz is site.css gzipped: regenerate it with gzip -9 -n -k");
        String head = curl("-I", "-H", "Accept-Encoding: gzip", base + "/css/site.css");
        assertEquals("gzip", header(head, "Content-Encoding"), head);
        assertEquals(Integer.toString(gz.length), header(head, "Content-Length"), "the file as stored, not gzipped again");
        assertTrue(header(head, "Vary").toLowerCase(Locale.ROOT).contains("accept-encoding"), head);
        assertTrue(header(head, "Content-Type").startsWith("text/css"), head);
        String plain = curl("-I", base + "/css/site.css");
        assertEquals(null, header(plain, "Content-Encoding"));
        assertEquals(Integer.toString(css.length), header(plain, "Content-Length"));
        String decoded = curl("--compressed", base + "/css/site.css");
        assertEquals(new String(css, StandardCharsets.ISO_8859_1), decoded);
    }

    @Test
    void theDirectoryAnswersWithItsIndexAndTheApiBesideIt() throws Exception {
        assumeTrue(curlInstalled(), "curl is not installed");
        String redirect = curl("-I", base + "/docs");
        assertTrue(redirect.startsWith("HTTP/1.1 30"), redirect);
        assertEquals(java.net.URI.create(base + "/docs/"),
                java.net.URI.create(base + "/docs").resolve(header(redirect, "Location")), "to the slash form");
        assertTrue(curl(base + "/docs/").contains("<h1>Docs</h1>"));
        assertTrue(curl(base + "/api/now").contains("\"now\""));
        assertTrue(curl("-i", base + "/config.yaml").startsWith("HTTP/1.1 404"), "only public/ is served");
    }

    @Test
    void thePageLoadsWithItsStylesheetInChromium() throws Exception {
        try (Browser browser = Browser.launch()) {
            Browser.Page page = browser.open();
            page.go(base + "/");
            Duration wait = Duration.ofSeconds(20);
            page.waitFor("document.readyState === 'complete'", wait);
            // the stylesheet sets the page's background and the header's border: both show it applied
            page.waitFor("getComputedStyle(document.body).backgroundColor === 'rgb(251, 250, 247)'", wait);
            assertEquals("3px", page.eval("getComputedStyle(document.querySelector('header')).borderBottomWidth").asText());
            page.waitFor("document.querySelector('img').naturalWidth === 48", wait);
            page.waitFor("document.getElementById('now').textContent.includes('T')", wait);
        }
    }

    private static byte[] gunzip(byte[] gz) throws Exception {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
