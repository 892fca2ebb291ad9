package org.genro.server.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.genro.server.exchange.Avatar;
import org.genro.server.exchange.Session;

/**
 * Sessions in this process's memory: fast, and gone at restart. Expired sessions are
 * dropped when met, and all at once at most every few minutes when new ones are made.
 */
public final class MemorySessionStore implements SessionStore {
    private static final Duration PURGE_EVERY = Duration.ofMinutes(5);

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;
    private final AtomicLong lastPurge = new AtomicLong();

    /**
     * @param ttl   idle time after which a session expires
     * @param clock the time sessions are stamped with
     */
    public MemorySessionStore(Duration ttl, Clock clock) {
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Session> get(String id) {
        if (!SessionIds.wellFormed(id)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session found = sessions.computeIfPresent(id, (k, s) -> expired(s, now) ? null : s.touched(now));
        return Optional.ofNullable(found);
    }

    @Override
    public Session create(Avatar avatar) {
        Instant now = clock.instant();
        purgeNowAndThen(now);
        Session session = new Session(SessionIds.next(), avatar, now, now);
        sessions.put(session.id(), session);
        return session;
    }

    @Override
    public void save(Session session) {
        sessions.put(session.id(), session);
    }

    @Override
    public void delete(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    @Override
    public int purge() {
        Instant now = clock.instant();
        int before = sessions.size();
        sessions.values().removeIf(s -> expired(s, now));
        return before - sessions.size();
    }

    /** How many sessions are held, expired ones included until purged. */
    public int size() {
        return sessions.size();
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastAccess().plus(ttl));
    }

    private void purgeNowAndThen(Instant now) {
        long last = lastPurge.get();
        if (now.toEpochMilli() - last >= PURGE_EVERY.toMillis() && lastPurge.compareAndSet(last, now.toEpochMilli())) {
            purge();
        }
    }
}
