package org.genro.router.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.ToIntFunction;
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

    @Test
    void everyLookupIntoAKeptCapturesAllocatesNothing() {
        // Parameter and catch-all hits between static hits and misses: the holder's array
        // is grown by the warm-up and only reused after.
        Captures<String> captures = new Captures<>();
        String[] paths = {"/users/42/posts/7", "/users/new", "/static/css/site.css", "/nope", "/users/9"};
        long perLookup = bytesPerLookup(paths, path -> {
            String v = tree.match(path, captures);
            int n = captures.paramCount();
            return v == null || n == 0 ? 0 : captures.paramEnd(n - 1) - captures.paramStart(0);
        });
        assertEquals(0, perLookup, "bytes per lookup into kept captures");
    }

    @Test
    void findAllocatesNothingOnAnyHit() {
        String[] paths = {"/users/42/posts/7", "/users/new", "/static/css/site.css", "/nope"};
        assertEquals(0, bytesPerLookup(paths, path -> {
            String v = tree.find(path);
            return v == null ? 0 : v.length();
        }), "bytes per find");
    }

    private long bytesPerLookup(String[] paths) {
        return bytesPerLookup(paths, this::lookup);
    }

    private long bytesPerLookup(String[] paths, ToIntFunction<String> lookup) {
        int sink = 0;
        for (int i = 0; i < ROUNDS; i++) {
            sink += lookup.applyAsInt(paths[i % paths.length]);
        }
        long tid = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        for (int i = 0; i < ROUNDS; i++) {
            sink += lookup.applyAsInt(paths[i % paths.length]);
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
