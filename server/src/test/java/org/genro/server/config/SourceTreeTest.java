package org.genro.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the classes compiled from a server directory's {@code src/} are reused and when they are made again. */
class SourceTreeTest {
    @TempDir
    Path dir;

    private Path build() {
        Path out = SourceTree.compile(dir, List.of()).orElseThrow();
        SourceTree.release(out);
        return out;
    }

    private void source(String text) {
        Fixtures.write(dir.resolve("src/a/A.java"), "package a; public class A { public String s() { return \"" + text + "\"; } }");
    }

    @Test
    void unchangedSourcesReuseTheirBuild() throws Exception {
        Fixtures.withConfig(dir, "apps: {}\n");
        source("one");
        Path first = build();
        Path planted = Files.writeString(first.resolve("planted"), "kept while the build is reused");
        assertEquals(first, build());
        assertTrue(Files.exists(planted));
        assertTrue(Files.exists(first.resolve("a/A.class")));
    }

    @Test
    void changedSourcesGetABuildOfTheirOwn() throws Exception {
        Fixtures.withConfig(dir, "apps: {}\n");
        source("one");
        Path first = build();
        source("a longer one");
        Path second = build();
        assertNotEquals(first, second);
        assertFalse(Files.exists(first), "the older build is removed");
    }

    /**
     * A build's folder is named by a short hash of its fingerprint: one holding another
     * fingerprint under the same name is compiled afresh, never reused.
     */
    @Test
    void aBuildOfAnotherFingerprintUnderTheSameNameIsMadeAfresh() throws Exception {
        Fixtures.withConfig(dir, "apps: {}\n");
        source("one");
        Path first = build();
        Files.writeString(first.resolve(".complete"), "sources that hash to the same name");
        Path planted = Files.writeString(first.resolve("planted"), "a class of the other sources");
        assertEquals(first, build());
        assertFalse(Files.exists(planted));
        assertTrue(Files.exists(first.resolve("a/A.class")));
    }

    /**
     * The compiler runs in a JVM of its own and gets its arguments from a file, where a
     * path is quoted: a server directory whose path holds a space, quotes, a backslash, a
     * {@code #}, a line break and a letter outside ASCII must compile like any other.
     */
    @Test
    void aServerDirectoryWhosePathNeedsQuotingCompiles() throws Exception {
        dir = Files.createDirectories(dir.resolve("a b'c\"d\\e #f\ng \u00e9"));
        Fixtures.withConfig(dir, "apps: {}\n");
        source("one");
        Path out = build();
        assertTrue(Files.exists(out.resolve("a/A.class")));
        assertFalse(Files.exists(out.resolve(".javac-arguments")), "the argument file is removed");
    }

    @Test
    void sourcesThatDoNotCompileAreAnErrorWithTheCompilersMessage() throws Exception {
        Fixtures.withConfig(dir, "apps: {}\n");
        Fixtures.write(dir.resolve("src/a/A.java"), "package a; public class A { int broken( }");
        ConfigException e = assertThrows(ConfigException.class, () -> SourceTree.compile(dir, List.of()));
        assertTrue(e.getMessage().contains("compiling " + dir.resolve("src") + " failed"), e.getMessage());
        assertTrue(e.getMessage().contains("A.java:1: error:"), e.getMessage());
        try (Stream<Path> files = Files.walk(dir.resolve(".genro/build"))) {
            assertFalse(files.anyMatch(f -> f.endsWith(".complete")), "a failed build is marked complete");
        }
    }

    /**
     * A compiler that does not finish in time is stopped and the compile fails with a clear
     * error: without a limit, a compiler stuck on a file system that stopped answering would
     * hold the start (or a reload) for ever. A real compile takes far longer than the limit
     * given here, so the limit is what ends it.
     */
    @Test
    void aCompilerOverItsTimeLimitIsStoppedAndTheBuildIsNotMarkedComplete() throws Exception {
        Fixtures.withConfig(dir, "apps: {}\n");
        source("late");
        Set<Long> before = children();
        ConfigException e = assertThrows(ConfigException.class, () -> SourceTree.compile(dir, List.of(), Duration.ofMillis(50)));
        assertEquals("compiling " + dir.resolve("src") + " took longer than 50 ms; the compiler was stopped",
                e.detail());
        assertEquals(before, children(), "no compiler outlives its compile");
        try (Stream<Path> files = Files.walk(dir.resolve(".genro/build"))) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(".")).toList(),
                    "neither marked complete nor left with the compiler's argument or output file");
        }
        Path out = build(); // the same sources, with the usual limit
        assertTrue(Files.isRegularFile(out.resolve("a/A.class")));
    }

    /** The live child processes of this JVM. */
    private static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
