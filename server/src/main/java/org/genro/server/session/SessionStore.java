package org.genro.server.session;

import java.util.Optional;
import org.genro.server.exchange.Avatar;
import org.genro.server.exchange.Session;

/**
 * Where sessions are kept. The server ships two, in memory ({@link MemorySessionStore})
 * and in files of the server directory ({@link FileSessionStore}); a store shared by
 * several instances (over a database) implements the same five operations. Every
 * session expires after the store's idle time since its last access, and every
 * operation is safe to call from any thread.
 */
public interface SessionStore {
    /**
     * The live session with this id, marked as used now (expiry slides), or empty when
     * there is none, it expired, or the id is not one this store could have issued.
     */
    Optional<Session> get(String id);

    /** A new session with a fresh unguessable id, saved. */
    Session create(Avatar avatar);

    /** Saves a session's new state (another avatar, a newer access time). */
    void save(Session session);

    /** Forgets a session; nothing happens when there is none. */
    void delete(String id);

    /** Removes every expired session; returns how many. */
    int purge();
}
