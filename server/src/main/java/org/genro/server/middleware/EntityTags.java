package org.genro.server.middleware;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.genro.server.exchange.Preconditions;

/**
 * Entity tags (RFC 9110 §8.8.3): computing a strong tag for a body, and evaluating
 * {@code If-None-Match} with the weak comparison that §13.1.2 prescribes for it.
 */
final class EntityTags {
    private EntityTags() {
    }

    /**
     * A strong tag for {@code body}: the first 128 bits of its SHA-256, base64url, quoted.
     * 128 bits keep collisions out of reach while keeping the header short.
     */
    static String strong(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            // Every JDK ships SHA-256 (a required algorithm of the platform).
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the {@code If-None-Match} fields match the current tag, i.e. the condition is
     * false and a GET or HEAD gets 304: {@code *} matches any current representation; list
     * items match when their opaque tags are equal, ignoring {@code W/} on either side.
     * The grammar is {@link Preconditions}'s, the one every conditional request is read with.
     */
    static boolean noneMatchFails(List<String> fields, String current) {
        return Preconditions.matches(fields, current, false);
    }
}
