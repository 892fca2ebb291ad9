package org.genro.server.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern SIZE =
            Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");

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
        Boolean b = bool(value);
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
        Long n = integer(value);
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
        Long n = size(value);
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

    /** A boolean from a YAML value or its text, or null. */
    static Boolean bool(Object value) {
        return switch (value) {
            case Boolean b -> b;
            case Integer i when i == 0 || i == 1 -> i == 1;
            case String s -> switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> Boolean.TRUE;
                case "false", "no", "off", "0" -> Boolean.FALSE;
                default -> null;
            };
            case null, default -> null;
        };
    }

    /** A whole number from a YAML value or its text, or null. */
    static Long integer(Object value) {
        return switch (value) {
            case Integer i -> i.longValue();
            case Long l -> l;
            case String s when INTEGER.matcher(s.strip()).matches() -> parse(s.strip());
            case null, default -> null;
        };
    }

    private static Long size(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long n = ((Number) value).longValue();
            return n < 0 ? null : n;
        }
        if (!(value instanceof String s)) {
            return null;
        }
        Matcher m = SIZE.matcher(s.strip());
        if (!m.matches()) {
            return null;
        }
        Long n = parse(m.group(1));
        int shift = m.group(2) == null ? 0 : switch (Character.toLowerCase(m.group(2).charAt(0))) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        return n == null || n > (Long.MAX_VALUE >> shift) ? null : n << shift;
    }

    private static Long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    /** A value as an error message shows it: strings quoted and cut short, collections by kind. */
    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "\"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s)
                    .replaceAll("[\\p{Cntrl}\"\\\\]", "?") + "\"";
            case Map<?, ?> _ -> "a map";
            case List<?> _ -> "a list";
            default -> value.toString();
        };
    }
}
