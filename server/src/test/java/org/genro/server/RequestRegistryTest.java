package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.genro.server.exchange.Destination;
import org.genro.server.exchange.Exchange;
import org.junit.jupiter.api.Test;

/** The in-flight list: exactly the exchanges opened and not yet closed, under any order and any threads. */
class RequestRegistryTest {
    private static Exchange open(RequestRegistry r, String path) {
        return r.open(FakeRequest.get(path), Destination.NONE, 100);
    }

    @Test
    void theListHoldsWhatIsOpenWhateverOrderTheyCloseIn() {
        RequestRegistry r = new RequestRegistry();
        List<Exchange> open = new ArrayList<>();
        int opened = 3000; // more than the table's slots, so the overflow list holds some
        for (int i = 0; i < opened; i++) {
            open.add(open(r, "/r" + i));
        }
        assertEquals(opened, r.size());
        Collections.shuffle(open, new Random(7));
        List<Exchange> closed = new ArrayList<>(open.subList(0, opened - 100));
        for (Exchange t : closed) {
            r.close(t, 200);
        }
        List<Long> left = open.subList(opened - 100, opened).stream().map(t -> t.id()).sorted().toList();
        assertEquals(left, r.inFlight().stream().map(RequestRegistry.InFlight::id).sorted().toList(), "only the open ones");
        assertEquals(100, r.size());
        for (Exchange t : closed) {
            r.close(t, 200); // closed twice, from a slot or from the overflow list: a no-op
        }
        assertEquals(100, r.size());
        for (Exchange t : open.subList(opened - 100, opened)) {
            r.close(t, 200);
        }
        assertEquals(0, r.size());
        assertTrue(r.inFlight().isEmpty());
        assertEquals(opened, r.served(2), "each exchange counted once, though most were closed twice");
    }

    @Test
    void awaitingASnapshotEndsWhenItsRequestsCloseAndIgnoresLaterOnes() {
        RequestRegistry r = new RequestRegistry();
        Exchange old = open(r, "/old");
        var before = r.snapshot();
        Exchange newer = open(r, "/new");
        assertFalse(r.awaitClosed(before, Duration.ofMillis(30)), "the old request is still in flight");
        r.close(old, 200);
        Exchange reuser = open(r, "/again"); // same thread: the cell the old one left
        assertTrue(r.awaitClosed(before, Duration.ofMillis(30)), "only later ones left, whatever cell they hold");
        r.close(newer, 200);
        r.close(reuser, 200);
    }

    /**
     * Requests opened one after the other, the clock moving between each two, are listed
     * in the order they arrived. The ages were once read one exchange after the other, so a
     * request that arrived a tick after another could read as older when the two readings
     * lay further apart than the two arrivals; all are now measured from one reading. Many
     * requests, most of them on the overflow list (which keeps no order), so that such a
     * slip has many chances to show.
     */
    @Test
    void theOldestRequestIsListedFirst() {
        RequestRegistry r = new RequestRegistry();
        List<Exchange> opened = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            long before = System.nanoTime();
            while (System.nanoTime() == before) {
                Thread.onSpinWait(); // the clock must move between two, or their ages could tie
            }
            paths.add("/" + i);
            opened.add(open(r, "/" + i));
        }
        assertEquals(paths, r.inFlight().stream().map(RequestRegistry.InFlight::path).toList());
        opened.forEach(e -> r.close(e, 200));
    }

    @Test
    void aCancelledExchangeLeavesTheListAndIsNotCounted() {
        RequestRegistry r = new RequestRegistry();
        Exchange t = open(r, "/x");
        r.cancel(t);
        assertEquals(0, r.size());
        r.close(t, 200); // nothing left to close
        assertEquals(0, r.served());
    }

    @Test
    void trackingARequestAllocatesNothingBesideItsExchangeAndId() {
        // 144 measured alone and within the whole suite: the exchange 80 and its id's text
        // 64 (String 24, bytes 40); a tracking object of its own per request made it 176
        RequestRegistry r = new RequestRegistry();
        FakeRequest request = FakeRequest.get("/x");
        int rounds = 200_000;
        long bytes = AllocationCount.perRun(rounds, () -> {
            Exchange e = r.open(request, Destination.NONE, 100);
            r.close(e, 200);
            return 1;
        }, rounds);
        assertTrue(bytes <= 160, "bytes per request: " + bytes);
        assertEquals(0, r.size());
    }

    @Test
    void manyThreadsOpeningAndClosingLeaveNothingBehind() throws InterruptedException {
        RequestRegistry r = new RequestRegistry();
        int threads = 8;
        int each = 5_000;
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofVirtual().start(() -> {
                try {
                    List<Exchange> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        Exchange opened = open(r, "/x");
                        ids.add(opened.id());
                        mine.add(opened);
                        if (mine.size() > 3) {
                            r.close(mine.removeFirst(), 200);
                        }
                    }
                    mine.forEach(x -> r.close(x, 200));
                } finally {
                    done.countDown();
                }
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(0, r.size());
        assertTrue(r.inFlight().isEmpty());
        assertEquals((long) threads * each, r.served());
        assertEquals(threads * each, ids.size(), "every id given once, though each cell counts its own");
    }
}
