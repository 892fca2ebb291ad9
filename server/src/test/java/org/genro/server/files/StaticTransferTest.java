package org.genro.server.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large files leave by the engine's file path: byte-exact over plain HTTP (transferTo) and
 * over TLS (copied slices), and a client that stops reading is cut by the write timeout,
 * as for any other body.
 */
class StaticTransferTest {

    @Test
    void aLargeFileArrivesByteExactOverPlainHttp(@TempDir Path base) throws Exception {
        try (Site site = Site.start(base)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + site.port() + "/site/big.bin");
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals(Long.toString(Site.BIG.length), r.headers().firstValue("content-length").orElse(""));
            assertArrayEquals(Site.BIG, r.body());
            HttpResponse<byte[]> part = client.send(HttpRequest.newBuilder(uri).header("Range", "bytes=65536-").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(Arrays.copyOfRange(Site.BIG, 65536, Site.BIG.length), part.body());
        }
    }

    @Test
    void aLargeFileArrivesByteExactOverTls(@TempDir Path base) throws Exception {
        Path keystore = base.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool made a keystore");
        try (Site site = Site.start(base, o -> o, b -> b.tls(keystore, "changeit"))) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                trust.load(in, "changeit".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("https://127.0.0.1:" + site.port() + "/site/big.bin");
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(Site.BIG, r.body());
            HttpResponse<byte[]> part = client.send(HttpRequest.newBuilder(uri).header("Range", "bytes=1-1048577").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(Arrays.copyOfRange(Site.BIG, 1, 1048578), part.body());
        }
    }

    @Test
    void aClientThatStopsReadingIsCutByTheWriteTimeout(@TempDir Path base) throws IOException {
        try (Site site = Site.start(base, o -> o, b -> b.limit("write_timeout", "300ms"))) {
            try (RandomAccessFile huge = new RandomAccessFile(site.root.resolve("huge.bin").toFile(), "rw")) {
                huge.setLength(64L << 20); // sparse: far more than the kernel buffers
            }
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(16 * 1024);
                s.setSoTimeout(10_000);
                s.connect(new InetSocketAddress("127.0.0.1", site.port()));
                s.getOutputStream().write("GET /site/huge.bin HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2)); // the client reads nothing, on purpose
                long read = 0;
                long started = System.nanoTime();
                try {
                    byte[] buf = new byte[64 * 1024];
                    for (int n; (n = s.getInputStream().read(buf)) > 0; ) {
                        read += n;
                    }
                } catch (IOException e) {
                    // a reset: cut
                }
                assertTrue(read < 64L << 20, "cut before the end: " + read);
                assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(8), "and the end came at once");
            }
        }
    }
}
