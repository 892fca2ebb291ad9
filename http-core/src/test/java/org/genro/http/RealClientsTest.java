package org.genro.http;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK's HttpClient and curl against the engine, in plain HTTP and over TLS. */
class RealClientsTest {
    private HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        server = TestServers.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void httpClientGetsTextAndReusesTheConnection() throws Exception {
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("hello\n", r.body());
        }
        assertEquals(1, server.connectionCount(), "one pooled connection served all requests");
    }

    @Test
    void httpClientPostsAStreamedBodyAndReadsAChunkedAnswer() throws Exception {
        byte[] payload = "z".repeat(50_000).getBytes(StandardCharsets.US_ASCII);
        HttpRequest req = HttpRequest.newBuilder(uri("/echo-stream"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(payload))).build();
        HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals(payload.length, r.body().length);
        assertEquals("chunked", r.headers().firstValue("transfer-encoding").orElse(""));
    }

    @Test
    void httpClientSeesHeadAndErrors() throws Exception {
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri("/hello")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("6", head.headers().firstValue("content-length").orElse(""));
        assertEquals("", head.body());
        assertEquals(404, client.send(HttpRequest.newBuilder(uri("/nope")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(500, client.send(HttpRequest.newBuilder(uri("/fail")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void httpClientUsesExpectContinue() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri("/echo")).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("continued")).build();
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals("continued", r.body());
    }

    @Test
    void curlGetsExactStatusAndEchoesChunkedUploads() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is installed");
        String out = run(List.of("curl", "-sS", "-i", "--max-time", "10", uri("/hello").toString()));
        assertTrue(out.startsWith("HTTP/1.1 200 OK\r\n"), out);
        assertTrue(out.endsWith("\r\n\r\nhello\n"), out);
        String echo = run(List.of("curl", "-sS", "--max-time", "10", "-H", "Transfer-Encoding: chunked",
                "--data-binary", "chunky-body", uri("/echo").toString()));
        assertEquals("chunky-body", echo);
    }

    @Test
    void servesHttpsFromAPkcs12Keystore(@TempDir Path dir) throws Exception {
        TestKeys keys = TestKeys.make(dir);
        try (HttpServer tls = HttpServer.builder().port(0).tls(keys.keystore(), keys.password())
                .handler((req, res) -> res.send("secure=" + req.secure())).start()) {
            HttpClient https = HttpClient.newBuilder().sslContext(keys.client()).version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + tls.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("secure=true", r.body());
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "command finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
