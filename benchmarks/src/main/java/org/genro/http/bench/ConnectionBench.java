package org.genro.http.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.genro.http.HttpServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's whole per-request path on one loopback connection: {@code depth} wrk-style
 * requests written at once, and their answers (the plaintext test's {@code Hello, World!})
 * read back. One operation is one such batch, so a depth of 16 is the pipelined load test
 * on one connection and a depth of 1 a keep-alive client. The socket calls are in the
 * figure; what the engine does per request shows as the difference between two builds.
 * Run with {@code -prof gc}: the client allocates nothing per operation, so the bytes per
 * operation are the server's (its carrier threads count what its virtual threads allocate).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConnectionBench {
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    @Param({"16", "1"})
    public int depth;

    private HttpServer server;
    private Socket client;
    private OutputStream out;
    private InputStream in;
    private byte[] batch;
    private byte[] answers;
    /** The bytes of one batch's answers: every answer has the same length (the Date's is fixed). */
    private int answerBytes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = HttpServer.builder().host("127.0.0.1").port(0)
                .handler((req, res) -> res.contentType("text/plain").send(BODY)).start();
        client = new Socket(InetAddress.getLoopbackAddress(), server.port());
        client.setTcpNoDelay(true);
        out = client.getOutputStream();
        in = client.getInputStream();
        byte[] one = ("GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        batch = new byte[one.length * depth];
        for (int i = 0; i < depth; i++) {
            System.arraycopy(one, 0, batch, i * one.length, one.length);
        }
        answers = new byte[64 * 1024];
        out.write(one);
        answerBytes = firstAnswer() * depth;
    }

    /** Reads the answer to the request sent in setUp; returns its length. */
    private int firstAnswer() throws IOException {
        int n = 0;
        while (true) {
            int r = in.read(answers, n, answers.length - n);
            if (r < 0) {
                throw new IOException("the server closed");
            }
            n += r;
            String s = new String(answers, 0, n, StandardCharsets.US_ASCII);
            int end = s.indexOf("\r\n\r\n");
            if (end >= 0 && n >= end + 4 + BODY.length) {
                return end + 4 + BODY.length;
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        client.close();
        server.close();
    }

    /** One batch of requests written and its answers read; returns the bytes read. */
    @Benchmark
    public int batch() throws IOException {
        out.write(batch);
        int n = 0;
        while (n < answerBytes) {
            int r = in.read(answers, 0, Math.min(answers.length, answerBytes - n));
            if (r < 0) {
                throw new IOException("the server closed");
            }
            n += r;
        }
        return n;
    }
}
