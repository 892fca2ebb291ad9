package org.genro.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
