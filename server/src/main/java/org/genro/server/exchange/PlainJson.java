package org.genro.server.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * JSON for the values most handlers return, written without Jackson: maps with String keys,
 * lists and sets, Strings, Booleans, whole numbers and finite floating-point numbers, and
 * null, nested in any way. The bytes are exactly those {@link Json#MAPPER} writes for the
 * same value (a test holds the two to each other on generated values). Anything else, at
 * any depth, makes {@link #write} give up and the caller ask Jackson for the whole value.
 *
 * <p>Why: for a small map, most of what Jackson spends goes to setting up a generator and a
 * serializer provider and looking up a serializer for each value's class, several times
 * the cost of the bytes themselves, and a JSON API pays it on every reply.
 *
 * <p>Only classes of {@code java.*} qualify as maps and collections: a class of the app's own
 * may carry Jackson annotations that change how it is written.
 *
 * <p>{@link #write} never touches {@link Json}, whose mappers take Jackson's set-up (a few
 * hundred milliseconds of class loading on a cold JVM), and {@link #bytes} asks it for a
 * mapper only when {@code write} gave up: a plain reply that comes before the server has set
 * Jackson up in the background does not wait for it. That is why the server's one way of
 * writing a JSON reply lives here and not in {@code Json}, whose first use sets Jackson up.
 */
public final class PlainJson {
    /** Deeper than this, Jackson writes the value (and enforces its own nesting limit). */
    private static final int MAX_DEPTH = 64;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private byte[] buf = new byte[128];
    private int len;

    private PlainJson() {
    }

    /**
     * The JSON of {@code value}, as {@link Json#MAPPER} and {@link Json#TYTX} write it, or null
     * when it holds anything this writer leaves to Jackson.
     */
    public static byte[] write(Object value) {
        if (!plainTop(value)) {
            return null; // a record or a bean, the usual case that is not plain: no work wasted
        }
        PlainJson w = new PlainJson();
        return w.value(value, 0) ? Arrays.copyOf(w.buf, w.len) : null;
    }

    /**
     * The JSON of {@code value} for {@code exchange}'s client (null: no exchange, plain
     * JSON): {@link #write}'s bytes when the value is plain, else what the mapper
     * {@link Json#forExchange} picks writes, typed values included when the client asked.
     */
    public static byte[] bytes(Object value, Exchange exchange) throws JsonProcessingException {
        byte[] plain = write(value);
        return plain != null ? plain : Json.forExchange(exchange).writeValueAsBytes(value);
    }

    private static boolean plainTop(Object value) {
        return value == null || value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof String
                || value instanceof Number || value instanceof Boolean;
    }

    private boolean value(Object v, int depth) {
        switch (v) {
            case null -> raw(NULL);
            case String s -> string(s);
            case Boolean b -> raw(b ? TRUE : FALSE);
            case Integer i -> decimal(i);
            case Long l -> decimal(l);
            case Short s -> decimal(s);
            case Byte b -> decimal(b);
            case Double d -> {
                if (!Double.isFinite(d)) {
                    return false; // Jackson quotes NaN and the infinities
                }
                if (!shortDecimal(d)) {
                    ascii(Double.toString(d));
                }
            }
            case Float f -> {
                if (!Float.isFinite(f)) {
                    return false;
                }
                ascii(Float.toString(f));
            }
            case Map<?, ?> m -> {
                return depth < MAX_DEPTH && fromTheJdk(m) && object(m, depth + 1);
            }
            case Collection<?> c -> {
                return depth < MAX_DEPTH && fromTheJdk(c) && array(c, depth + 1);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code o}'s class is the JDK's, which Jackson writes as a plain map or array. */
    private static boolean fromTheJdk(Object o) {
        return o.getClass().getName().startsWith("java.");
    }

    private boolean object(Map<?, ?> m, int depth) {
        put('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                return false; // Jackson turns other keys into text its own way, and refuses null
            }
            if (!first) {
                put(',');
            }
            first = false;
            string(key);
            put(':');
            if (!value(e.getValue(), depth)) {
                return false;
            }
        }
        put('}');
        return true;
    }

    private boolean array(Collection<?> c, int depth) {
        put('[');
        boolean first = true;
        for (Object o : c) {
            if (!first) {
                put(',');
            }
            first = false;
            if (!value(o, depth)) {
                return false;
            }
        }
        put(']');
        return true;
    }

    /**
     * A JSON string in UTF-8: quote and backslash escaped, control characters as
     * {@code \b \t \n \f \r} or a {@code u} escape, surrogates as {@code u} escapes (so a
     * lone one writes as well as a pair), everything else as it is.
     */
    private void string(String s) {
        int n = s.length();
        ensure(n + 2); // the usual string, ASCII with nothing to escape; put() makes room for the rest
        put('"');
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    put('\\');
                }
                put(c);
            } else if (c < 0x20) {
                escape(c);
            } else if (c < 0x800) {
                put(0xc0 | c >> 6);
                put(0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c); // as Jackson does by default: each half of a pair on its own
            } else {
                put(0xe0 | c >> 12);
                put(0x80 | c >> 6 & 0x3f);
                put(0x80 | c & 0x3f);
            }
        }
        put('"');
    }

    private void escape(char c) {
        char letter = switch (c) {
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (letter == 0) {
            unicodeEscape(c);
        } else {
            put('\\');
            put(letter);
        }
    }

    private void unicodeEscape(char c) {
        ensure(6);
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[c >> 12];
        buf[len++] = HEX[c >> 8 & 0xf];
        buf[len++] = HEX[c >> 4 & 0xf];
        buf[len++] = HEX[c & 0xf];
    }

    /** A whole number in decimal, written from its last digit back: no String for it. */
    private void decimal(long v) {
        if (v == Long.MIN_VALUE) {
            ascii("-9223372036854775808"); // its magnitude has no long
            return;
        }
        int digits = 1;
        long m = Math.abs(v);
        for (long p = 10; digits < 19 && m >= p; p *= 10) {
            digits++;
        }
        int n = digits + (v < 0 ? 1 : 0);
        ensure(n);
        int at = len + n;
        do {
            buf[--at] = (byte) ('0' + m % 10);
            m /= 10;
        } while (m != 0);
        if (v < 0) {
            buf[--at] = '-';
        }
        len += n;
    }

    private static final double[] POWERS = {1, 10, 100, 1000};

    /**
     * Writes {@code d} as {@link Double#toString} would when it has at most three digits
     * after the point and lies in [0.001, 10^7), where that method writes plain decimals;
     * false, writing nothing, for any other value. Prices, ratios and measures are mostly
     * such numbers, and the general method costs several times the rest of a small reply.
     *
     * <p>{@code Double.toString} writes the shortest decimal that reads back as {@code d}
     * (at least one digit after the point). The decimal with k digits after the point nearest
     * to {@code d} reads back as {@code d} exactly when {@code n / 10^k == d}, n being
     * {@code d * 10^k} rounded: the division of two exactly held numbers is correctly
     * rounded. Trying k = 0, 1, 2, 3 in turn finds the shortest such decimal; in this range
     * a double's neighbours are less than 2e-9 apart, so no other decimal of k digits reads
     * back as {@code d} too.
     */
    private boolean shortDecimal(double d) {
        double magnitude = Math.abs(d);
        if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
            return false;
        }
        for (int k = 0; k < POWERS.length; k++) {
            long n = Math.round(d * POWERS[k]);
            if (n / POWERS[k] == d) {
                decimal(n, k);
                return true;
            }
        }
        return false;
    }

    /** {@code n / 10^k} with k digits after the point (one zero for k = 0), a zero before a leading point. */
    private void decimal(long n, int k) {
        if (k == 0) {
            decimal(n);
            put('.');
            put('0');
            return;
        }
        if (n < 0) {
            put('-');
            n = -n;
        }
        long unit = (long) POWERS[k];
        decimal(n / unit);
        put('.');
        long fraction = n % unit;
        for (long p = unit / 10; p > 0; p /= 10) { // leading zeros of the fraction kept: 0.005
            put((int) ('0' + fraction / p % 10));
        }
    }

    /** Text known to be ASCII (a number's digits, sign, dot and exponent). */
    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void put(int b) {
        if (len == buf.length) {
            ensure(1);
        }
        buf[len++] = (byte) b;
    }

    private void ensure(int more) {
        if (buf.length - len < more) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
