package org.genro.http.wire;

import java.util.Arrays;

/**
 * A request head read one line at a time, as its lines arrive: the request line parsed
 * so far, the fields collected and the framing they add up to. Each line goes through
 * the {@link HeadParser} grammar exactly once, so reading a head is one linear pass
 * however the bytes are cut; the field-count and request-line limits are enforced as
 * lines complete.
 *
 * <p>Positions are kept relative to the head's first byte (its base), so the reader may
 * move the unread bytes between two lines; {@link #finish} is told where the head lies
 * at the end. The arrays that collect fields are reused for each head a connection reads
 * while it is busy, so a head allocates only arrays of its exact size when it is
 * finished.
 *
 * <p>Belongs to one connection while it is busy and is {@link #reset} for each request;
 * not thread-safe.
 */
public final class PartialHead implements HeadParser.FieldSink {
    private static final String[] NO_NAMES = {};
    private static final int[] NO_BOUNDS = {};

    private final HeadParser parser;
    private final Framing framing = new Framing();
    private boolean started;
    private String method;
    private int targetStart;
    private int targetEnd;
    private int version;
    private String[] names = new String[8];
    private int[] bounds = new int[16];
    private int count;
    /** Where the line being parsed lies relative to: the head's first byte. */
    private int base;

    PartialHead(HeadParser parser) {
        this.parser = parser;
    }

    /** Forgets the previous head: the next line fed is a request line. */
    public void reset() {
        started = false;
        method = null;
        Arrays.fill(names, 0, count, null);
        count = 0;
    }

    /** Whether the request line has been read. */
    public boolean started() {
        return started;
    }

    /**
     * Parses one complete line {@code b[start, end)}, where {@code end} is just past its
     * LF and {@code base} is where the head's first byte lies in {@code b}. Returns true
     * when it was the empty line that ends the head; {@link #finish} then gives the head.
     *
     * @throws ProtocolException when the line breaks a rule or a limit
     */
    public boolean line(byte[] b, int base, int start, int end) throws ProtocolException {
        this.base = base;
        if (!started) {
            parser.requestLine(b, start, end, this);
            started = true;
            framing.reset(version);
            return false;
        }
        if (parser.emptyLine(b, start, end, count, true, false)) {
            return true;
        }
        HeadParser.fieldLine(b, start, end, this, false);
        return false;
    }

    /**
     * Parses the line at {@code b[start]}, whose end has not been searched for yet, when
     * it is a plain field line that ends before {@code limit} (see
     * {@link HeadParser#plainFieldLine}): returns the index just past its LF. Returns -1
     * for any other line, complete or not, having taken nothing: the caller finds the
     * line's end and gives it to {@link #line}, which decides. Reading the common line in
     * this one pass saves searching it for its end and then reading it again.
     *
     * @throws ProtocolException when the field breaks a framing rule
     */
    public int plainLine(byte[] b, int base, int start, int limit) throws ProtocolException {
        if (!started) {
            return -1;
        }
        this.base = base;
        return parser.plainFieldLine(b, start, limit, count, this);
    }

    /** The request line's parts, from {@link HeadParser#requestLine}. */
    void requestLine(String method, int targetStart, int targetEnd, int version) {
        this.method = method;
        this.targetStart = targetStart - base;
        this.targetEnd = targetEnd - base;
        this.version = version;
    }

    @Override
    public void field(String name, byte[] b, int valueStart, int valueEnd) throws ProtocolException {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            bounds = Arrays.copyOf(bounds, count * 4);
        }
        names[count] = name;
        bounds[2 * count] = valueStart - base;
        bounds[2 * count + 1] = valueEnd - base;
        count++;
        framing.accept(name, b, valueStart, valueEnd);
    }

    /**
     * Runs a line that has not ended, {@code b[start, end)}, through the same grammar
     * with the input allowed to stop anywhere: throws only for a byte that no
     * continuation could make valid. Lets a connection refuse garbage at once, and
     * name the broken rule when a client closes inside a head.
     */
    public void unfinished(byte[] b, int start, int end) throws ProtocolException {
        if (!started) {
            parser.requestLine(b, start, end, null);
        } else if (!parser.emptyLine(b, start, end, count, true, true)) {
            HeadParser.fieldLine(b, start, end, null, true);
        }
    }

    /**
     * The head, after {@link #line} returned true, whose first byte now lies at
     * {@code b[base]}: checks the rules that need every field (Host, body framing) and
     * the target's form against the method. The head's values stay in {@code b} until
     * read (see {@link RequestHead}).
     *
     * @throws ProtocolException when those rules are broken
     */
    public RequestHead finish(byte[] b, int base) throws ProtocolException {
        Framing fr = framing;
        fr.check(method);
        int from = base + targetStart;
        int to = base + targetEnd;
        Target t = Target.of(method, b, from, to);
        if (fr.host != null && fr.host.isEmpty() && t.authority() == null) {
            // an empty Host means a URI without a host, which http does not allow (RFC 9110
            // §4.2.1); only a target that carries its own authority can do without one
            throw new ProtocolException(Violation.HOST_INVALID);
        }
        String authority = t.authority() != null ? t.authority() : fr.host == null ? "" : fr.host;
        int n = count;
        String[] exactNames = n == 0 ? NO_NAMES : Arrays.copyOf(names, n);
        int[] exactBounds = n == 0 ? NO_BOUNDS : Arrays.copyOf(bounds, 2 * n);
        return new RequestHead(method, version, t, authority, exactNames, exactBounds, n, b, base, fr);
    }
}
