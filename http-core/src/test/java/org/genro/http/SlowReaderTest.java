package org.genro.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The write timeout measures a client that stops reading, not the size of a reply; the
 * minimum write rate catches one that reads, but too slowly. Each client asks for a
 * reply four times larger than the kernel buffers, with a small receive buffer.
 */
class SlowReaderTest {
    private static final String REQUEST = "GET /big HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    private Socket client(Limits limits) throws IOException {
        server = TestServers.start(limits, new TestServers.Gates());
        Socket s = new Socket();
        s.setReceiveBufferSize(16 * 1024);
        s.setSoTimeout(5_000);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()));
        s.getOutputStream().write(REQUEST.getBytes(ISO_8859_1));
        return s;
    }

    /** A 16 MiB reply was one write under one write timeout, so a steady reader was cut at the timeout. */
    @Test
    void aSteadySlowReaderGetsAReplyLongerThanTheWriteTimeout() throws IOException {
        Limits limits = Limits.defaults().withWriteTimeout(Duration.ofSeconds(1));
        try (Socket s = client(limits)) {
            long start = System.nanoTime();
            // at most 16 KiB per 4 ms: the 12 MiB the kernel does not buffer take 3 s or more
            long total = readPaced(s.getInputStream(), TimeUnit.MILLISECONDS.toNanos(4));
            long elapsed = System.nanoTime() - start;
            assertTrue(elapsed > TimeUnit.SECONDS.toNanos(2), "the reply took longer than the write timeout: " + elapsed);
            assertEquals(TestServers.BIG, total, "the whole body arrived");
        }
    }

    @Test
    void aReaderBelowTheMinimumWriteRateIsCut() throws IOException {
        Limits limits = Limits.defaults().withWriteTimeout(Duration.ofMillis(300)).withMinWriteRate(200L << 20);
        try (Socket s = client(limits)) {
            long start = System.nanoTime();
            long total = readPaced(s.getInputStream(), TimeUnit.MILLISECONDS.toNanos(2));
            assertTrue(total < TestServers.BIG, "cut before the end: " + total);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "cut within the bound");
        }
    }

    @Test
    void aReaderThatStopsIsCutAfterTheWriteTimeout() throws Exception {
        Limits limits = Limits.defaults().withWriteTimeout(Duration.ofMillis(300));
        try (Socket s = client(limits)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling with a bound
            }
            assertEquals(0, server.connectionCount(), "the connection of a client that stopped reading is cut");
        }
    }

    /**
     * Reads until end of stream (or a reset), pausing between reads; returns the body
     * bytes read, after the head.
     */
    private static long readPaced(InputStream in, long pauseNanos) {
        byte[] buf = new byte[16 * 1024];
        StringBuilder head = new StringBuilder();
        long body = 0;
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                int from = 0;
                while (head.indexOf("\r\n\r\n") < 0 && from < n) {
                    head.append((char) (buf[from++] & 0xff));
                }
                body += n - from;
                LockSupport.parkNanos(pauseNanos); // a slow reader, by design
            }
        } catch (IOException e) {
            // reset: cut
        }
        return body;
    }
}
