package org.genro.server.middleware;

import java.util.ArrayList;
import java.util.List;
import org.genro.http.Headers;

/**
 * Reads and extends the {@code Vary} field of a reply (RFC 9110 §12.5.5), and splits other
 * comma-separated field values.
 *
 * <p>Several layers add to {@code Vary} (CORS adds {@code Origin}, compression
 * {@code Accept-Encoding}); merging keeps one field with each name once, because the original
 * could emit {@code Vary: Accept-Encoding} twice.
 */
final class Vary {
    private Vary() {
    }

    /**
     * Adds {@code names} to the {@code Vary} field of {@code headers}, each once, in one field.
     * A {@code Vary: *} already says "varies on everything" and is left alone.
     */
    static void add(Headers headers, String... names) {
        List<String> present = names(headers);
        if (present.contains("*")) {
            return;
        }
        List<String> merged = new ArrayList<>(present);
        for (String name : names) {
            if (merged.stream().noneMatch(name::equalsIgnoreCase)) {
                merged.add(name);
            }
        }
        if (merged.size() != present.size() || headers.all("Vary").size() > 1) {
            headers.set("Vary", String.join(", ", merged));
        }
    }

    /** The field names listed in every {@code Vary} field, in order, as written. */
    static List<String> names(Headers headers) {
        List<String> out = new ArrayList<>(2);
        for (String value : headers.all("Vary")) {
            out.addAll(split(value));
        }
        return out;
    }

    /** The non-empty, trimmed items of a comma-separated field value; empty for null. */
    static List<String> split(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(4);
        for (String item : value.split(",")) {
            String trimmed = item.strip();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return out;
    }
}
