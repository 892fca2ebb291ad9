package org.genro.server;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
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

    private final ConcurrentHashMap<Long, Exchange> active = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Metrics metrics = new Metrics();

    RequestRegistry() {
    }

    /** Starts tracking a new exchange for {@code request}, going to {@code destination}. */
    Exchange open(Request request, Destination destination, int fieldLimit) {
        Exchange exchange = new Exchange(ids.incrementAndGet(), request, destination, fieldLimit);
        exchange.requestId(requestId(request, exchange.id()));
        active.put(exchange.id(), exchange);
        return exchange;
    }

    /** Stops tracking {@code exchange}, counting its final status. */
    void close(Exchange exchange, int status) {
        active.remove(exchange.id());
        metrics.record(exchange.app(), exchange.method(), status, exchange.elapsedNanos());
    }

    /** Ids made here: this process's random prefix, then the exchange's counter. */
    private final String idPrefix = HexFormat.of().toHexDigits(new SecureRandom().nextInt()) + "-";

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
        while (active.keySet().stream().anyMatch(id -> id <= lastId)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        return true;
    }

    /** How many requests are in flight. */
    public int size() {
        return active.size();
    }

    /** The requests in flight, oldest first. */
    public List<InFlight> inFlight() {
        return active.values().stream()
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
