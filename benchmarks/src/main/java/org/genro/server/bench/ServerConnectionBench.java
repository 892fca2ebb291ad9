package org.genro.server.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.genro.http.bench.PipelinedClient;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.AsgiServer;
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
 * {@code ConnectionBench} with the whole server behind the socket instead of a handler of
 * the engine's own: the load test's {@code /plaintext} route of a routing class mounted as
 * the main app, with the middleware a config without a {@code middleware} section gives
 * (less the access log, which the load test switches off too). Against
 * {@code ConnectionBench} in the same run at a depth of 256 (where the work per request
 * outweighs the round trip), the difference divided by the depth is the server's own share
 * of the pipelined load test, measured without wrk sharing the cores; with {@code -prof gc},
 * the bytes the server adds to the engine's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ServerConnectionBench {
    /** The load test's text route. */
    public static class Bench extends RoutingClass {
        @Route(methods = {"GET"})
        public String plaintext() {
            return "Hello, World!";
        }
    }

    @Param({"256", "16", "1"})
    public int depth;

    private AsgiServer server;
    private PipelinedClient client;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = AsgiServer.builder().host("127.0.0.1").port(0).mount("bench", new Bench()).mainApp("bench")
                .middleware("logging", false).start();
        client = new PipelinedClient(server.port(), "/plaintext", depth, "Hello, World!");
        client.batch();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        client.close();
        server.close();
    }

    /** One batch of requests written and its answers read; returns the bytes read. */
    @Benchmark
    public int batch() throws IOException {
        return client.batch();
    }
}
