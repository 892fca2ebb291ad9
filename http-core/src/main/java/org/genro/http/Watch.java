package org.genro.http;

/**
 * What a connection is blocked on and until when. The connection's thread writes it
 * before and after each blocking call; the server's sweeper reads it and, past the
 * deadline, wakes the thread by shutting the socket's input (a read then ends) or
 * closing the socket (a write then fails). One sweeper replaces a timer per read.
 */
final class Watch {
    static final int NONE = 0;
    /** Waiting for the first byte of the next request: timeout closes silently. */
    static final int IDLE = 1;
    /** Inside a request head: timeout answers 408. */
    static final int HEAD = 2;
    /** A handler is reading the body. */
    static final int BODY = 3;
    /** Blocked writing to a client that does not read. */
    static final int WRITE = 4;
    /**
     * Reading WebSocket frames. Never armed: a silent WebSocket is pinged, then closed
     * with a close frame, which needs the socket whole, so its timers live in
     * {@link WebSocketTimers} rather than in a deadline that cuts the input.
     */
    static final int FRAME = 5;

    /** Each state's timeout; 0 for none. Shared by a server's connections, and never written once made. */
    private final long[] timeoutNanos;
    private volatile int state;
    private volatile long deadline;
    private volatile boolean timedOut;

    Watch(Limits limits) {
        this(timeouts(limits));
    }

    /** @param timeoutNanos from {@link #timeouts}, which a server makes once for all its connections */
    Watch(long[] timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** The timeout of each state under {@code limits}, indexed by state. */
    static long[] timeouts(Limits limits) {
        long[] t = new long[6];
        t[IDLE] = limits.idleTimeout().toNanos();
        t[HEAD] = limits.headTimeout().toNanos();
        t[BODY] = limits.bodyTimeout().toNanos();
        t[WRITE] = limits.writeTimeout().toNanos();
        return t;
    }

    /**
     * About to block in {@code s}; returns the clock reading the deadline was set from,
     * or 0 when the deadline was already armed. A head keeps the deadline armed when its
     * first bytes arrived, so a client that trickles a byte at a time cannot extend it.
     * An idle wait is armed once by the check for a stopping server just before its read
     * (see {@link InputBuffer#waitIdle}), and the read keeps that deadline rather than
     * read the clock again.
     */
    long block(int s) {
        if ((s == HEAD || s == IDLE) && state == s) {
            return 0; // already armed
        }
        // the state is recorded even when its timeout is disabled: the shutdown's sweep
        // looks for idle connections by it
        long now = System.nanoTime();
        deadline = now + timeoutNanos[s];
        state = s;
        return now;
    }

    /** The blocking call returned; a head stays armed until it is complete. */
    void unblock() {
        if (state != HEAD) {
            state = NONE;
        }
    }

    /** The head is complete (or the request failed): stop its clock. */
    void headDone() {
        if (state != NONE) { // a head read from the buffer never armed it: no volatile write for it
            state = NONE;
        }
    }

    int state() {
        return state;
    }

    /** Whether the sweeper found this connection past its deadline. */
    boolean timedOut() {
        return timedOut;
    }

    /** Called by the sweeper: returns the state that expired, or NONE. */
    int expire(long now) {
        int s = state;
        if (s != NONE && timeoutNanos[s] != 0 && now - deadline > 0) {
            timedOut = true;
            return s;
        }
        return NONE;
    }
}
