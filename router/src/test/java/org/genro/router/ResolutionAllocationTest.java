package org.genro.router;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.function.IntSupplier;
import org.genro.router.plugin.AuthPlugin;
import org.junit.jupiter.api.Test;

/**
 * Allocation budgets of {@link Router#resolve} on the server's hot path, measured with
 * the JVM's per-thread byte counter (bytes, not time, so stable on a busy machine).
 * Budgets are upper bounds: escape analysis may do better.
 */
class ResolutionAllocationTest {

    private static final int ROUNDS = 100_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Shop.Root root = Shop.tree();
    private final Caller caller = Caller.anonymous().withTags("admin");

    ResolutionAllocationTest() {
        root.router().plug(new AuthPlugin());
    }

    private long bytesPerResolve(String path) {
        return bytesPerResolve(path, caller);
    }

    private long bytesPerResolve(String path, Caller caller) {
        return bytesPerRun(() -> root.router().resolve(path, caller).status());
    }

    /** What one run of {@code work} allocates, after as many runs to warm up; its results are checked as used. */
    private static long bytesPerRun(IntSupplier work) {
        int sink = 0;
        for (int i = 0; i < ROUNDS; i++) {
            sink += work.getAsInt();
        }
        long tid = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        for (int i = 0; i < ROUNDS; i++) {
            sink += work.getAsInt();
        }
        long after = THREADS.getThreadAllocatedBytes(tid);
        assertTrue(sink > 0);
        return (after - before) / ROUNDS;
    }

    @Test
    void resolvingAnEntryWithoutArgumentsAllocatesOnlyTheFoundRecord() {
        long bytes = bytesPerResolve("shop/articles/list");
        assertTrue(bytes <= 24, "bytes per resolve: " + bytes);
    }

    @Test
    void accessCheckAllocatesNothing() {
        long bytes = bytesPerResolve("secret");
        assertTrue(bytes <= 24, "bytes per resolve through an auth rule: " + bytes);
    }

    @Test
    void refusalAllocatesOnlyItsRecord() {
        long bytes = bytesPerResolve("secret", Caller.anonymous());
        assertTrue(bytes <= 16, "bytes per refusal: " + bytes);
    }

    @Test
    void pathWithArgumentsAllocatesOnlyTheSegmentsAndTheFoundRecord() {
        // List12 24 + String 24 + byte[] 24 + Found 24: the tree lookup itself adds
        // nothing (it used to add a Match and its offsets, 48 more).
        long bytes = bytesPerResolve("shop/retrieve/42");
        assertTrue(bytes <= 96, "bytes per resolve: " + bytes);
    }

    @Test
    void notFoundAllocatesOnlyItsRecord() {
        // NotFound 16: the path lands on a fallback key, and looking it up allocates nothing.
        long bytes = bytesPerResolve("shop/nothing/here/at/all");
        assertTrue(bytes <= 16, "bytes per miss: " + bytes);
    }

    @Test
    void callingAnEntryWithoutParametersAllocatesOnlyTheInvocation() {
        // Invocation 24: its arguments are one shared empty array, not a new one per call
        Resolution.Found found = (Resolution.Found) root.router().resolve("ping", caller);
        long bytes = bytesPerRun(() -> {
            try {
                return ((String) found.invoke(null, null)).length();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(bytes <= 24, "bytes per call: " + bytes);
    }
}
