package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.genro.server.exchange.Destination;
import org.junit.jupiter.api.Test;

/** The in-flight list: exactly the exchanges opened and not yet closed, under any order and any threads. */
class RequestRegistryTest {
    private static RequestRegistry.Tracked open(RequestRegistry r, String path) {
        return r.open(FakeRequest.get(path), Destination.NONE, 100);
    }

    @Test
    void theListHoldsWhatIsOpenWhateverOrderTheyCloseIn() {
        RequestRegistry r = new RequestRegistry();
        List<RequestRegistry.Tracked> open = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            open.add(open(r, "/r" + i)); // more than the stripes, so several share one
        }
        assertEquals(300, r.size());
        Collections.shuffle(open, new Random(7));
        List<RequestRegistry.Tracked> closed = new ArrayList<>(open.subList(0, 200));
        for (RequestRegistry.Tracked t : closed) {
            r.close(t, 200);
        }
        List<Long> left = open.subList(200, 300).stream().map(t -> t.exchange.id()).sorted().toList();
        assertEquals(left, r.inFlight().stream().map(RequestRegistry.InFlight::id).toList(), "oldest first, only the open ones");
        assertEquals(100, r.size());
        r.close(closed.getFirst(), 200); // closed twice: a no-op for the list
        assertEquals(100, r.size());
        for (RequestRegistry.Tracked t : open.subList(200, 300)) {
            r.close(t, 200);
        }
        assertEquals(0, r.size());
        assertTrue(r.inFlight().isEmpty());
        assertEquals(300, r.served(2), "each exchange counted once, though one was closed twice");
    }

    @Test
    void awaitingOlderRequestsEndsWhenTheyCloseAndIgnoresNewerOnes() {
        RequestRegistry r = new RequestRegistry();
        RequestRegistry.Tracked old = open(r, "/old");
        long lastOld = r.lastId();
        RequestRegistry.Tracked newer = open(r, "/new");
        assertTrue(!r.awaitUpTo(lastOld, Duration.ofMillis(30)), "the old request is still in flight");
        r.close(old, 200);
        assertTrue(r.awaitUpTo(lastOld, Duration.ofMillis(30)), "only newer ones left");
        r.close(newer, 200);
    }

    @Test
    void manyThreadsOpeningAndClosingLeaveNothingBehind() throws InterruptedException {
        RequestRegistry r = new RequestRegistry();
        int threads = 8;
        int each = 5_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofVirtual().start(() -> {
                try {
                    List<RequestRegistry.Tracked> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(open(r, "/x"));
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
    }
}
