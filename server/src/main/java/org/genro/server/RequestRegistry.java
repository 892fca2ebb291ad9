package org.genro.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * which takes a lock. The cell holds the exchange itself and the id's low bits name the
 * cell, so closing finds it without a search and tracking allocates nothing of its own.
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
    /** The id's low bits: the cell it was counted in, {@code CELLS} for the overflow list. */
    private static final int CELL_MASK = (1 << (CELL_BITS + 1)) - 1;
    /** The status of an exchange given up: {@link #cancel} counts nothing. */
    private static final int NOT_COUNTED = -1;
    /** What a cell holds from its claim until its exchange is made. */
    private static final Object OPENING = new Object();
    /** Access to a cell's count of releases, which threads other than its holder read. */
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
    /**
     * Each cell's holder at {@code cell * SPREAD}: null when free, {@link #OPENING} while its
     * exchange is being made, then the exchange. The exchange itself is what a cell holds, so
     * that opening one allocates nothing beside it.
     */
    private final AtomicReferenceArray<Object> cells = new AtomicReferenceArray<>(CELLS * SPREAD);
    /**
     * Each cell's id counter at {@code cell * 8} and the number of times it was given back
     * at {@code cell * 8 + 1}, one cache line apart. Only the cell's holder writes them, and
     * the claim that makes it the holder orders its writes after the previous holder's: the
     * ids are plain longs; the releases are written opaque, as {@link #snapshot} reads them.
     */
    private final long[] counters = new long[CELLS * 8];
    /** The exchanges no cell took, guarded by its own monitor; ids from {@link #overflowCount}. */
    private final Set<Exchange> overflow = Collections.newSetFromMap(new IdentityHashMap<>());
    private long overflowCount;
    private final Metrics metrics = new Metrics(CELLS + 1); // the last for the overflow list

    RequestRegistry() {
    }

    /**
     * The requests in flight at one moment, for {@link #awaitClosed}: each cell held then,
     * with the number of times it had been given back (a cell goes to request after request,
     * so it is the count that tells whether the holder seen then has left), and the
     * exchanges on the overflow list.
     */
    static final class Snapshot {
        private final int[] slots;
        private final long[] releases;
        private final List<Exchange> overflowed;

        private Snapshot(int[] slots, long[] releases, List<Exchange> overflowed) {
            this.slots = slots;
            this.releases = releases;
            this.overflowed = overflowed;
        }
    }

    /**
     * Starts tracking a new exchange for {@code request}, going to {@code destination}. The
     * exchange is given back to {@link #close} or {@link #cancel} by the thread that opened
     * it.
     */
    Exchange open(Request request, Destination destination, int fieldLimit) {
        int home = (int) Thread.currentThread().threadId();
        for (int i = 0; i < PROBES; i++) {
            int cell = (home + i) & (CELLS - 1);
            int slot = cell * SPREAD;
            if (cells.getPlain(slot) == null && cells.compareAndSet(slot, null, OPENING)) {
                Exchange exchange;
                try {
                    exchange = make(++counters[cell * 8] << (CELL_BITS + 1) | cell, request, destination, fieldLimit);
                } catch (RuntimeException | Error e) {
                    release(slot);
                    throw e;
                }
                cells.setRelease(slot, exchange);
                return exchange;
            }
        }
        synchronized (overflow) {
            Exchange exchange = make(++overflowCount << (CELL_BITS + 1) | CELLS, request, destination, fieldLimit);
            overflow.add(exchange);
            return exchange;
        }
    }

    private Exchange make(long id, Request request, Destination destination, int fieldLimit) {
        Exchange exchange = new Exchange(id, request, destination, fieldLimit);
        exchange.requestId(requestId(request, id));
        return exchange;
    }

    /**
     * Stops tracking an exchange, counting its final status; a second close changes
     * nothing. Called by the thread that opened it.
     *
     * <p>Its id names its cell (or the overflow list). The count goes into the tally of the
     * cell while the cell is still held, so that each tally has one writer at a time. Only
     * the thread that holds a cell empties it, so a plain check and a release store serve
     * where a compare-and-set would cost more: if the cell holds anything else now, this
     * exchange left before.
     */
    void close(Exchange exchange, int status) {
        leave(exchange, status);
    }

    /**
     * Gives up an exchange nothing was served for, counting nothing: the request is
     * opened again elsewhere. Called by the thread that opened it.
     */
    void cancel(Exchange exchange) {
        leave(exchange, NOT_COUNTED);
    }

    /** Stops tracking {@code exchange}, counting {@code status} unless it is {@link #NOT_COUNTED}. */
    private void leave(Exchange exchange, int status) {
        int cell = (int) exchange.id() & CELL_MASK;
        if (cell < CELLS) {
            int slot = cell * SPREAD;
            if (cells.getPlain(slot) == exchange) {
                if (status != NOT_COUNTED) {
                    metrics.tally(cell).record(exchange.app(), exchange.method(), status, exchange.elapsedNanos());
                }
                release(slot);
            }
            return;
        }
        synchronized (overflow) {
            if (overflow.remove(exchange) && status != NOT_COUNTED) {
                metrics.tally(CELLS).record(exchange.app(), exchange.method(), status, exchange.elapsedNanos());
            }
        }
    }

    /** Empties the cell at {@code slot}, counting the release first: whoever sees it free or held again sees the count. */
    private void release(int slot) {
        int at = slot / SPREAD * 8 + 1;
        COUNT.setOpaque(counters, at, counters[at] + 1);
        cells.setRelease(slot, null);
    }

    /** Every exchange in flight and made, in no particular order. */
    private List<Exchange> active() {
        List<Exchange> all = new ArrayList<>();
        for (int slot = 0; slot < cells.length(); slot += SPREAD) {
            if (cells.get(slot) instanceof Exchange e) {
                all.add(e);
            }
        }
        synchronized (overflow) {
            all.addAll(overflow);
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
     *
     * <p>A cell seen held is read with its count of releases after it: the previous holder
     * counted its release before emptying the cell, so the count read is at least that one,
     * and only the holder seen here (or a later one, which is then waited for too) can move
     * it on.
     */
    Snapshot snapshot() {
        int[] slots = new int[CELLS];
        long[] releases = new long[CELLS];
        int n = 0;
        for (int slot = 0; slot < cells.length(); slot += SPREAD) {
            if (cells.get(slot) != null) {
                slots[n] = slot;
                releases[n] = (long) COUNT.getAcquire(counters, slot / SPREAD * 8 + 1);
                n++;
            }
        }
        List<Exchange> overflowed;
        synchronized (overflow) {
            overflowed = List.copyOf(overflow);
        }
        return new Snapshot(Arrays.copyOf(slots, n), Arrays.copyOf(releases, n), overflowed);
    }

    /**
     * Waits until none of {@code snapshot} is in flight, or the time is up. Checks every
     * 10 ms: it runs only on reload, off the request path.
     */
    boolean awaitClosed(Snapshot snapshot, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (inFlight(snapshot)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        return true;
    }

    private boolean inFlight(Snapshot snapshot) {
        for (int i = 0; i < snapshot.slots.length; i++) {
            int slot = snapshot.slots[i];
            if (cells.get(slot) != null
                    && (long) COUNT.getAcquire(counters, slot / SPREAD * 8 + 1) == snapshot.releases[i]) {
                return true;
            }
        }
        synchronized (overflow) {
            for (Exchange e : snapshot.overflowed) {
                if (overflow.contains(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many requests are in flight. */
    public int size() {
        int n;
        synchronized (overflow) {
            n = overflow.size();
        }
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
        // one clock reading for all: read for each in turn, an exchange that arrived a moment
        // after another could be read as older, when the readings lie further apart than
        // the two arrivals
        long now = System.nanoTime();
        return active().stream()
                .map(e -> new Aged(e.elapsedNanos(now), e))
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
