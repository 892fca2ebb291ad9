package org.genro.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Every bound the engine enforces, in one place, with defaults close to nginx's. Each
 * names what happens when it is crossed. Config keys in {@code server.limits} use the
 * same names in snake case.
 *
 * @param requestLine              longest request line in bytes; beyond it 414
 * @param head                     largest request head (request line and fields) in
 *                                 bytes; beyond it 431. Also bounds a chunked trailer
 * @param headerCount              most header fields in a head; beyond it 431
 * @param body                     largest request body in bytes (0: none); beyond it 413. A
 *                                 handler may lower or raise it per request
 *                                 ({@link Request#bodyLimit(long)})
 * <p>A zero timeout disables that timeout.
 *
 * @param headTimeout              time from the first byte of a request to the end of
 *                                 its head; beyond it 408 and close (slow-loris defence)
 * @param idleTimeout              how long a keep-alive connection may wait for its next
 *                                 request; beyond it the connection closes silently
 * @param bodyTimeout              longest pause while a handler reads the body; beyond
 *                                 it 408 (if nothing was sent yet) and close
 * @param writeTimeout             longest a write may block on a client that does not
 *                                 read; beyond it the connection is cut
 * @param maxRequestsPerConnection requests served on one connection before it closes;
 *                                 0 means no limit
 * @param maxConnections           open connections at once; beyond it 503 and close
 * @param drain                    unread request body the engine will read and discard
 *                                 to keep a connection open; beyond it the connection
 *                                 closes after the response
 * @param minBodyRate              bytes per second a body must average once the handler
 *                                 has waited for it longer than {@code bodyTimeout} in
 *                                 all; slower is 408 and close, so a client trickling a
 *                                 byte just before each timeout cannot hold a connection
 *                                 for ever. 0 disables it
 */
public record Limits(
        int requestLine,
        int head,
        int headerCount,
        long body,
        Duration headTimeout,
        Duration idleTimeout,
        Duration bodyTimeout,
        Duration writeTimeout,
        int maxRequestsPerConnection,
        int maxConnections,
        long drain,
        long minBodyRate) {

    private static final Limits DEFAULTS = new Limits(8 * 1024, 32 * 1024, 100, 1024 * 1024,
            Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(30),
            0, 10_000, 64 * 1024, 256);

    /** Checks that every bound is usable. */
    public Limits {
        positive("requestLine", requestLine);
        positive("head", head);
        positive("headerCount", headerCount);
        positive("maxConnections", maxConnections);
        if (requestLine + 2 > head) {
            throw new IllegalArgumentException("head (" + head + ") must leave room for the request line (" + requestLine + ")");
        }
        if (maxRequestsPerConnection < 0 || drain < 0 || body < 0 || minBodyRate < 0) {
            throw new IllegalArgumentException("body, maxRequestsPerConnection, drain and minBodyRate must be >= 0");
        }
        for (Duration d : new Duration[] {headTimeout, idleTimeout, bodyTimeout, writeTimeout}) {
            Objects.requireNonNull(d, "timeout");
            if (d.isNegative()) {
                throw new IllegalArgumentException("timeouts must not be negative: " + d);
            }
        }
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    /** request line 8 KiB, head 32 KiB, 100 fields, body 1 MiB, head 10 s, idle 60 s, body and write 30 s, 10,000 connections, drain 64 KiB, bodies at 256 B/s or more. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /** A copy with another request line limit (bytes). */
    public Limits withRequestLine(int v) {
        return new Limits(v, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate);
    }

    /** A copy with another head limit (bytes). */
    public Limits withHead(int v) {
        return new Limits(requestLine, v, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate);
    }

    /** A copy with another header field count limit. */
    public Limits withHeaderCount(int v) {
        return new Limits(requestLine, head, v, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate);
    }

    /** A copy with another body limit (bytes; 0 refuses any body). */
    public Limits withBody(long v) {
        return new Limits(requestLine, head, headerCount, v, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate);
    }

    /** A copy with another head timeout (zero disables it). */
    public Limits withHeadTimeout(Duration v) {
        return new Limits(requestLine, head, headerCount, body, v, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate);
    }

    /** A copy with another keep-alive idle timeout (zero disables it). */
    public Limits withIdleTimeout(Duration v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, v, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate);
    }

    /** A copy with another body read timeout (zero disables it). */
    public Limits withBodyTimeout(Duration v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, v, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate);
    }

    /** A copy with another write timeout (zero disables it). */
    public Limits withWriteTimeout(Duration v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, v, maxRequestsPerConnection, maxConnections, drain, minBodyRate);
    }

    /** A copy with another per-connection request cap (0: none). */
    public Limits withMaxRequestsPerConnection(int v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, v, maxConnections, drain, minBodyRate);
    }

    /** A copy with another open-connection cap. */
    public Limits withMaxConnections(int v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, v, drain, minBodyRate);
    }

    /** A copy with another drain allowance (bytes). */
    public Limits withDrain(long v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, v, minBodyRate);
    }

    /** A copy with another minimum body rate (bytes per second; 0 disables it). */
    public Limits withMinBodyRate(long v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, v);
    }
}
