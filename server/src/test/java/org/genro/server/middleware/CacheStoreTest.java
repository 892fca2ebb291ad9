package org.genro.server.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.genro.http.Headers;
import org.junit.jupiter.api.Test;

class CacheStoreTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static CacheStore.Entry entry(int bytes, List<String> names, List<String> values, long stored, long maxAge) {
        return new CacheStore.Entry(new Headers(), new byte[bytes], names, values, stored, maxAge);
    }

    private static CacheStore.Entry entry(int bytes) {
        return entry(bytes, List.of(), List.of(), 0, 60 * SECOND);
    }

    private static final CacheStore.RequestHeaders NONE = name -> null;

    @Test
    void anEntryIsFreshUntilItsMaxAgeThenGone() {
        CacheStore store = new CacheStore(10, 1 << 20);
        store.put("u", entry(10, List.of(), List.of(), 0, 5 * SECOND));
        assertNotNull(store.lookup("u", NONE, 5 * SECOND - 1));
        assertNull(store.lookup("u", NONE, 5 * SECOND));
        assertEquals(0, store.size());
        assertEquals(0, store.bytes());
    }

    @Test
    void evictsTheLeastRecentlyUsedUrlFirst() {
        CacheStore store = new CacheStore(2, 1 << 20);
        store.put("a", entry(1));
        store.put("b", entry(1));
        store.lookup("a", NONE, 0);
        store.put("c", entry(1));
        assertNotNull(store.lookup("a", NONE, 0));
        assertNull(store.lookup("b", NONE, 0));
        assertNotNull(store.lookup("c", NONE, 0));
    }

    @Test
    void aVariantWithTheSameValuesReplacesTheOldOneAndIsCountedOnce() {
        CacheStore store = new CacheStore(10, 1 << 20);
        var names = List.of("Accept-Encoding");
        store.put("u", entry(100, names, List.of("gzip"), 0, SECOND));
        long bytes = store.bytes();
        var newer = entry(100, names, List.of("gzip"), 0, SECOND);
        store.put("u", newer);
        assertEquals(1, store.size());
        assertEquals(bytes, store.bytes());
        assertSame(newer, store.lookup("u", Map.of("Accept-Encoding", "gzip")::get, 0));
    }

    @Test
    void theNewestVariantSurvivesWhenItsOwnUrlExceedsTheBound() {
        CacheStore store = new CacheStore(1, 1 << 20);
        store.put("u", entry(1, List.of("X"), List.of("1"), 0, SECOND));
        store.put("u", entry(1, List.of("X"), List.of("2"), 0, SECOND));
        assertEquals(1, store.size());
        assertNotNull(store.lookup("u", Map.of("X", "2")::get, 0));
    }

    @Test
    void anEntryLargerThanTheWholeStoreIsNotKept() {
        CacheStore store = new CacheStore(10, 1000);
        store.put("small", entry(10));
        store.put("big", entry(2000));
        assertEquals(1, store.size());
        assertNotNull(store.lookup("small", NONE, 0));
    }

    @Test
    void staysWithinItsBoundsUnderConcurrentUse() throws Exception {
        CacheStore store = new CacheStore(50, 20_000);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                int seed = t;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        String url = "u" + ((seed * 31 + i) % 200);
                        if (store.lookup(url, NONE, 0) == null) {
                            store.put(url, entry(100 + i % 300));
                        }
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        }
        assertTrue(store.size() <= 50 && store.size() > 0, "size " + store.size());
        assertTrue(store.bytes() <= 20_000 && store.bytes() > 0, "bytes " + store.bytes());
        // The counters agree with the content: emptying by expiry brings both to zero.
        for (int i = 0; i < 200; i++) {
            store.lookup("u" + i, NONE, Long.MAX_VALUE);
        }
        assertEquals(0, store.size());
        assertEquals(0, store.bytes());
    }
}
