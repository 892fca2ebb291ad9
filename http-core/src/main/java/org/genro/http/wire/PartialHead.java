package org.genro.http.wire;

/**
 * A request head read one line at a time, as its lines arrive: the request line parsed
 * so far, the fields collected and the framing they add up to. Each line goes through
 * the {@link HeadParser} grammar exactly once, so reading a head is one linear pass
 * however the bytes are cut; the field-count and request-line limits are enforced as
 * lines complete.
 *
 * <p>Belongs to one connection and is {@link #reset} for each request; not thread-safe.
 */
public final class PartialHead {
    private final HeadParser parser;
    private HeadParser.RequestLine requestLine;
    private HeadParser.Fields fields;
    private Framing framing;

    PartialHead(HeadParser parser) {
        this.parser = parser;
    }

    /** Forgets the previous head: the next line fed is a request line. */
    public void reset() {
        requestLine = null;
        fields = null;
        framing = null;
    }

    /** Whether the request line has been read. */
    public boolean started() {
        return requestLine != null;
    }

    /**
     * Parses one complete line {@code b[start, end)}, where {@code end} is just past its
     * LF. Returns true when it was the empty line that ends the head; {@link #finish}
     * then gives the head.
     *
     * @throws ProtocolException when the line breaks a rule or a limit
     */
    public boolean line(byte[] b, int start, int end) throws ProtocolException {
        if (requestLine == null) {
            requestLine = parser.requestLine(b, start, end, false);
            fields = new HeadParser.Fields();
            framing = new Framing(requestLine.version());
            return false;
        }
        if (parser.emptyLine(b, start, end, fields.count, true, false)) {
            return true;
        }
        HeadParser.fieldLine(b, start, end, fields, false);
        int last = fields.count - 1;
        framing.accept(fields.names[last], fields.values[last]);
        return false;
    }

    /**
     * Runs a line that has not ended, {@code b[start, end)}, through the same grammar
     * with the input allowed to stop anywhere: throws only for a byte that no
     * continuation could make valid. Lets a connection refuse garbage at once, and
     * name the broken rule when a client closes inside a head.
     */
    public void unfinished(byte[] b, int start, int end) throws ProtocolException {
        if (requestLine == null) {
            parser.requestLine(b, start, end, true);
        } else if (!parser.emptyLine(b, start, end, fields.count, true, true)) {
            HeadParser.fieldLine(b, start, end, null, true);
        }
    }

    /**
     * The head, after {@link #line} returned true: checks the rules that need every
     * field (Host, body framing) and the target's form against the method.
     *
     * @throws ProtocolException when those rules are broken
     */
    public RequestHead finish() throws ProtocolException {
        HeadParser.RequestLine line = requestLine;
        HeadParser.Fields f = fields;
        Framing fr = framing;
        fr.check(line.method());
        Target t = Target.of(line.method(), line.target());
        if (fr.host != null && fr.host.isEmpty() && t.authority() == null) {
            // an empty Host means a URI without a host, which http does not allow (RFC 9110
            // §4.2.1); only a target that carries its own authority can do without one
            throw new ProtocolException(Violation.HOST_INVALID);
        }
        String authority = t.authority() != null ? t.authority() : fr.host == null ? "" : fr.host;
        return new RequestHead(line.method(), line.target(), line.version(), t.form(), t.path(), t.query(),
                authority, f.names, f.values, f.count, fr.contentLength, fr.chunked,
                fr.keepAlive(), fr.expectContinue, fr.connectionUpgrade ? fr.upgrade : null);
    }
}
