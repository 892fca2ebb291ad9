package org.genro.server.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.genro.server.exchange.Avatar;
import org.genro.server.exchange.Session;

/**
 * What the stores here share: the idle time and clock that decide expiry, new sessions
 * with fresh ids, and a bulk purge at most every few minutes, run when sessions are made
 * (expired ones are also dropped whenever a lookup meets them).
 */
abstract sealed class ExpiringStore implements SessionStore permits MemorySessionStore, FileSessionStore {
    private static final Duration PURGE_EVERY = Duration.ofMinutes(5);

    final Duration ttl;
    final Clock clock;
    private final AtomicLong lastPurge = new AtomicLong();

    ExpiringStore(Duration ttl, Clock clock) {
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Session create(Avatar avatar) {
        Instant now = clock.instant();
        long last = lastPurge.get();
        if (now.toEpochMilli() - last >= PURGE_EVERY.toMillis() && lastPurge.compareAndSet(last, now.toEpochMilli())) {
            purge();
        }
        Session session = new Session(SessionIds.next(), avatar, now, now);
        save(session);
        return session;
    }

    /** Whether a session has been idle for the whole idle time at {@code now}. */
    final boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastAccess().plus(ttl));
    }
}
