package org.genro.http;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The timers of one WebSocket, which the sweeper drives through {@link #tick}: the
 * write timeout and the close timeout (both cut the socket, see
 * {@link ServerWebSocket#expire}), and the idle timeout, which cuts nothing while the
 * socket is still useful. A client silent for half of it is pinged, and at its end is
 * sent a close 1001; both go out from a short-lived thread of their own, one at a time,
 * so the sweeper never blocks on a socket and the connection's thread stays in its
 * read, ready for the answer.
 *
 * <p>Silence is measured only while the connection's thread waits for input, between
 * {@link #waiting()} and {@link #received()}: a listener that takes long over a message
 * does not make its own client look idle.
 */
final class WebSocketTimers {
    private static final long NOT_WAITING = Long.MIN_VALUE;

    private final ServerWebSocket session;
    private final long idleNanos;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** When the current wait for input began, or NOT_WAITING; written by the connection's thread. */
    private volatile long waitingSince = NOT_WAITING;
    /** The wait already pinged; the sweeper's alone. */
    private long pinged = NOT_WAITING;

    WebSocketTimers(ServerWebSocket session, Limits limits) {
        this.session = session;
        this.idleNanos = limits.wsIdleTimeout().toNanos();
    }

    /** The connection's thread is about to wait for input. */
    void waiting() {
        waitingSince = System.nanoTime();
    }

    /** The wait is over: bytes came, or the read failed. */
    void received() {
        waitingSince = NOT_WAITING;
    }

    /** Called by the sweeper. */
    void tick(long now) {
        session.expire(now);
        long since = waitingSince;
        if (idleNanos == 0 || since == NOT_WAITING || session.closeSent()) {
            return;
        }
        if (now - since > idleNanos) {
            send(() -> session.close(CloseCode.GOING_AWAY, "idle timeout"));
        } else if (now - since > idleNanos / 2 && pinged != since && send(session::pingQuietly)) {
            pinged = since;
        }
    }

    /** The server is stopping: a close 1001, sent once, from a thread of its own. */
    void shutdown() {
        if (stopping.compareAndSet(false, true)) {
            Thread.ofVirtual().name("ws-shutdown").start(() -> session.close(CloseCode.GOING_AWAY, "server shutting down"));
        }
    }

    /** Starts a timer's send; false when the previous one still runs (it may wait on a slow client). */
    private boolean send(Runnable send) {
        if (!sending.compareAndSet(false, true)) {
            return false;
        }
        try {
            Thread.ofVirtual().name("ws-timer").start(() -> {
                try {
                    send.run();
                } finally {
                    sending.set(false);
                }
            });
            return true;
        } catch (RuntimeException | Error e) {
            sending.set(false);
            throw e;
        }
    }
}
