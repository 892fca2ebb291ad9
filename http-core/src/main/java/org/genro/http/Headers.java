package org.genro.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.genro.http.wire.Chars;
import org.genro.http.wire.RequestHead;

/**
 * An ordered list of header fields held in two flat arrays. Names compare without
 * regard to case (RFC 9110 §5.1) and keep the spelling they were given; repeated
 * names stay separate entries, in order.
 *
 * <p>Request headers come from the parser already validated, and each value becomes a
 * String only when first read. They can be read while their exchange lasts; reading a
 * value afterwards throws {@link IllegalStateException}, because the bytes it came
 * from belong to the connection's reused buffer. Values added through
 * {@link #add} and {@link #set} are checked here, so that no handler can split a
 * response by putting CR or LF into a header (response splitting).
 *
 * <p>A {@linkplain #readOnlyView read-only view} shows another list as it changes and
 * refuses every change itself: a response hands its fields out that way, so that only
 * its own methods, which keep framing fields for the engine, can set them.
 *
 * <p>Not thread-safe: a request's headers belong to the connection's thread.
 */
public final class Headers {
    private String[] names;
    private String[] values;
    private int size;
    /** For a view, the list it shows; null for a list of its own. */
    private final Headers source;
    /**
     * For a request's fields, the head they are read from, which turns each value into a
     * String only when it is first read; null once a change has copied them here, and for
     * every other list.
     */
    private RequestHead head;

    /** An empty list with room for a typical response. */
    public Headers() {
        this(8);
    }

    /** An empty list with room for {@code capacity} fields. */
    public Headers(int capacity) {
        names = new String[Math.max(capacity, 1)];
        values = new String[names.length];
        source = null;
    }

    private Headers(Headers source) {
        this.source = source;
    }

    private Headers(RequestHead head) {
        this.source = null;
        this.head = head;
        this.size = head.fieldCount();
    }

    /**
     * A live read-only view of {@code source}: it shows every later change to the
     * source, and its own {@code add}, {@code set}, {@code remove} and {@code clear}
     * throw {@link UnsupportedOperationException}.
     */
    public static Headers readOnlyView(Headers source) {
        return new Headers(source.data());
    }

    /** The list that holds the fields: the source of a view, else this one. */
    private Headers data() {
        return source == null ? this : source;
    }

    private void checkWritable() {
        if (source != null) {
            throw new UnsupportedOperationException(
                    "these headers are a read-only view; set response fields with Response.header or addHeader");
        }
    }

    /**
     * A request's fields, read from its parsed head without copying or checking them. A
     * change copies them into this list first.
     */
    static Headers wrap(RequestHead head) {
        return new Headers(head);
    }

    /**
     * Wraps arrays filled by the parser without copying or checking them.
     * The caller hands the arrays over and must not touch them again.
     */
    static Headers wrap(String[] names, String[] values, int size) {
        Headers h = new Headers(0);
        h.names = names;
        h.values = values;
        h.size = size;
        return h;
    }

    /** The number of fields. */
    public int size() {
        return data().size;
    }

    /** The name of field {@code i}, as sent. */
    public String name(int i) {
        Headers d = data();
        Objects.checkIndex(i, d.size);
        return d.nameAt(i);
    }

    /**
     * The value of field {@code i}, without surrounding whitespace.
     *
     * @throws IllegalStateException for a request's field read after its exchange ended
     */
    public String value(int i) {
        Headers d = data();
        Objects.checkIndex(i, d.size);
        return d.valueAt(i);
    }

    private String nameAt(int i) {
        return head != null ? head.name(i) : names[i];
    }

    private String valueAt(int i) {
        return head != null ? head.value(i) : values[i];
    }

    /** The value of the first field called {@code name}, or null. */
    public String first(String name) {
        Headers d = data();
        for (int i = 0; i < d.size; i++) {
            if (d.nameAt(i).equalsIgnoreCase(name)) {
                return d.valueAt(i);
            }
        }
        return null;
    }

    /** The first value of {@code name}, or {@code fallback} when absent. */
    public String first(String name, String fallback) {
        String v = first(name);
        return v == null ? fallback : v;
    }

    /** Every value of fields called {@code name}, in order. */
    public List<String> all(String name) {
        Headers d = data();
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < d.size; i++) {
            if (d.nameAt(i).equalsIgnoreCase(name)) {
                out.add(d.valueAt(i));
            }
        }
        return out;
    }

    /** Whether at least one field is called {@code name}. */
    public boolean contains(String name) {
        return first(name) != null;
    }

    /** Appends a field, keeping any others of the same name. */
    public Headers add(String name, String value) {
        checkName(name);
        checkValue(value);
        return append(name, value);
    }

    /**
     * Appends a field read from another list, unchecked: every list checked its names and
     * values as they went in (the parser's, by the stricter rules of a request head).
     */
    Headers append(String name, String value) {
        checkWritable();
        own();
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return this;
    }

    /** Replaces every field called {@code name} with one field. */
    public Headers set(String name, String value) {
        checkWritable();
        remove(name);
        return add(name, value);
    }

    /** Removes every field called {@code name}; returns how many were removed. */
    public int remove(String name) {
        checkWritable();
        int first = 0;
        while (first < size && !nameAt(first).equalsIgnoreCase(name)) {
            first++;
        }
        if (first == size) {
            return 0; // the usual case (set on a new name): nothing rewritten
        }
        own();
        int kept = first;
        for (int i = first + 1; i < size; i++) {
            if (!names[i].equalsIgnoreCase(name)) {
                names[kept] = names[i];
                values[kept] = values[i];
                kept++;
            }
        }
        int removed = size - kept;
        Arrays.fill(names, kept, size, null);
        Arrays.fill(values, kept, size, null);
        size = kept;
        return removed;
    }

    /** Removes every field. */
    public void clear() {
        checkWritable();
        own();
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    /** Before a change to a request's fields: copies them out of the head into this list. */
    private void own() {
        RequestHead h = head;
        if (h == null) {
            return;
        }
        int n = h.fieldCount();
        names = new String[Math.max(n + 2, 4)]; // room for the field a change usually adds
        values = new String[names.length];
        for (int i = 0; i < n; i++) {
            names[i] = h.name(i);
            values[i] = h.value(i);
        }
        head = null;
    }

    /** A field name must be a token (RFC 9110 §5.1). */
    static void checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0, n = name.length(); i < n; i++) { // the length read once: the loop then compiles tight
            char c = name.charAt(i);
            if (c >= 128 || !Chars.isTchar(c)) {
                throw new IllegalArgumentException("header name is not a token: " + printable(name));
            }
        }
    }

    /** A field value may hold visible characters, SP, HTAB and obs-text, nothing else. */
    static void checkValue(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("header value contains a control or non-Latin-1 character at index " + i);
            }
        }
    }

    private static String printable(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    @Override
    public String toString() {
        Headers d = data();
        StringBuilder sb = new StringBuilder("Headers[");
        for (int i = 0; i < d.size; i++) {
            sb.append(i == 0 ? "" : ", ").append(d.nameAt(i)).append(": ").append(d.valueAt(i));
        }
        return sb.append(']').toString();
    }
}
