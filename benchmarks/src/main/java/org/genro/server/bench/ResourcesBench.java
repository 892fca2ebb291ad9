package org.genro.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.genro.server.AsgiServer;
import org.genro.server.Resources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Finding the system pages' stylesheet as {@code /_server/resource/genro.css} does on every
 * request: the built-in level and a server level on disk, concatenated, with its ETag.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResourcesBench {
    private Path dir;
    private AsgiServer server;
    private Resources resources;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("resources-bench");
        Files.createDirectories(dir.resolve("resources"));
        Files.writeString(dir.resolve("resources/genro.css"), "h1 { color: green }\n".repeat(50));
        server = AsgiServer.builder().serverDir(dir).build();
        resources = server.resources();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        server.close();
        TempDirs.deleteTree(dir);
    }

    /** The stylesheet and its validator, as the endpoint needs them. */
    @Benchmark
    public String stylesheet() throws IOException {
        return resources.find("genro.css", null).orElseThrow().etag();
    }
}
