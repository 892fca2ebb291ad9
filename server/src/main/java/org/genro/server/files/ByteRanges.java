package org.genro.server.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@code Range} field (RFC 9110 §14.1.2) against a representation of known size
 * and decides what to send: the whole (200), some parts (206), or nothing (416).
 *
 * <pre>
 *  Range (size 10000)              plan
 *  bytes=0-499                     parts 0-499
 *  bytes=500-999                   parts 500-999
 *  bytes=-500, bytes=9500-         parts 9500-9999 (a suffix, an open range)
 *  bytes=0-0,-1                    parts 0-0 and 9999-9999 (multipart)
 *  bytes=0-499,400-999,1000-1499   parts 0-1499: overlapping and adjacent ranges coalesced
 *  bytes=10000-, bytes=-0          unsatisfiable: 416
 *  bytes=500-400                   unsatisfiable: an int-range ending before it starts is invalid
 *  items=0-1, bytes=a-b, bytes=    whole: another unit, or not the grammar at all
 *  bytes=0-,0-,0-                  whole: more bytes asked than the file holds
 *  more than 16 parts once coalesced, or more than 100 ranges written: whole
 * </pre>
 *
 * Asking for more than the whole never costs more than the whole: the requested lengths
 * are summed before coalescing, so overlapping ranges cannot multiply the work (the
 * Apache "Range: bytes=0-,0-,..." attack), and the parts after coalescing are bounded.
 * Parts are sent in ascending order.
 */
final class ByteRanges {
    /** The most ranges read from one field; beyond this the field is ignored. */
    static final int MAX_RANGES = 100;
    /** The most parts sent once coalesced; beyond this the whole is sent. */
    static final int MAX_PARTS = 16;

    private ByteRanges() {
    }

    /** Bytes {@code first} to {@code last}, inclusive (the field's own convention). */
    record Span(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    /** What to send for a Range field. */
    sealed interface Plan permits Whole, Parts, Unsatisfiable {
    }

    /** Ignore the field: 200 with the whole representation. */
    record Whole() implements Plan {
    }

    /** The one {@link Whole}: it carries nothing. */
    static final Whole WHOLE = new Whole();

    /** 206 with these parts, ascending, disjoint and not adjacent. */
    record Parts(List<Span> spans) implements Plan {
    }

    /** 416: no range overlaps the representation. */
    record Unsatisfiable() implements Plan {
    }

    /** The plan for the {@code Range} fields of a GET whose representation has {@code size} bytes. */
    static Plan plan(List<String> fields, long size) {
        if (fields.size() != 1) {
            return WHOLE; // not a list: two fields are no valid Range
        }
        String value = fields.getFirst();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return WHOLE; // a unit we do not serve must be ignored (RFC 9110 §14.2)
        }
        List<long[]> specs = specs(value.substring(eq + 1));
        if (specs == null) {
            return WHOLE;
        }
        List<Span> spans = new ArrayList<>(specs.size());
        long asked = 0;
        for (long[] spec : specs) {
            if (spec[1] >= 0 && spec[1] < spec[0]) {
                return new Unsatisfiable(); // an invalid int-range (RFC 9110 §14.1.1)
            }
            Span span = satisfiable(spec, size);
            if (span != null) {
                spans.add(span);
                asked = asked > Long.MAX_VALUE - span.length() ? Long.MAX_VALUE : asked + span.length();
            }
        }
        if (spans.isEmpty()) {
            return new Unsatisfiable();
        }
        if (asked > size) {
            return WHOLE;
        }
        List<Span> parts = coalesce(spans);
        return parts.size() > MAX_PARTS ? WHOLE : new Parts(parts);
    }

    /**
     * The range-set as {first, last} pairs; a suffix is {-1, length} and an open range
     * {first, -1}. Null when it is not the grammar or holds more than {@link #MAX_RANGES}.
     */
    private static List<long[]> specs(String set) {
        List<long[]> out = new ArrayList<>();
        for (String item : set.split(",", -1)) {
            String s = item.strip();
            if (s.isEmpty()) {
                continue; // the list syntax allows empty elements (RFC 9110 §5.6.1)
            }
            if (out.size() == MAX_RANGES) {
                return null;
            }
            int dash = s.indexOf('-');
            if (dash < 0) {
                return null;
            }
            long first = dash == 0 ? -1 : number(s, 0, dash);
            long last = dash == s.length() - 1 ? -1 : number(s, dash + 1, s.length());
            if (first == -2 || last == -2 || first == -1 && last == -1) {
                return null;
            }
            out.add(new long[] {first, last});
        }
        return out.isEmpty() ? null : out;
    }

    /** The decimal number in {@code s[from, to)}, saturated at Long.MAX_VALUE; -2 if not all digits. */
    private static long number(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -2;
            }
            v = v > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : v * 10 + (c - '0');
        }
        return v;
    }

    /** The bytes a spec names in a representation of {@code size}, or null when it names none. */
    private static Span satisfiable(long[] spec, long size) {
        long first = spec[0];
        long last = spec[1];
        if (first < 0) {
            return last > 0 && size > 0 ? new Span(Math.max(0, size - last), size - 1) : null;
        }
        if (first >= size) {
            return null;
        }
        return new Span(first, last < 0 ? size - 1 : Math.min(last, size - 1));
    }

    /** Sorted, with overlapping and adjacent spans merged. */
    static List<Span> coalesce(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(Span::first));
        List<Span> out = new ArrayList<>();
        Span current = sorted.getFirst();
        for (Span next : sorted.subList(1, sorted.size())) {
            if (next.first() <= current.last() + 1) {
                current = new Span(current.first(), Math.max(current.last(), next.last()));
            } else {
                out.add(current);
                current = next;
            }
        }
        out.add(current);
        return List.copyOf(out);
    }
}
