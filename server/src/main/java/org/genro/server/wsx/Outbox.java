package org.genro.server.wsx;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import org.genro.http.WebSocketSession;

/**
 * One connection's outgoing messages, bounded in count and size. One thread at a time
 * drains the queue while it is not empty: the thread of a call whose reply finds nobody
 * draining does it itself ({@link #offerAndDrain}), which spares a thread hand-off per
 * reply; a publisher never does ({@link #offer}): a virtual thread is started for it,
 * so that a slow client never delays whoever publishes. When the client reads too slowly
 * for the queue to hold what is owed to it, the offer is refused and the connection is
 * closed (1008) rather than letting it hold memory.
 */
final class Outbox {
    private final WebSocketSession session;
    private final int maxMessages;
    private final long maxChars;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long chars;
    private boolean draining;
    private boolean closed;

    Outbox(WebSocketSession session, int maxMessages, long maxChars) {
        this.session = session;
        this.maxMessages = maxMessages;
        this.maxChars = maxChars;
    }

    /**
     * Queues a message; returns false when the queue is full (the caller closes the
     * connection). A message alone in the queue is always taken, whatever its size:
     * the bound is on what waits, not on one reply. After {@link #close} messages are
     * dropped silently.
     */
    boolean offer(String message) {
        return offer(message, false);
    }

    /**
     * Like {@link #offer}, but when nobody is draining, the calling thread drains the
     * queue itself before returning: for a thread that has nothing else to do.
     */
    boolean offerAndDrain(String message) {
        return offer(message, true);
    }

    private boolean offer(String message, boolean drainHere) {
        lock.lock();
        try {
            if (closed) {
                return true;
            }
            if (!queue.isEmpty() && (queue.size() >= maxMessages || chars + message.length() > maxChars)) {
                return false;
            }
            queue.add(message);
            chars += message.length();
            if (draining) {
                return true;
            }
            draining = true;
        } finally {
            lock.unlock();
        }
        if (drainHere) {
            drain();
        } else {
            Thread.ofVirtual().name("wsx-out").start(this::drain);
        }
        return true;
    }

    /** Drops what waits and refuses nothing from now on: the connection is ending. */
    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            chars = 0;
        } finally {
            lock.unlock();
        }
    }

    private void drain() {
        while (true) {
            String next;
            lock.lock();
            try {
                next = closed ? null : queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
                chars -= next.length();
            } finally {
                lock.unlock();
            }
            try {
                session.sendText(next);
            } catch (IOException e) {
                close(); // the connection is gone or cut: the next turn ends the loop
            }
        }
    }
}
