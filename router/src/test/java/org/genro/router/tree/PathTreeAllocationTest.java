package org.genro.router.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Allocation budgets, measured with the JVM's per-thread allocation counter over many
 * lookups (a byte count, not a timing, so it is stable on a busy machine). The
 * measured loop is warmed first so that the JIT has settled.
 */
class PathTreeAllocationTest {

    private static final int ROUNDS = 200_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final PathTree<String> tree = PathTreeTest.tree(List.of(
            "/", "/users", "/users/new", "/users/{id}", "/users/{id}/posts/{post}", "/static/{*path}"));

    @Test
    void staticHitAllocatesNothing() {
        String[] paths = {"/users/new", "/users", "/"};
        long perLookup = bytesPerLookup(paths);
        assertEquals(0, perLookup, "bytes per static lookup");
    }

    @Test
    void missAllocatesNothing() {
        String[] paths = {"/nope", "/users/1/posts", "/static/"};
        assertEquals(0, bytesPerLookup(paths), "bytes per miss");
    }

    @Test
    void parameterHitAllocatesOnlyTheMatchAndItsCaptureOffsets() {
        // Match (24 B) + int[4] (32 B); the value strings are cut only when asked for.
        long perLookup = bytesPerLookup(new String[] {"/users/42/posts/7"});
        assertTrue(perLookup > 0 && perLookup <= 64, "bytes per 2-parameter lookup: " + perLookup);
    }

    private long bytesPerLookup(String[] paths) {
        int sink = 0;
        for (int i = 0; i < ROUNDS; i++) {
            sink += lookup(paths[i % paths.length]);
        }
        long tid = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        for (int i = 0; i < ROUNDS; i++) {
            sink += lookup(paths[i % paths.length]);
        }
        long after = THREADS.getThreadAllocatedBytes(tid);
        assertTrue(sink >= 0);
        // Integer division: a few hundred bytes of measurement noise round down to 0.
        return (after - before) / ROUNDS;
    }

    private int lookup(String path) {
        Match<String> m = tree.match(path);
        return m == null ? 0 : m.paramCount();
    }
}
