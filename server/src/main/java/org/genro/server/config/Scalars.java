package org.genro.server.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one scalar as an integer, boolean, byte size or duration; shared by every
 * section reader (config keys, middleware options) so that "8k" or "yes" mean the same
 * everywhere.
 *
 * <p>Every reader accepts both the YAML type and its text form, because environment variables
 * and command-line values always arrive as strings. Readers return null for a value they cannot
 * read; the caller owns the key path and builds the error message.
 */
final class Scalars {

    // Binary multiples, as nginx reads "8k": config sizes are buffer sizes.
    private static final Pattern SIZE =
            Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final int MAX_SHOWN = 60;

    private Scalars() {
    }

    /** An integral value, or null when {@code value} is not a whole number in the long range. */
    static Long integer(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof String s && INTEGER.matcher(s.strip()).matches()) {
            return parseLong(s.strip());
        }
        return null;
    }

    /** A boolean, or null. Text accepts the YAML 1.1 words and 1/0, in any case. */
    static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Integer i && (i == 0 || i == 1)) {
            return i == 1;
        }
        if (value instanceof String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> Boolean.TRUE;
                case "false", "no", "off", "0" -> Boolean.FALSE;
                default -> null;
            };
        }
        return null;
    }

    /** A size in bytes ({@code 8k}, {@code 1m}, {@code 512}), or null; negatives are refused. */
    static Long size(Object value) {
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
        Long n = parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        if (n == null || n > (Long.MAX_VALUE >> shift)) {
            return null;
        }
        return n << shift;
    }

    /** A duration ({@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, plain seconds), or null. */
    static Duration duration(Object value) {
        String text = null;
        if (value instanceof Integer || value instanceof Long) {
            text = value.toString();
        } else if (value instanceof Double d) {
            text = BigDecimal.valueOf(d).toPlainString();
        } else if (value instanceof String s) {
            text = s.strip();
        }
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        BigDecimal millisPerUnit = BigDecimal.valueOf(switch (unit) {
            case "ms" -> 1L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 1_000L;
        });
        try {
            // Sub-millisecond precision is meaningless for socket timeouts; round it away.
            long millis = new BigDecimal(m.group(1)).multiply(millisPerUnit).setScale(0,
                    java.math.RoundingMode.HALF_UP).longValueExact();
            return Duration.ofMillis(millis);
        } catch (ArithmeticException tooLarge) {
            return null;
        }
    }

    /** Renders a duration the way a config file would say it: {@code 10s}, {@code 500ms}. */
    static String format(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /**
     * Describes a value for an error message: strings quoted and cut short, collections named by
     * kind, so that a message stays one line and never dumps a whole subtree.
     */
    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> quote(s);
            case Map<?, ?> _ -> "a map";
            case List<?> _ -> "a list";
            default -> value.toString();
        };
    }

    /** A kind name for messages about a value whose content must not be shown. */
    static String kind(Object value) {
        return switch (value) {
            case null -> "null";
            case String _ -> "a string";
            case Boolean _ -> "a boolean";
            case Number _ -> "a number";
            case Map<?, ?> _ -> "a map";
            case List<?> _ -> "a list";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        int end = Math.min(s.length(), MAX_SHOWN);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            // Control characters would break a log line or a terminal; show them escaped.
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.append(s.length() > MAX_SHOWN ? "...\"" : "\"").toString();
    }

    private static Long parseLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }
}
