package org.genro.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.genro.http.Request;
import org.genro.server.exchange.Destination;
import org.genro.server.exchange.Exchange;

/**
 * The requests being served right now. Ids are made here, never taken from the client (a
 * client-sent X-Request-Id could collide). Also counts what has been served, for the
 * metrics endpoint.
 *
 * <p>Opening and closing an exchange writes no memory that every request shares. Under
 * load on several cores, a shared counter or list head moves between the cores' caches
 * at every request, and that cost more than everything else the registry does. Instead a
 * request takes a cell of a table, the one its thread's id picks (a connection's thread
 * takes the same one request after request, and the cells lie on separate cache lines),
 * and its id comes from that cell's own counter, which only the cell's holder touches.
 * When the cell and the next few are held by other threads, it goes on the overflow list,
 * which takes a lock.
 */
public final class RequestRegistry {
    /** A snapshot of one request in flight, safe to serialize (no headers, no query). */
    public record InFlight(long id, String method, String path, String app, Instant started, long elapsedMillis) {
    }

    private static final int CELL_BITS = 8;
    private static final int CELLS = 1 << CELL_BITS;
    /** Elements between two cells: 64 bytes of references (compressed or not, never one line). */
    private static final int SPREAD = 16;
    private static final int PROBES = 4;
    /** Each cell's holder, or null; a cell's slot is {@code cell * SPREAD}. */
    private final AtomicReferenceArray<Tracked> cells = new AtomicReferenceArray<>(CELLS * SPREAD);
    /**
     * Each cell's id counter, one cache line apart, at {@code cell * 8}; plain longs, as only
     * the cell's holder counts, and the claim that makes it the holder orders it after the
     * previous one.
     */
    private final long[] counters = new long[CELLS * 8];
    private final Overflow overflow = new Overflow();
    private final Metrics metrics = new Metrics(CELLS + 1); // the last for the overflow list

    RequestRegistry() {
    }

    /** One exchange in flight, in a cell or on the overflow list; given back to {@link #close}. */
    static final class Tracked {
        private static final VarHandle EXCHANGE;

        static {
            try {
                EXCHANGE = MethodHandles.lookup().findVarHandle(Tracked.class, "exchange", Exchange.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final AppLayer layer;
        /** Set once the id is known, after the cell is held; other threads read it with acquire. */
        private Exchange exchange;
        /** The cell's slot, or -1 on the overflow list. */
        private int slot;
        private Tracked prev;
        private Tracked next;

        private Tracked(AppLayer layer) {
            this.layer = layer;
        }

        /** The exchange, for the thread that opened it. */
        Exchange exchange() {
            return exchange;
        }

        /** The layer the exchange is served by. */
        AppLayer layer() {
            return layer;
        }

        /** The exchange as another thread sees it: null while it is being made. */
        private Exchange published() {
            return (Exchange) EXCHANGE.getAcquire(this);
        }
    }

    /** A doubly linked list of the exchanges no cell took, guarded by its own monitor. */
    private static final class Overflow {
        private Tracked head;
        private int size;
        private long counter;

        /** Links {@code t} and returns the id it is given. */
        synchronized long link(Tracked t) {
            t.next = head;
            if (head != null) {
                head.prev = t;
            }
            head = t;
            size++;
            return ++counter;
        }

        /** Unlinks {@code t}; false when it was not linked (closed already). */
        synchronized boolean unlink(Tracked t) {
            if (t.prev != null) {
                t.prev.next = t.next;
            } else if (head == t) {
                head = t.next;
            } else {
                return false;
            }
            if (t.next != null) {
                t.next.prev = t.prev;
            }
            t.prev = null;
            t.next = null;
            size--;
            return true;
        }

        synchronized void collect(List<Tracked> into) {
            for (Tracked t = head; t != null; t = t.next) {
                into.add(t);
            }
        }

        synchronized boolean holds(Tracked t) {
            return t.prev != null || head == t;
        }

        synchronized int size() {
            return size;
        }
    }

    /**
     * Starts tracking a new exchange for {@code request}, going to {@code destination} in
     * {@code layer} (null for callers that have none).
     */
    Tracked open(Request request, Destination destination, int fieldLimit, AppLayer layer) {
        Tracked t = new Tracked(layer);
        long id = claim(t);
        Exchange exchange = new Exchange(id, request, destination, fieldLimit);
        exchange.requestId(requestId(request, id));
        Tracked.EXCHANGE.setRelease(t, exchange);
        return t;
    }

    /**
     * Puts {@code t} in a cell, or on the overflow list, and returns its id: the cell's
     * count so far, then the cell's number ({@code CELLS} for the overflow list).
     */
    private long claim(Tracked t) {
        int home = (int) Thread.currentThread().threadId();
        for (int i = 0; i < PROBES; i++) {
            int cell = (home + i) & (CELLS - 1);
            int slot = cell * SPREAD;
            t.slot = slot; // before the claim, which publishes it to whoever finds t in the cell
            if (cells.getPlain(slot) == null && cells.compareAndSet(slot, null, t)) {
                return ++counters[cell * 8] << (CELL_BITS + 1) | cell;
            }
        }
        t.slot = -1;
        return overflow.link(t) << (CELL_BITS + 1) | CELLS;
    }

    /**
     * Stops tracking an exchange, counting its final status; a second close changes
     * nothing. Called by the thread that opened it.
     *
     * <p>The count goes into the tally of the cell (or of the overflow list) while the
     * cell is still held, so that each tally has one writer at a time. Only the thread that
     * holds a cell empties it, so a plain check and a release store serve where a
     * compare-and-set would cost more: if the cell holds another exchange now, this one
     * left before.
     */
    void close(Tracked tracked, int status) {
        Exchange e = tracked.exchange;
        if (tracked.slot < 0) {
            synchronized (overflow) {
                if (overflow.unlink(tracked)) {
                    metrics.tally(CELLS).record(e.app(), e.method(), status, e.elapsedNanos());
                }
            }
        } else if (cells.getPlain(tracked.slot) == tracked) {
            metrics.tally(tracked.slot / SPREAD).record(e.app(), e.method(), status, e.elapsedNanos());
            cells.setRelease(tracked.slot, null);
        }
    }

    /**
     * Gives up an exchange nothing was served for, counting nothing: the request is
     * opened again elsewhere. Called by the thread that opened it.
     */
    void cancel(Tracked tracked) {
        if (tracked.slot < 0) {
            overflow.unlink(tracked);
        } else if (cells.getPlain(tracked.slot) == tracked) {
            cells.setRelease(tracked.slot, null);
        }
    }

    /** Every exchange in flight, in no particular order. */
    private List<Tracked> tracked() {
        List<Tracked> all = new ArrayList<>();
        for (int slot = 0; slot < cells.length(); slot += SPREAD) {
            Tracked t = cells.get(slot);
            if (t != null) {
                all.add(t);
            }
        }
        overflow.collect(all);
        return all;
    }

    private List<Exchange> active() {
        List<Exchange> all = new ArrayList<>();
        for (Tracked t : tracked()) {
            Exchange e = t.published();
            if (e != null) {
                all.add(e);
            }
        }
        return all;
    }

    /**
     * Ids made here: this process's random prefix, then the exchange's id. The prefix
     * only tells this server's ids from another's in merged logs, and the counter after it
     * is no secret, so the clock-seeded generator serves: a SecureRandom would set up the
     * JCA providers before the first request, some 50 ms on a cold JVM.
     */
    private final String idPrefix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-";

    /**
     * The {@code X-Request-Id} a trusted proxy sent, when it is 1-128 characters of letters,
     * digits and {@code -._~+/=:}; otherwise a new one. From any other peer the field is
     * ignored: a client could reuse an id to blur the logs.
     */
    String requestId(Request request, long id) {
        if (Forwarding.fromTrustedProxy(request)) {
            String sent = request.header("X-Request-Id");
            if (sent != null && validRequestId(sent)) {
                return sent;
            }
        }
        return idPrefix + id; // decimal straight into the concatenation, no String of its own
    }

    static boolean validRequestId(String id) {
        if (id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~+/=:".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What is in flight now, for {@link #awaitClosed}: taken after a new layer is published,
     * it holds every request that may still be using the old one (a request that opened
     * later checks the layer again, see {@link Pipeline}).
     */
    Set<Tracked> snapshot() {
        Set<Tracked> now = Collections.newSetFromMap(new IdentityHashMap<>());
        now.addAll(tracked());
        return now;
    }

    /**
     * Waits until none of {@code snapshot} is in flight, or the time is up. Checks every
     * 10 ms: it runs only on reload, off the request path.
     */
    boolean awaitClosed(Set<Tracked> snapshot, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (snapshot.stream().anyMatch(this::inFlight)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        return true;
    }

    private boolean inFlight(Tracked t) {
        return t.slot >= 0 ? cells.get(t.slot) == t : overflow.holds(t);
    }

    /** How many requests are in flight. */
    public int size() {
        int n = overflow.size();
        for (int slot = 0; slot < cells.length(); slot += SPREAD) {
            if (cells.get(slot) != null) {
                n++;
            }
        }
        return n;
    }

    /** The requests in flight, oldest first (ids say nothing of age: each cell counts its own). */
    public List<InFlight> inFlight() {
        record Aged(long nanos, Exchange exchange) {
        }
        return active().stream()
                .map(e -> new Aged(e.elapsedNanos(), e)) // read once: the clock moves while sorting
                .sorted(Comparator.comparingLong(Aged::nanos).reversed())
                .map(a -> new InFlight(a.exchange().id(), a.exchange().method(), a.exchange().path(),
                        a.exchange().app(), a.exchange().started(), Duration.ofNanos(a.nanos()).toMillis()))
                .toList();
    }

    /** The counters by app, method and status class, and the latency histograms. */
    Metrics metrics() {
        return metrics;
    }

    /** Requests answered since start (with a status from 100 to 599), counted by {@link Metrics}. */
    public long served() {
        long all = 0;
        for (int c = 1; c <= 5; c++) {
            all += metrics.total(c);
        }
        return all;
    }

    /** Requests answered with a status in {@code statusClass}xx (1-5). */
    public long served(int statusClass) {
        return metrics.total(statusClass);
    }
}
