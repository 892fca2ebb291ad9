package org.genro.server.wsx;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import org.genro.http.WebSocketSession;

/**
 * One connection's outgoing messages, bounded in count and size. Whoever queues never
 * waits for the socket: a virtual thread drains the queue while it is not empty, and
 * ends when it is. When the client reads too slowly for the queue to hold what is
 * owed to it, {@link #offer} refuses and the connection is closed (1008) rather than
 * letting it hold memory or delay the publishers of events.
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
        Thread.ofVirtual().name("wsx-out").start(this::drain);
        return true;
    }

    /** Messages waiting. */
    int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
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
