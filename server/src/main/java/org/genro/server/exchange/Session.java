package org.genro.server.exchange;

import java.time.Instant;
import java.util.Objects;

/**
 * A server-side session, found again by the unguessable id its cookie carries. Values
 * are immutable: a change makes a new {@code Session}, which the session layer saves
 * once the request is done.
 *
 * @param id         256 random bits, base64url: the cookie's value
 * @param avatar     who logged in with this session, or null before a login
 * @param created    when it was made
 * @param lastAccess when a request last used it; it expires after the idle time from here
 */
public record Session(String id, Avatar avatar, Instant created, Instant lastAccess) {
    /** Checks that id and times are present. */
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastAccess, "lastAccess");
    }

    /** This session with another avatar (null: logged out, the session stays). */
    public Session withAvatar(Avatar next) {
        return new Session(id, next, created, lastAccess);
    }

    /** This session used at {@code now}. */
    public Session touched(Instant now) {
        return new Session(id, avatar, created, now);
    }
}
