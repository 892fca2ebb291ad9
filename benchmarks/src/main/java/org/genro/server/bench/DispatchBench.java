package org.genro.server.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.AsgiServer;
import org.genro.server.exchange.Json;
import org.genro.server.exchange.PlainJson;
import org.genro.server.exchange.Reply;
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
 * One request through the server in memory: registry, scoped context, demux,
 * middleware, router resolution, argument binding and coercion, the handler, and JSON
 * encoding of its small map result. No socket and no wire parsing (HeadParserBench
 * covers those).
 *
 * <p>{@code dispatchFixed} serves a path without arguments, as {@code dispatch} does one with a
 * path argument. {@code bareHandler} is the baseline: the same handler method called directly with
 * the same argument, result discarded. {@code bareHandlerJson} adds the JSON encoding by
 * Jackson, {@code bareHandlerJsonBytes} the encoding every dispatch pays (the same bytes).
 * {@code chain} picks the middleware: {@code default} (errors only, as config.yaml gives
 * with no middleware section) or {@code full} (errors, logging below its level, CORS, cache
 * with ETag, compression).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBench {
    /** The app under test: one entry with a typed path parameter and a small map result. */
    public static class Api extends RoutingClass {
        @Route(methods = {"GET"})
        public Map<String, Object> item(long id) {
            return Map.of("id", id, "name", "pen", "price", 1.5);
        }

        @Route(methods = {"GET"})
        public Map<String, Object> status() {
            return Map.of("id", 42L, "name", "pen", "price", 1.5);
        }
    }

    @Param({"default", "full"})
    public String chain;

    private AsgiServer server;
    private Api api;
    /** {@code /api/item/10} to {@code /api/item/99}, taken in turn: no two calls in a row send the same path. */
    private MemoryRequest[] requests;
    private int next;
    private MemoryRequest fixed;

    @Setup(Level.Trial)
    public void setUp() {
        api = new Api();
        var b = AsgiServer.builder().mount("api", api);
        if (chain.equals("full")) {
            b.middleware("logging", Map.of("level", "DEBUG", "to", "logger")) // below the logger's level: the layer, not the I/O
                    .middleware("cors", Map.of("allow_origins", List.of("https://app.example")))
                    .middleware("cache", true)
                    .middleware("compression", true);
        }
        server = b.build();
        requests = new MemoryRequest[90];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = MemoryRequest.get("/api/item/" + (10 + i), "");
        }
        fixed = MemoryRequest.get("/api/status", "");
        for (MemoryRequest r : List.of(requests[0], requests[89], fixed)) {
            Reply check = server.handle(r);
            if (check.status() != 200) {
                throw new IllegalStateException("setup request failed: " + check);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
    }

    /**
     * The full in-memory path, reply bytes ready to write, with a path argument that changes
     * from one call to the next: the server remembers the routing decision for such a path
     * by the prefix before the argument, and a different id on each call shows that no
     * figure here depends on the same path coming again.
     */
    @Benchmark
    public Reply dispatch() {
        int i = next;
        next = i == requests.length - 1 ? 0 : i + 1;
        return server.handle(requests[i]);
    }

    /**
     * The same for a path without arguments ({@code /api/status}, the same map), whose
     * routing decision the server remembers; its baseline is {@code bareHandlerJson} too.
     */
    @Benchmark
    public Reply dispatchFixed() {
        return server.handle(fixed);
    }

    /** Baseline: the handler alone. */
    @Benchmark
    public Map<String, Object> bareHandler() {
        return api.item(42);
    }

    /** Baseline plus the JSON encoding of its result, by Jackson. */
    @Benchmark
    public byte[] bareHandlerJson() throws Exception {
        return Json.MAPPER.writeValueAsBytes(api.item(42));
    }

    /**
     * Baseline plus the JSON encoding the dispatcher uses, {@code PlainJson.bytes}: the same bytes,
     * written without Jackson for a plain map like this one. Against it, a dispatch shows the
     * server's own share alone.
     */
    @Benchmark
    public byte[] bareHandlerJsonBytes() throws Exception {
        return PlainJson.bytes(api.item(42), null);
    }
}
