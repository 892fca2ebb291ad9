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
 * @param maxConnections           open connections at once; beyond it 503 and close. The default,
 *                                 100,000, is above what most machines allow open files:
 *                                 an idle connection costs a few KiB, so the open-file limit
 *                                 is the real bound
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
 * @param wsMessage                largest WebSocket message in bytes, judged on each
 *                                 frame's declared length before it is buffered and, for
 *                                 compressed messages, on the inflated size; beyond it
 *                                 close 1009
 * @param wsIdleTimeout            how long a WebSocket may stay silent: after half of it
 *                                 the server pings, and with still nothing received at
 *                                 its end the connection is closed with 1001. 0 disables
 *                                 it
 * @param wsCloseTimeout           how long the server waits for the client's close frame
 *                                 after sending its own, before cutting the connection
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
        long minWriteRate,
        int wsMessage,
        Duration wsIdleTimeout,
        Duration wsCloseTimeout) {

    /** The largest {@link #requestLine()}: 1 MiB. */
    public static final int MAX_REQUEST_LINE = 1 << 20;
    /** The largest {@link #head()}: 16 MiB. */
    public static final int MAX_HEAD = 16 << 20;
    /** The largest {@link #headerCount()}: 10,000 fields. */
    public static final int MAX_HEADER_COUNT = 10_000;
    /** The largest {@link #body()}: 1 TiB. */
    public static final long MAX_BODY = 1L << 40;
    /** The longest of each timeout: 24 hours. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    /** The largest {@link #maxConnections()}: one million. */
    public static final int MAX_CONNECTIONS = 1_000_000;
    /** The largest {@link #drain()}: 1 GiB. */
    public static final long MAX_DRAIN = 1L << 30;
    /** The largest {@link #minBodyRate()} and {@link #minWriteRate()}: 1 GiB per second. */
    public static final long MAX_RATE = 1L << 30;
    /** The largest {@link #wsMessage()}: 1 GiB. */
    public static final int MAX_WS_MESSAGE = 1 << 30;

    private static final Limits DEFAULTS = new Limits(8 * 1024, 32 * 1024, 100, 1024 * 1024,
            Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(30),
            0, 100_000, 64 * 1024, 256, 256, 1 << 20, Duration.ofSeconds(60), Duration.ofSeconds(5));

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
        range("wsMessage", wsMessage, 1, MAX_WS_MESSAGE);
        timeout("wsIdleTimeout", wsIdleTimeout);
        timeout("wsCloseTimeout", wsCloseTimeout);
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
     * and write 30 s, 100,000 connections, drain 64 KiB, bodies and responses at 256 B/s
     * or more; WebSocket messages 1 MiB, idle 60 s, close 5 s.
     */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /** A builder starting from these limits: set some, then {@link Builder#build()} checks them all at once. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A copy with another request line limit (bytes, at most {@link #MAX_REQUEST_LINE}). */
    public Limits withRequestLine(int v) {
        return toBuilder().requestLine(v).build();
    }

    /** A copy with another head limit (bytes, at most {@link #MAX_HEAD}). */
    public Limits withHead(int v) {
        return toBuilder().head(v).build();
    }

    /** A copy with another header field count limit (at most {@link #MAX_HEADER_COUNT}). */
    public Limits withHeaderCount(int v) {
        return toBuilder().headerCount(v).build();
    }

    /** A copy with another body limit (bytes; 0 refuses any body; at most {@link #MAX_BODY}). */
    public Limits withBody(long v) {
        return toBuilder().body(v).build();
    }

    /** A copy with another head timeout (zero disables it; at most {@link #MAX_TIMEOUT}). */
    public Limits withHeadTimeout(Duration v) {
        return toBuilder().headTimeout(v).build();
    }

    /** A copy with another keep-alive idle timeout (zero disables it; at most {@link #MAX_TIMEOUT}). */
    public Limits withIdleTimeout(Duration v) {
        return toBuilder().idleTimeout(v).build();
    }

    /** A copy with another body read timeout (zero disables it; at most {@link #MAX_TIMEOUT}). */
    public Limits withBodyTimeout(Duration v) {
        return toBuilder().bodyTimeout(v).build();
    }

    /** A copy with another write timeout (zero disables it; at most {@link #MAX_TIMEOUT}). */
    public Limits withWriteTimeout(Duration v) {
        return toBuilder().writeTimeout(v).build();
    }

    /** A copy with another per-connection request cap (0: none). */
    public Limits withMaxRequestsPerConnection(int v) {
        return toBuilder().maxRequestsPerConnection(v).build();
    }

    /** A copy with another open-connection cap (at most {@link #MAX_CONNECTIONS}). */
    public Limits withMaxConnections(int v) {
        return toBuilder().maxConnections(v).build();
    }

    /** A copy with another drain allowance (bytes, at most {@link #MAX_DRAIN}). */
    public Limits withDrain(long v) {
        return toBuilder().drain(v).build();
    }

    /** A copy with another minimum body rate (bytes per second; 0 disables it; at most {@link #MAX_RATE}). */
    public Limits withMinBodyRate(long v) {
        return toBuilder().minBodyRate(v).build();
    }

    /** A copy with another minimum write rate (bytes per second; 0 disables it; at most {@link #MAX_RATE}). */
    public Limits withMinWriteRate(long v) {
        return toBuilder().minWriteRate(v).build();
    }

    /** A copy with another WebSocket message limit (bytes, at most {@link #MAX_WS_MESSAGE}). */
    public Limits withWsMessage(int v) {
        return toBuilder().wsMessage(v).build();
    }

    /** A copy with another WebSocket idle timeout (zero disables it; at most {@link #MAX_TIMEOUT}). */
    public Limits withWsIdleTimeout(Duration v) {
        return toBuilder().wsIdleTimeout(v).build();
    }

    /** A copy with another WebSocket close timeout (zero: cut at once; at most {@link #MAX_TIMEOUT}). */
    public Limits withWsCloseTimeout(Duration v) {
        return toBuilder().wsCloseTimeout(v).build();
    }

    /**
     * Sets any number of limits, then checks them together in {@link #build()}: one
     * change at a time could pass through a combination that is not allowed (a request
     * line longer than the head) on the way to one that is. Not thread-safe.
     */
    public static final class Builder {
        private int requestLine;
        private int head;
        private int headerCount;
        private long body;
        private Duration headTimeout;
        private Duration idleTimeout;
        private Duration bodyTimeout;
        private Duration writeTimeout;
        private int maxRequestsPerConnection;
        private int maxConnections;
        private long drain;
        private long minBodyRate;
        private long minWriteRate;
        private int wsMessage;
        private Duration wsIdleTimeout;
        private Duration wsCloseTimeout;

        private Builder(Limits from) {
            requestLine = from.requestLine;
            head = from.head;
            headerCount = from.headerCount;
            body = from.body;
            headTimeout = from.headTimeout;
            idleTimeout = from.idleTimeout;
            bodyTimeout = from.bodyTimeout;
            writeTimeout = from.writeTimeout;
            maxRequestsPerConnection = from.maxRequestsPerConnection;
            maxConnections = from.maxConnections;
            drain = from.drain;
            minBodyRate = from.minBodyRate;
            minWriteRate = from.minWriteRate;
            wsMessage = from.wsMessage;
            wsIdleTimeout = from.wsIdleTimeout;
            wsCloseTimeout = from.wsCloseTimeout;
        }

        /** See {@link Limits#requestLine()}. */
        public Builder requestLine(int v) {
            requestLine = v;
            return this;
        }

        /** See {@link Limits#head()}. */
        public Builder head(int v) {
            head = v;
            return this;
        }

        /** See {@link Limits#headerCount()}. */
        public Builder headerCount(int v) {
            headerCount = v;
            return this;
        }

        /** See {@link Limits#body()}. */
        public Builder body(long v) {
            body = v;
            return this;
        }

        /** See {@link Limits#headTimeout()}. */
        public Builder headTimeout(Duration v) {
            headTimeout = v;
            return this;
        }

        /** See {@link Limits#idleTimeout()}. */
        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        /** See {@link Limits#bodyTimeout()}. */
        public Builder bodyTimeout(Duration v) {
            bodyTimeout = v;
            return this;
        }

        /** See {@link Limits#writeTimeout()}. */
        public Builder writeTimeout(Duration v) {
            writeTimeout = v;
            return this;
        }

        /** See {@link Limits#maxRequestsPerConnection()}. */
        public Builder maxRequestsPerConnection(int v) {
            maxRequestsPerConnection = v;
            return this;
        }

        /** See {@link Limits#maxConnections()}. */
        public Builder maxConnections(int v) {
            maxConnections = v;
            return this;
        }

        /** See {@link Limits#drain()}. */
        public Builder drain(long v) {
            drain = v;
            return this;
        }

        /** See {@link Limits#minBodyRate()}. */
        public Builder minBodyRate(long v) {
            minBodyRate = v;
            return this;
        }

        /** See {@link Limits#minWriteRate()}. */
        public Builder minWriteRate(long v) {
            minWriteRate = v;
            return this;
        }

        /** See {@link Limits#wsMessage()}. */
        public Builder wsMessage(int v) {
            wsMessage = v;
            return this;
        }

        /** See {@link Limits#wsIdleTimeout()}. */
        public Builder wsIdleTimeout(Duration v) {
            wsIdleTimeout = v;
            return this;
        }

        /** See {@link Limits#wsCloseTimeout()}. */
        public Builder wsCloseTimeout(Duration v) {
            wsCloseTimeout = v;
            return this;
        }

        /**
         * The limits, checked together.
         *
         * @throws IllegalArgumentException naming the component and its allowed range
         */
        public Limits build() {
            return new Limits(requestLine, head, headerCount, body, headTimeout, idleTimeout, bodyTimeout,
                    writeTimeout, maxRequestsPerConnection, maxConnections, drain, minBodyRate, minWriteRate, wsMessage,
                    wsIdleTimeout, wsCloseTimeout);
        }
    }
}
