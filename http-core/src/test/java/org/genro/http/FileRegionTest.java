package org.genro.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Response#send(java.nio.channels.FileChannel, long, long)}: a region of a file
 * arrives byte-exact over plain sockets (transferTo) and over TLS (copied), small regions
 * share a write with their head, HEAD sends the length only, a file shorter than its
 * region closes the connection, and a client that stops reading is cut as for any body.
 */
class FileRegionTest {
    /** Larger than the kernel's socket buffers, so the transfer must wait for the reader. */
    private static final int SIZE = 3 * 1024 * 1024 + 17;
    @TempDir
    static Path dir;
    private static Path file;
    private static byte[] content;
    /** Sparse, and four times what the kernel buffers for a socket. */
    private static Path big;
    private HttpServer server;

    @BeforeAll
    static void writeFile() throws IOException {
        content = new byte[SIZE];
        new Random(42).nextBytes(content);
        file = Files.write(dir.resolve("data.bin"), content);
        big = dir.resolve("big.bin");
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(64L << 20);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    /** GET /?off&len sends that region; a missing len means to the end of the file. */
    private static void region(Request req, Response res) throws IOException {
        long off = 0;
        long len = SIZE;
        if (req.query() != null && !req.query().isEmpty()) {
            String[] parts = req.query().split("&");
            off = Long.parseLong(parts[0]);
            len = parts.length > 1 ? Long.parseLong(parts[1]) : SIZE - off;
        }
        Path which = req.path().equals("/big") ? big : file;
        try (FileChannel ch = FileChannel.open(which)) {
            res.contentType("application/octet-stream").send(ch, off, which == big ? ch.size() : len);
        }
    }

    private int start(Limits limits) throws IOException {
        server = HttpServer.builder().port(0).limits(limits).shutdownGrace(Duration.ofSeconds(2))
                .handler(FileRegionTest::region).start();
        return server.port();
    }

    @Test
    void aLargeFileArrivesByteExactOverAPlainSocket() throws IOException {
        int port = start(Limits.defaults());
        try (RawClient c = new RawClient(port)) {
            RawClient.Reply r = c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals(Integer.toString(SIZE), r.header("Content-Length"));
            assertArrayEquals(content, r.body());
            RawClient.Reply part = c.send("GET /?1000&2097159 HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertArrayEquals(Arrays.copyOfRange(content, 1000, 1000 + 2097159), part.body(), "the same connection, a region");
        }
    }

    @Test
    void smallRegionsAnswerPipelinedRequestsInOrder() throws IOException {
        int port = start(Limits.defaults());
        try (RawClient c = new RawClient(port)) {
            c.send("GET /?0&10 HTTP/1.1\r\nHost: a\r\n\r\nGET /?5&0 HTTP/1.1\r\nHost: a\r\n\r\nGET /?100&16384 HTTP/1.1\r\nHost: a\r\n\r\n");
            assertArrayEquals(Arrays.copyOfRange(content, 0, 10), c.read().body());
            RawClient.Reply empty = c.read();
            assertEquals("0", empty.header("Content-Length"));
            assertArrayEquals(Arrays.copyOfRange(content, 100, 100 + 16384), c.read().body());
        }
    }

    @Test
    void headSendsTheLengthAndNoBytes() throws IOException {
        int port = start(Limits.defaults());
        try (RawClient c = new RawClient(port)) {
            RawClient.Reply head = c.send("HEAD /?7 HTTP/1.1\r\nHost: a\r\n\r\n").read(true);
            assertEquals(Integer.toString(SIZE - 7), head.header("Content-Length"));
            RawClient.Reply next = c.send("GET /?0&3 HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertArrayEquals(Arrays.copyOfRange(content, 0, 3), next.body(), "no stray body bytes after the HEAD");
        }
    }

    @Test
    void aSmallRegionPastTheEndIsA500AndTheConnectionCloses() throws IOException {
        int port = start(Limits.defaults());
        try (RawClient c = new RawClient(port)) {
            RawClient.Reply r = c.send("GET /?" + (SIZE - 5) + "&10 HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertEquals(500, r.status(), "nothing had left yet: the head is withdrawn");
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aLargeRegionPastTheEndEndsTheConnectionShort() throws IOException {
        int port = start(Limits.defaults());
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("GET /?" + (SIZE - 100_000) + "&200000 HTTP/1.1\r\nHost: a\r\n\r\n").getBytes(ISO_8859_1));
            byte[] all = s.getInputStream().readAllBytes();
            String text = new String(all, ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n") && text.contains("Content-Length: 200000\r\n"), text.substring(0, 80));
            int body = all.length - (text.indexOf("\r\n\r\n") + 4);
            assertEquals(100_000, body, "the bytes the file had, then the end of the connection");
        }
    }

    @Test
    void aSteadySlowReaderGetsEveryByte() throws IOException {
        int port = start(Limits.defaults().withWriteTimeout(Duration.ofSeconds(2)));
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(16 * 1024);
            s.setSoTimeout(5_000);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            s.getOutputStream().write("GET /?0&3145728 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[32 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                got.write(buf, 0, n);
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(300)); // slower than the disk, by design
            }
            byte[] all = got.toByteArray();
            int start = new String(all, 0, 400, ISO_8859_1).indexOf("\r\n\r\n") + 4;
            assertArrayEquals(Arrays.copyOfRange(content, 0, 3145728), Arrays.copyOfRange(all, start, all.length));
        }
    }

    @Test
    void aClientThatStopsReadingIsCutByTheWriteTimeout() throws IOException {
        int port = start(Limits.defaults().withWriteTimeout(Duration.ofMillis(300)));
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(16 * 1024);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            s.getOutputStream().write("GET /big HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(ISO_8859_1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            while (server.connectionCount() == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling with a bound
            }
            while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling with a bound
            }
            assertEquals(0, server.connectionCount(), "the connection of a client that stopped reading is cut");
        }
    }

    @Test
    void aLargeFileArrivesByteExactOverTls(@TempDir Path keys) throws Exception {
        TestKeys tls = TestKeys.make(keys);
        server = HttpServer.builder().port(0).tls(tls.keystore(), tls.password()).handler(FileRegionTest::region).start();
        HttpClient https = HttpClient.newBuilder().sslContext(tls.client()).version(HttpClient.Version.HTTP_1_1).build();
        URI base = URI.create("https://127.0.0.1:" + server.port() + "/");
        HttpResponse<byte[]> whole = https.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(content, whole.body());
        HttpResponse<byte[]> part = https.send(HttpRequest.newBuilder(base.resolve("?65535&1048577")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(Arrays.copyOfRange(content, 65535, 65535 + 1048577), part.body());
    }

    /** The route a region takes inside the buffer: to the channel when there is one, through the stream otherwise. */
    @Test
    void aChannelTakesTheRegionAndTheStreamOnlyTheHeadsSegment() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        ByteArrayOutputStream viaChannel = new ByteArrayOutputStream();
        WritableByteChannel channel = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                byte[] b = new byte[n];
                src.get(b);
                viaChannel.write(b, 0, n);
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        Limits limits = Limits.defaults();
        OutputBuffer out = new OutputBuffer(stream, channel, new Watch(limits), limits);
        out.write("head".getBytes(ISO_8859_1));
        try (FileChannel ch = FileChannel.open(file)) {
            out.transfer(ch, 10, 100_000);
        }
        int lead = OutputBuffer.PARK_SLICE - 4; // the head's segment is topped up with the start of the file
        byte[] first = stream.toByteArray();
        assertEquals("head", new String(first, 0, 4, ISO_8859_1));
        assertArrayEquals(Arrays.copyOfRange(content, 10, 10 + lead), Arrays.copyOfRange(first, 4, first.length));
        assertArrayEquals(Arrays.copyOfRange(content, 10 + lead, 100_010), viaChannel.toByteArray());

        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        OutputBuffer tls = new OutputBuffer(copied, null, new Watch(limits), limits);
        try (FileChannel ch = FileChannel.open(file)) {
            tls.transfer(ch, 10, 100_000);
            assertThrows(EOFException.class, () -> tls.transfer(ch, SIZE - 10, 100_000), "a file shorter than its region");
        }
        assertArrayEquals(Arrays.copyOfRange(content, 10, 100_010), Arrays.copyOf(copied.toByteArray(), 100_000));
    }

    @Test
    void theDefaultMethodCopiesThroughTheStream() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> fields = new java.util.ArrayList<>();
        Response captured = new Response() {
            @Override public Response status(int code) { return this; }
            @Override public int status() { return 200; }
            @Override public Response header(String name, String value) { fields.add(name + ": " + value); return this; }
            @Override public Response addHeader(String name, String value) { return header(name, value); }
            @Override public Headers headers() { return new Headers(); }
            @Override public void send() { }
            @Override public void send(byte[] b) { }
            @Override public void send(byte[] b, int off, int len) { }
            @Override public void send(String text) { }
            @Override public java.io.OutputStream stream() { return body; }
            @Override public boolean committed() { return false; }
        };
        try (FileChannel ch = FileChannel.open(file)) {
            captured.send(ch, 3, 70_000);
        }
        assertEquals(List.of("Content-Length: 70000"), fields);
        assertArrayEquals(Arrays.copyOfRange(content, 3, 70_003), body.toByteArray());
    }
}
