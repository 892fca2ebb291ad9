package org.genro.server.middleware;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

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
     * false and a GET or HEAD gets 304. {@code *} matches any current representation; list
     * items match when their opaque tags are equal, ignoring {@code W/} on either side.
     * An item that is not a well-formed entity-tag ends the parse: what came before still counts.
     */
    static boolean noneMatchFails(List<String> fields, String current) {
        String opaque = current == null ? null : opaque(current);
        for (String field : fields) {
            int i = 0;
            int n = field.length();
            while (i < n) {
                char c = field.charAt(i);
                if (c == ' ' || c == '\t' || c == ',') {
                    i++;
                    continue;
                }
                if (c == '*') {
                    return true;
                }
                int start = field.startsWith("W/", i) ? i + 2 : i;
                // Commas may appear inside an opaque tag, so the list is read tag by tag, not split.
                int close = start < n && field.charAt(start) == '"' ? field.indexOf('"', start + 1) : -1;
                if (close < 0) {
                    break;
                }
                if (opaque != null && field.regionMatches(start, opaque, 0, opaque.length())
                        && close + 1 - start == opaque.length()) {
                    return true;
                }
                i = close + 1;
            }
        }
        return false;
    }

    /** The quoted part of a tag, without any {@code W/} prefix. */
    static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
