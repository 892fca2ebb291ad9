package org.genro.server;

import java.lang.management.ManagementFactory;
import java.util.function.IntSupplier;

/** Bytes a piece of work allocates on this thread, from the JVM's per-thread counter: stable where time is not. */
final class AllocationCount {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationCount() {
    }

    /**
     * The bytes one run of {@code work} allocates, averaged over {@code rounds} runs after
     * as many to warm up; {@code work}'s results are summed into {@code sink}'s check, so
     * that none can be dropped as unused.
     */
    static long perRun(int rounds, IntSupplier work, long expectedSum) {
        long sink = 0;
        for (int i = 0; i < rounds; i++) {
            sink += work.getAsInt();
        }
        long tid = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        for (int i = 0; i < rounds; i++) {
            sink += work.getAsInt();
        }
        long bytes = (THREADS.getThreadAllocatedBytes(tid) - before) / rounds;
        if (sink != 2 * expectedSum) {
            throw new AssertionError("the work gave " + sink + ", expected twice " + expectedSum);
        }
        return bytes;
    }
}
