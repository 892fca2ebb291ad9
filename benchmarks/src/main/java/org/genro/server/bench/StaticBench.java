package org.genro.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.genro.server.AsgiServer;
import org.genro.server.exchange.Reply;
import org.genro.server.files.StaticFiles;
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
 * One static file request through the server in memory, as {@link DispatchBench} does for
 * a routed one: the static app's path resolution, validators, precompressed siblings and
 * the hot-file cache, without a socket. {@code file}: a 13-byte text file ({@code small}),
 * a stylesheet with a gzip sibling asked with {@code Accept-Encoding: gzip} ({@code
 * sibling}), a missing one ({@code missing}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StaticBench {
    @Param({"small", "sibling", "missing"})
    public String file;

    private Path dir;
    private AsgiServer server;
    private MemoryRequest request;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("static-bench");
        Files.writeString(dir.resolve("small.txt"), "Hello, World!");
        Files.createDirectories(dir.resolve("css"));
        Files.writeString(dir.resolve("css/site.css"), "body { margin: 0 }\n".repeat(20));
        Files.write(dir.resolve("css/site.css.gz"), new byte[64]);
        // files modified just now are not kept in memory: age them
        for (Path p : new Path[] {dir.resolve("small.txt"), dir.resolve("css/site.css"), dir.resolve("css/site.css.gz")}) {
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        }
        server = AsgiServer.builder().mount("files", StaticFiles.of(dir)).build();
        request = switch (file) {
            case "small" -> MemoryRequest.get("/files/small.txt", "");
            case "sibling" -> new MemoryRequest("/files/css/site.css", "",
                    new org.genro.http.Headers().add("Host", "localhost:8000").add("Accept-Encoding", "gzip"));
            default -> MemoryRequest.get("/files/none.txt", "");
        };
        Reply check = server.handle(request);
        if (check.status() != (file.equals("missing") ? 404 : 200)) {
            throw new IllegalStateException("setup request failed: " + check);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        server.close();
        TempDirs.deleteTree(dir);
    }

    /** The request, reply ready to write. */
    @Benchmark
    public Reply serve() {
        return server.handle(request);
    }
}
