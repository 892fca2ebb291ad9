package org.genro.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Every bound the engine enforces, in one place, with defaults close to nginx's. Each
 * names what happens when it is crossed. Config keys in {@code server.limits} use the
 * same names in snake case.
 *
 * <p>Every limit also has a largest accepted value, a {@code MAX_} constant here, which
 * the constructor enforces: no setting can make the engine's arithmetic overflow.
 * A zero timeout or rate disables it.
 *
 * @param requestLine              longest request line in bytes; beyond it 414
 * @param head                     largest request head (request line and fields) in
 *                                 bytes, at least {@code requestLine + 2}; beyond it
 *                                 431. Also bounds a chunked trailer
 * @param headerCount              most header fields in a head; beyond it 431
 * @param body                     largest request body in bytes (0: none); beyond it 413. A
 *                                 handler may lower or raise it per request
 *                                 ({@link Request#bodyLimit(long)})
 * @param headTimeout              time from the first byte of a request to the end of
 *                                 its head; beyond it 408 and close (slow-loris defence)
 * @param idleTimeout              how long a keep-alive connection may wait for its next
 *                                 request; beyond it the connection closes silently
 * @param bodyTimeout              longest pause in any read of a request body, whether a
 *                                 handler reads it or the engine discards it; beyond it
 *                                 408 (if nothing was sent yet) and close
 * @param writeTimeout             longest a write may block without progress on a client
 *                                 that does not read; beyond it the connection is cut
 * @param maxRequestsPerConnection requests served on one connection before it closes;
 *                                 0 means no limit
 * @param maxConnections           open connections at once; beyond it 503 and close
 * @param drain                    unread request body the engine will read and discard
 *                                 to keep a connection open; beyond it the connection
 *                                 closes after the response
 * @param minBodyRate              bytes per second a body must average once reads of it
 *                                 have waited longer than {@code bodyTimeout} in all;
 *                                 slower is 408 and close, so a client trickling a byte
 *                                 just before each timeout cannot hold a connection for
 *                                 ever. 0 disables it
 * @param minWriteRate             bytes per second a response must average once writes
 *                                 of it have blocked longer than {@code writeTimeout} in
 *                                 all; slower and the connection is cut, so a client
 *                                 reading a byte just before each timeout cannot hold a
 *                                 connection for ever. 0 disables it
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
        long minBodyRate,
        long minWriteRate) {

    /** The largest {@link #requestLine()}: 1 MiB. */
    public static final int MAX_REQUEST_LINE = 1 << 20;
    /** The largest {@link #head()}: 16 MiB. */
    public static final int MAX_HEAD = 16 << 20;
    /** The largest {@link #headerCount()}: 10,000 fields. */
    public static final int MAX_HEADER_COUNT = 10_000;
    /** The largest {@link #body()}: 1 TiB. */
    public static final long MAX_BODY = 1L << 40;
    /** The longest of each of the four timeouts: 24 hours. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    /** The largest {@link #maxConnections()}: one million. */
    public static final int MAX_CONNECTIONS = 1_000_000;
    /** The largest {@link #drain()}: 1 GiB. */
    public static final long MAX_DRAIN = 1L << 30;
    /** The largest {@link #minBodyRate()} and {@link #minWriteRate()}: 1 GiB per second. */
    public static final long MAX_RATE = 1L << 30;

    private static final Limits DEFAULTS = new Limits(8 * 1024, 32 * 1024, 100, 1024 * 1024,
            Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(30),
            0, 10_000, 64 * 1024, 256, 256);

    /**
     * Checks that every bound lies in its range.
     *
     * @throws IllegalArgumentException naming the component and its allowed range
     * @throws NullPointerException     for a missing timeout
     */
    public Limits {
        range("requestLine", requestLine, 1, MAX_REQUEST_LINE);
        range("head", head, requestLine + 2L, MAX_HEAD);
        range("headerCount", headerCount, 1, MAX_HEADER_COUNT);
        range("body", body, 0, MAX_BODY);
        timeout("headTimeout", headTimeout);
        timeout("idleTimeout", idleTimeout);
        timeout("bodyTimeout", bodyTimeout);
        timeout("writeTimeout", writeTimeout);
        range("maxRequestsPerConnection", maxRequestsPerConnection, 0, Integer.MAX_VALUE);
        range("maxConnections", maxConnections, 1, MAX_CONNECTIONS);
        range("drain", drain, 0, MAX_DRAIN);
        range("minBodyRate", minBodyRate, 0, MAX_RATE);
        range("minWriteRate", minWriteRate, 0, MAX_RATE);
    }

    /**
     * The limits as they were before {@code minWriteRate} existed, with its default of
     * 256 bytes per second: callers of the earlier constructor keep compiling.
     *
     * @throws IllegalArgumentException naming the component and its allowed range
     */
    public Limits(int requestLine, int head, int headerCount, long body, Duration headTimeout, Duration idleTimeout,
                  Duration bodyTimeout, Duration writeTimeout, int maxRequestsPerConnection, int maxConnections,
                  long drain, long minBodyRate) {
        this(requestLine, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout,
                maxRequestsPerConnection, maxConnections, drain, minBodyRate, 256);
    }

    private static void range(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + v);
        }
    }

    private static void timeout(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(name + " must be 0.." + MAX_TIMEOUT + ", got " + d);
        }
    }

    /**
     * request line 8 KiB, head 32 KiB, 100 fields, body 1 MiB, head 10 s, idle 60 s, body
     * and write 30 s, 10,000 connections, drain 64 KiB, bodies and responses at 256 B/s
     * or more.
     */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /** A copy with another request line limit (bytes, at most {@link #MAX_REQUEST_LINE}). */
    public Limits withRequestLine(int v) {
        return new Limits(v, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate, minWriteRate);
    }

    /** A copy with another head limit (bytes, at most {@link #MAX_HEAD}). */
    public Limits withHead(int v) {
        return new Limits(requestLine, v, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate, minWriteRate);
    }

    /** A copy with another header field count limit (at most {@link #MAX_HEADER_COUNT}). */
    public Limits withHeaderCount(int v) {
        return new Limits(requestLine, head, v, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate, minWriteRate);
    }

    /** A copy with another body limit (bytes; 0 refuses any body; at most {@link #MAX_BODY}). */
    public Limits withBody(long v) {
        return new Limits(requestLine, head, headerCount, v, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate, minWriteRate);
    }

    /** A copy with another head timeout (zero disables it; at most {@link #MAX_TIMEOUT}). */
    public Limits withHeadTimeout(Duration v) {
        return new Limits(requestLine, head, headerCount, body, v, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate, minWriteRate);
    }

    /** A copy with another keep-alive idle timeout (zero disables it; at most {@link #MAX_TIMEOUT}). */
    public Limits withIdleTimeout(Duration v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, v, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate, minWriteRate);
    }

    /** A copy with another body read timeout (zero disables it; at most {@link #MAX_TIMEOUT}). */
    public Limits withBodyTimeout(Duration v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, v, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate, minWriteRate);
    }

    /** A copy with another write timeout (zero disables it; at most {@link #MAX_TIMEOUT}). */
    public Limits withWriteTimeout(Duration v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, v, maxRequestsPerConnection, maxConnections, drain, minBodyRate, minWriteRate);
    }

    /** A copy with another per-connection request cap (0: none). */
    public Limits withMaxRequestsPerConnection(int v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, v, maxConnections, drain, minBodyRate, minWriteRate);
    }

    /** A copy with another open-connection cap (at most {@link #MAX_CONNECTIONS}). */
    public Limits withMaxConnections(int v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, v, drain, minBodyRate, minWriteRate);
    }

    /** A copy with another drain allowance (bytes, at most {@link #MAX_DRAIN}). */
    public Limits withDrain(long v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, v, minBodyRate, minWriteRate);
    }

    /** A copy with another minimum body rate (bytes per second; 0 disables it; at most {@link #MAX_RATE}). */
    public Limits withMinBodyRate(long v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, v, minWriteRate);
    }

    /** A copy with another minimum write rate (bytes per second; 0 disables it; at most {@link #MAX_RATE}). */
    public Limits withMinWriteRate(long v) {
        return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout, writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate, v);
    }
}
