package org.genro.server.session;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.genro.server.config.ConfigException;
import org.genro.server.config.Section;

/**
 * The {@code session} section:
 *
 * <pre>
 * session:
 *   cookie: session_id        # the cookie's name
 *   ttl: 1h                   # idle time before a session expires; each use slides it
 *   store: memory             # memory (lost at restart) or file (.genro/sessions, survives it)
 *   secure: auto              # the cookie's Secure flag: auto (under TLS), true, false
 *   same_site: Lax            # Lax, Strict or None (None needs Secure)
 * </pre>
 *
 * @param cookie   the cookie name
 * @param ttl      idle time before expiry
 * @param store    {@code memory} or {@code file}
 * @param secure   {@code auto}, {@code true} or {@code false}
 * @param sameSite {@code Lax}, {@code Strict} or {@code None}
 */
public record SessionSettings(String cookie, Duration ttl, String store, String secure, String sameSite) {
    /** The defaults: {@code session_id}, one hour, in memory, Secure under TLS, Lax. */
    public static final SessionSettings DEFAULTS = new SessionSettings("session_id", Duration.ofHours(1), "memory", "auto", "Lax");
    private static final Set<String> KEYS = Set.of("cookie", "ttl", "store", "secure", "same_site");

    /**
     * Reads the section.
     *
     * @throws ConfigException naming the key of anything wrong
     */
    public static SessionSettings read(Map<String, Object> values, BiFunction<String, String, ConfigException> errors) {
        Section s = Section.of(values, "session", errors);
        s.allowOnly(KEYS, "key");
        String cookie = s.string("cookie", DEFAULTS.cookie());
        if (!cookie.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw s.error("cookie", "a cookie name must be a token (letters, digits and !#$%&'*+.^_`|~-)");
        }
        Duration ttl = s.duration("ttl", DEFAULTS.ttl());
        if (ttl.isZero() || ttl.compareTo(Duration.ofDays(365)) > 0) {
            throw s.error("ttl", "expected a duration from 1s to 365 days, got " + s.describe("ttl"));
        }
        String store = s.string("store", DEFAULTS.store()).toLowerCase(Locale.ROOT);
        if (!store.equals("memory") && !store.equals("file")) {
            throw s.error("store", "expected memory or file, got " + s.describe("store"));
        }
        Boolean flag = s.booleanOrNull("secure");
        String secure = flag != null ? flag.toString() : s.string("secure", "auto").toLowerCase(Locale.ROOT);
        if (!secure.equals("auto") && !secure.equals("true") && !secure.equals("false")) {
            throw s.error("secure", "expected auto, true or false, got " + s.describe("secure"));
        }
        String sameSite = switch (s.string("same_site", DEFAULTS.sameSite()).toLowerCase(Locale.ROOT)) {
            case "lax" -> "Lax";
            case "strict" -> "Strict";
            case "none" -> "None";
            default -> throw s.error("same_site", "expected Lax, Strict or None, got " + s.describe("same_site"));
        };
        if (sameSite.equals("None") && secure.equals("false")) {
            throw s.error("same_site", "None needs the cookie to be Secure (browsers drop it otherwise)");
        }
        return new SessionSettings(cookie, ttl, store, secure, sameSite);
    }

    /** A new store of the configured kind; a file store keeps {@code .genro/sessions} in {@code serverDir}. */
    public SessionStore newStore(Path serverDir, Clock clock) {
        return store.equals("file") ? new FileSessionStore(serverDir.resolve(".genro").resolve("sessions"), ttl, clock)
                : new MemorySessionStore(ttl, clock);
    }
}
