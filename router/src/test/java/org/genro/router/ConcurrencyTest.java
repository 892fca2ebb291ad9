package org.genro.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.genro.router.plugin.AuthPlugin;
import org.junit.jupiter.api.Test;

/**
 * Resolution while the tree changes: readers never see a gap, a half-built branch or an
 * exception. Bounded by iteration counts, not time, so it stays fast on a busy machine.
 */
class ConcurrencyTest {

    static class Version extends RoutingClass {
        private final String tag;

        Version(String tag) {
            this.tag = tag;
        }

        @Route
        public String index() {
            return tag;
        }
    }

    @Test
    void replacingABranchUnderLoadNeverLeavesAGap() throws Exception {
        Section root = new Section();
        root.router().branch("app", new Version("v0"));
        AtomicBoolean done = new AtomicBoolean();
        Set<Object> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger misses = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<?> reader = pool.submit(() -> {
                while (!done.get()) {
                    if (root.router().resolve("app") instanceof Resolution.Found f) {
                        try {
                            seen.add(f.invoke(null, null));
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    } else {
                        misses.incrementAndGet();
                    }
                }
            });
            for (int i = 1; i <= 300; i++) {
                root.router().replaceBranch("app", new Version("v" + i));
            }
            done.set(true);
            reader.get(10, TimeUnit.SECONDS);
        }
        assertEquals(0, misses.get());
        assertTrue(!seen.isEmpty(), "the reader ran");
        assertEquals("v300", ((Resolution.Found) root.router().resolve("app")).invoke(null, null));
    }

    @Test
    void concurrentFirstTraversalsBuildALazyBranchOnce() throws Exception {
        Section root = new Section();
        AtomicInteger builds = new AtomicInteger();
        root.router().lazyBranch("app", () -> {
            builds.incrementAndGet();
            return new Version("lazy");
        });
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Resolution>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return root.router().resolve("app");
                }));
            }
            start.countDown();
        }
        for (Future<Resolution> r : results) {
            assertTrue(r.get() instanceof Resolution.Found, r.get().toString());
        }
        assertEquals(1, builds.get());
    }

    @Test
    void configuringWhileResolvingSwitchesOutcomesAtomically() throws Exception {
        Section root = new Section();
        Version app = new Version("x");
        root.router().branch("app", app);
        root.router().plug(new AuthPlugin());
        AtomicBoolean done = new AtomicBoolean();
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<?> reader = pool.submit(() -> {
                while (!done.get()) {
                    statuses.add(root.router().resolve("app/index").status());
                }
            });
            for (int i = 0; i < 200; i++) {
                root.router().configure("auth", Map.of("rule", i % 2 == 0 ? "admin" : ""));
            }
            done.set(true);
            reader.get(10, TimeUnit.SECONDS);
        }
        assertTrue(Set.of(200, 401).containsAll(statuses), statuses.toString());
    }
}
