package org.genro.server.exchange;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, once credentials or a session said so: an identity, the tags the
 * router's auth rules test, and free data an application keeps with it (kept with the
 * session, so it should be JSON-like: strings, numbers, booleans, lists, maps).
 *
 * @param identity the name the caller is known by (a user, a token's name, a JWT subject)
 * @param tags     what the caller may do, as the {@code auth} rules name it
 * @param data     anything else, read-only
 */
public record Avatar(String identity, Set<String> tags, Map<String, Object> data) {
    /** Copies tags and data; the identity must not be blank. */
    public Avatar {
        Objects.requireNonNull(identity, "identity");
        if (identity.isBlank()) {
            throw new IllegalArgumentException("an avatar needs an identity");
        }
        tags = Set.copyOf(tags);
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** An avatar without data. */
    public Avatar(String identity, Set<String> tags) {
        this(identity, tags, Map.of());
    }

    /** This avatar with one more (or another) data value. */
    public Avatar withData(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(data);
        more.put(Objects.requireNonNull(key, "key"), value);
        return new Avatar(identity, tags, more);
    }
}
