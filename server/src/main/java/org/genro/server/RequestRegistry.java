package org.genro.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.genro.http.Request;
import org.genro.server.exchange.Destination;
import org.genro.server.exchange.Exchange;

/**
 * The requests being served right now, by internal id. Ids come from a counter, never
 * from the client (a client-sent X-Request-Id could collide). Also counts what has been
 * served, for the metrics endpoint.
 */
public final class RequestRegistry {
    /** A snapshot of one request in flight, safe to serialize (no headers, no query). */
    public record InFlight(long id, String method, String path, String app, Instant started, long elapsedMillis) {
    }

    /**
     * The exchanges in flight, spread over striped lists by id so that two threads rarely
     * take the same lock; each exchange is linked in at open and unlinked at close, both
     * in constant time, with no boxed key and no hash table to resize.
     */
    private final Stripe[] stripes = new Stripe[STRIPES];
    private static final int STRIPES = 64;
    private final AtomicLong ids = new AtomicLong();
    private final Metrics metrics = new Metrics();

    RequestRegistry() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** One exchange in flight, linked into its stripe; given back to {@link #close}. */
    static final class Tracked {
        final Exchange exchange;
        private final Stripe stripe;
        private Tracked prev;
        private Tracked next;

        private Tracked(Exchange exchange, Stripe stripe) {
            this.exchange = exchange;
            this.stripe = stripe;
        }
    }

    /** A doubly linked list of exchanges in flight, guarded by its own monitor. */
    private static final class Stripe {
        private Tracked head;
        private int size;

        synchronized void link(Tracked t) {
            t.next = head;
            if (head != null) {
                head.prev = t;
            }
            head = t;
            size++;
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

        synchronized void collect(List<Exchange> into) {
            for (Tracked t = head; t != null; t = t.next) {
                into.add(t.exchange);
            }
        }

        synchronized int size() {
            return size;
        }
    }

    /** Starts tracking a new exchange for {@code request}, going to {@code destination}. */
    Tracked open(Request request, Destination destination, int fieldLimit) {
        Exchange exchange = new Exchange(ids.incrementAndGet(), request, destination, fieldLimit);
        exchange.requestId(requestId(request, exchange.id()));
        Tracked t = new Tracked(exchange, stripes[(int) exchange.id() & (STRIPES - 1)]);
        t.stripe.link(t);
        return t;
    }

    /** Stops tracking an exchange, counting its final status; a second close changes nothing. */
    void close(Tracked tracked, int status) {
        if (!tracked.stripe.unlink(tracked)) {
            return;
        }
        Exchange exchange = tracked.exchange;
        metrics.record(exchange.app(), exchange.method(), status, exchange.elapsedNanos());
    }

    /** Every exchange in flight, in no particular order. */
    private List<Exchange> active() {
        List<Exchange> all = new ArrayList<>();
        for (Stripe s : stripes) {
            s.collect(all);
        }
        return all;
    }

    /**
     * Ids made here: this process's random prefix, then the exchange's counter. The prefix
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

    /** The id given to the latest exchange. */
    long lastId() {
        return ids.get();
    }

    /**
     * Waits until no exchange with an id up to {@code lastId} is in flight, or the time
     * is up. Checks every 10 ms: it runs only on reload, off the request path.
     */
    boolean awaitUpTo(long lastId, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (active().stream().anyMatch(e -> e.id() <= lastId)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        return true;
    }

    /** How many requests are in flight. */
    public int size() {
        int n = 0;
        for (Stripe s : stripes) {
            n += s.size();
        }
        return n;
    }

    /** The requests in flight, oldest first. */
    public List<InFlight> inFlight() {
        return active().stream()
                .sorted(Comparator.comparingLong(Exchange::id))
                .map(e -> new InFlight(e.id(), e.method(), e.path(), e.app(), e.started(),
                        Duration.ofNanos(e.elapsedNanos()).toMillis()))
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
