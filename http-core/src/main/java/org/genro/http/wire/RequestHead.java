package org.genro.http.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.Arrays;
import java.util.Objects;

/**
 * A parsed and validated request head: request line, header fields and the framing
 * decisions derived from them.
 *
 * <p>Field values are not copied out when the head is parsed. The head keeps where each
 * value lies in the bytes it was parsed from and turns it into a String the first time
 * it is asked for, so a request pays only for the values someone reads. Those bytes
 * belong to the connection's read buffer, which is reused, so the connection decides
 * how long they stay readable:
 * <ul>
 *   <li>{@link #detach} copies the values' bytes into an array of the head's own, for a
 *       head that must outlive its place in the buffer: a body read that is about to
 *       overwrite it, or a WebSocket handshake kept for the whole session;</li>
 *   <li>{@link #retire} ends the head's exchange: from then on reading a value throws,
 *       so a request kept past its exchange can never show bytes of a later request, or
 *       of another connection that reused the buffer.</li>
 * </ul>
 * Everything else (method, target, path, query, authority, field names) is a String
 * from the start and stays readable.
 *
 * <p>Owned by the connection's thread; not thread-safe.
 */
public final class RequestHead {
    private final String method;
    /** The request-target as sent; for the origin form it is made from path and query when asked. */
    private String target;
    private final int version;
    private final TargetForm form;
    private final String path;
    private final String query;
    private final String authority;
    private final String[] names;
    /** Start and end of each value, {@code [s0, e0, s1, e1, ...]}, relative to {@link #base}. */
    private final int[] bounds;
    private final int count;
    /** Values already turned into Strings; null until the first is. */
    private String[] values;
    /** The bytes the values lie in, or null once the head has no fields left to read. */
    private byte[] source;
    /** Where offset 0 of {@link #bounds} lies in {@link #source}. */
    private int base;
    private boolean retired;
    private final long contentLength;
    private final boolean chunked;
    private final boolean keepAlive;
    private final boolean expectContinue;
    private final String upgrade;

    RequestHead(String method, int version, Target t, String authority,
            String[] names, int[] bounds, int count, byte[] source, int base, Framing framing) {
        this.method = method;
        this.target = t.raw();
        this.version = version;
        this.form = t.form();
        this.path = t.path();
        this.query = t.query();
        this.authority = authority;
        this.names = names;
        this.bounds = bounds;
        this.count = count;
        this.source = count == 0 ? null : source;
        this.base = base;
        this.contentLength = framing.contentLength;
        this.chunked = framing.chunked;
        this.keepAlive = framing.keepAlive();
        this.expectContinue = framing.expectContinue;
        this.upgrade = framing.connectionUpgrade ? framing.upgrade : null;
    }

    /** The method token; known methods are shared constants. */
    public String method() {
        return method;
    }

    /** The request-target exactly as sent. */
    public String target() {
        String t = target;
        if (t == null) {
            t = query.isEmpty() ? path : path + '?' + query;
            target = t;
        }
        return t;
    }

    /** 11 for HTTP/1.1 (and 1.x above it), 10 for HTTP/1.0. */
    public int version() {
        return version;
    }

    /** Which request-target form was used. */
    public TargetForm form() {
        return form;
    }

    /** The path part of the target, still percent-encoded ("" for authority-form, "*" for asterisk-form). */
    public String path() {
        return path;
    }

    /** The query without '?', still percent-encoded, or "". */
    public String query() {
        return query;
    }

    /** The authority from an absolute- or authority-form target, else the Host value (may be ""). */
    public String authority() {
        return authority;
    }

    /** The number of header fields. */
    public int fieldCount() {
        return count;
    }

    /** The name of field {@code i} as sent; known names are shared constants. */
    public String name(int i) {
        Objects.checkIndex(i, count);
        return names[i];
    }

    /**
     * The value of field {@code i}, surrounding whitespace removed.
     *
     * @throws IllegalStateException once the head is {@linkplain #retire retired}
     */
    public String value(int i) {
        Objects.checkIndex(i, count);
        if (retired) {
            throw new IllegalStateException("a request's header fields can be read only during its exchange;"
                    + " copy what must outlive it before the response ends");
        }
        String[] vs = values;
        if (vs == null) {
            vs = values = new String[count];
        }
        String v = vs[i];
        if (v == null) {
            int start = bounds[2 * i];
            v = new String(source, base + start, bounds[2 * i + 1] - start, ISO_8859_1);
            vs[i] = v;
        }
        return v;
    }

    /** The body length from Content-Length, or -1 when absent. */
    public long contentLength() {
        return contentLength;
    }

    /** Whether the body is chunked. */
    public boolean chunked() {
        return chunked;
    }

    /** Whether the client allows the connection to stay open. */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** Whether the client waits for 100 Continue before the body. */
    public boolean expectContinue() {
        return expectContinue;
    }

    /** The Upgrade value when Connection names upgrade, else null. */
    public String upgrade() {
        return upgrade;
    }

    /** Whether a body follows the head. */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }

    /**
     * Copies the bytes of the values not yet read into an array of the head's own, so the
     * buffer they were parsed in may be overwritten or handed to another connection.
     */
    public void detach() {
        if (source == null || retired) {
            return;
        }
        int from = bounds[0];
        int to = bounds[2 * count - 1]; // values lie in order, so the last one ends the span
        source = Arrays.copyOfRange(source, base + from, base + to);
        base = -from;
    }

    /** Ends the head's exchange: its field values can no longer be read. */
    public void retire() {
        retired = true;
        source = null;
    }

    @Override
    public String toString() {
        return "RequestHead[" + method + ' ' + target() + ", " + count + " fields]";
    }
}
