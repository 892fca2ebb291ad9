package org.genro.http.bench;

import java.io.IOException;
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
 * on one connection and a depth of 1 a keep-alive client. At those depths the figure is
 * mostly the round trip (threads woken on both sides); at 256 it is mostly the work per
 * request, so that is the depth at which two builds or two servers differ by what they do.
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

    @Param({"256", "16", "1"})
    public int depth;

    private HttpServer server;
    private PipelinedClient client;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        client = new PipelinedClient(start(), "/plaintext", depth, "Hello, World!");
        client.batch();
    }

    /** Starts the server under test on a free loopback port and returns the port. */
    protected int start() throws IOException {
        server = HttpServer.builder().host("127.0.0.1").port(0)
                .handler((req, res) -> res.contentType("text/plain").send(BODY)).start();
        return server.port();
    }

    /** Stops what {@link #start} started. */
    protected void stop() {
        server.close();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        client.close();
        stop();
    }

    /** One batch of requests written and its answers read; returns the bytes read. */
    @Benchmark
    public int batch() throws IOException {
        return client.batch();
    }
}
