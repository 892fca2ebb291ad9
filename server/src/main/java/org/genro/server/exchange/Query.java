package org.genro.server.exchange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A decoded {@code application/x-www-form-urlencoded} string, as query strings and form
 * bodies carry: names and values in order, '+' as space, percent escapes as UTF-8.
 *
 * <p>Decoding is bounded: at most {@code maxFields} fields are accepted, and a filter can
 * keep only the names a handler binds, so a megabyte of {@code &&&} or of unknown names
 * costs a scan, not a map entry per field.
 *
 * @param first  the first value of each name, in order
 * @param values every value of each name, in order
 */
public record Query(Map<String, String> first, Map<String, List<String>> values) {
    /** No fields. */
    public static final Query EMPTY = new Query(Map.of(), Map.of());

    /** Read-only views over the given maps. */
    public Query {
        first = Collections.unmodifiableMap(first);
        values = Collections.unmodifiableMap(values);
    }

    /**
     * Decodes every field of {@code raw}.
     *
     * @param raw       the encoded string, without '?'; null or empty for none
     * @param maxFields the most fields accepted; empty ones ({@code a&&b}) count too
     * @throws HttpError 400 for a malformed escape, or for more than {@code maxFields} fields
     */
    public static Query parse(String raw, int maxFields) {
        return parse(raw, maxFields, null, Rejection.QUERY_TOO_MANY_FIELDS);
    }

    /**
     * Decodes the fields of {@code raw} whose name is in {@code keep}; the others are
     * counted against {@code maxFields} but not stored, and a name without escapes is
     * compared in place, so skipping it allocates nothing.
     *
     * @param keep    the names wanted, or null for all
     * @param tooMany the rejection for more than {@code maxFields} fields (a query string
     *                and a form body answer differently)
     * @throws HttpError for a malformed escape in a kept field, or for too many fields
     */
    public static Query parse(String raw, int maxFields, Set<String> keep, Rejection tooMany) {
        if (raw == null || raw.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> first = new LinkedHashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        int fields = 0;
        int start = 0;
        int n = raw.length();
        while (start <= n) {
            int amp = raw.indexOf('&', start);
            int end = amp < 0 ? n : amp;
            if (++fields > maxFields) {
                throw new HttpError(tooMany);
            }
            if (end > start) {
                int eq = raw.indexOf('=', start);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                String name = keep == null ? decode(raw, start, nameEnd) : wanted(raw, start, nameEnd, keep);
                if (name != null) {
                    String value = nameEnd == end ? "" : decode(raw, nameEnd + 1, end);
                    first.putIfAbsent(name, value);
                    values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return new Query(first, values);
    }

    /** The name in {@code raw[from, to)} when {@code keep} holds it, else null; plain names are not copied to be compared. */
    private static String wanted(String raw, int from, int to, Set<String> keep) {
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == '%' || c == '+') {
                String name = decode(raw, from, to);
                return keep.contains(name) ? name : null;
            }
        }
        for (String name : keep) {
            if (name.length() == to - from && raw.regionMatches(from, name, 0, name.length())) {
                return name;
            }
        }
        return null;
    }

    /** Every value of {@code name}, in order; empty when absent. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    // '+' is a space and %XX a UTF-8 byte; a malformed escape is the client's error
    private static String decode(String s, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            char c = s.charAt(i);
            plain = c != '%' && c != '+';
        }
        if (plain) {
            return s.substring(from, to);
        }
        byte[] bytes = new byte[to - from];
        int len = 0;
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to) {
                    throw new HttpError(Rejection.FORM_MALFORMED);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new HttpError(Rejection.FORM_MALFORMED);
                }
                bytes[len++] = (byte) (hi << 4 | lo);
                i += 2;
                continue;
            }
            flush(out, bytes, len);
            len = 0;
            out.append(c == '+' ? ' ' : c);
        }
        flush(out, bytes, len);
        return out.toString();
    }

    private static void flush(StringBuilder out, byte[] bytes, int len) {
        if (len > 0) {
            out.append(new String(bytes, 0, len, StandardCharsets.UTF_8));
        }
    }
}
