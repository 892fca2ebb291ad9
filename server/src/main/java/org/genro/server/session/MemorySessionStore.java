package org.genro.server.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.genro.server.exchange.Session;

/**
 * Sessions in this process's memory: fast, and gone at restart. Expired sessions are
 * dropped when met, and all at once at most every few minutes when new ones are made.
 */
public final class MemorySessionStore extends ExpiringStore {
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    /**
     * @param ttl   idle time after which a session expires
     * @param clock the time sessions are stamped with
     */
    public MemorySessionStore(Duration ttl, Clock clock) {
        super(ttl, clock);
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
}
