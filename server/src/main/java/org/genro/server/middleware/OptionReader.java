package org.genro.server.middleware;

import static org.genro.server.config.Scalars.describe;

import org.genro.server.config.Scalars;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.genro.server.config.ConfigException;

/**
 * Typed reads of one middleware's options, each failure a {@link ConfigException} at the
 * option's key path ({@code middleware.cors.max_age: expected an integer 0-86400, got "x"}).
 *
 * <p>Values may be YAML types or text, because environment variables and command-line
 * overrides always arrive as strings. Unknown keys are refused when the reader is made: the
 * original dropped them silently, so a typo switched an option off without a word.
 */
final class OptionReader {

    private final Map<String, Object> values;
    private final String path;
    private final BiFunction<String, String, ConfigException> errors;

    /**
     * A reader over {@code values}, the options found at {@code path}.
     *
     * @throws ConfigException at the first key not in {@code known}
     */
    OptionReader(Map<String, Object> values, String path, Set<String> known,
                 BiFunction<String, String, ConfigException> errors) {
        this.values = values;
        this.path = path;
        this.errors = errors;
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw error(key, "unknown option; expected one of: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** The key path of this reader's map. */
    String path() {
        return path;
    }

    /** A boolean: true/false, yes/no, on/off, 1/0. */
    boolean bool(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        Boolean b = Scalars.bool(value);
        if (b == null) {
            throw error(key, "expected true or false, got " + describe(value));
        }
        return b;
    }

    /** A whole number within {@code [min, max]}. */
    int integer(String key, int min, int max, int fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        Long n = Scalars.integer(value);
        if (n == null || n < min || n > max) {
            throw error(key, "expected an integer " + min + "-" + max + ", got " + describe(value));
        }
        return n.intValue();
    }

    /** Whether {@code key} is present with a value. */
    boolean has(String key) {
        return values.get(key) != null;
    }

    /** A byte size within {@code [min, max]}: {@code 512}, {@code 8k}, {@code 16m} (binary multiples). */
    long size(String key, long min, long max, long fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        Long n = Scalars.size(value);
        if (n == null || n < min || n > max) {
            throw error(key, "expected a size from " + min + " to " + max + " bytes such as 512, 8k or 16m, got "
                    + describe(value));
        }
        return n;
    }

    /** A scalar as text. */
    String string(String key, String fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw error(key, "expected a string, got " + describe(value));
        }
        return value.toString().strip();
    }

    /** A list of non-empty strings, from a YAML list or a comma-separated string. */
    List<String> list(String key, List<String> fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        List<?> items = switch (value) {
            case String s -> List.of(s.split(",", -1));
            case List<?> l -> l;
            default -> throw error(key, "expected a list or a comma-separated string, got " + describe(value));
        };
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof Map<?, ?> || item instanceof List<?> || item == null
                    || item.toString().isBlank()) {
                throw error(key, "item " + i + ": expected a non-empty string, got " + describe(item));
            }
            out.add(item.toString().strip());
        }
        return List.copyOf(out);
    }

    /** An error about option {@code key}. */
    ConfigException error(String key, String detail) {
        return errors.apply(path + "." + key, detail);
    }

}
