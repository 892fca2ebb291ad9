package org.genro.http.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.Arrays;

/**
 * The line grammar of a request head (RFC 9112 §2-§5), applied one line at a time: the
 * request line, then field lines up to the empty line. A connection feeds each line
 * once, as it completes, through a {@link PartialHead}, so a head costs one pass however
 * it arrives; {@link #parse} feeds the lines of a head already whole. Reads only the
 * bytes it is given and either returns a value or throws a {@link ProtocolException}
 * naming the rule that was broken. A field line is handed on as its name (a shared
 * constant when known) and where its value lies; whoever receives it decides whether the
 * value becomes a String now (trailers) or when first read (a request's fields).
 *
 * <p>A line that has not ended yet can be run through the same grammar in partial mode:
 * running out of input is then not an error, so a prefix is refused only for a byte
 * that no continuation could make valid.
 *
 * <p>There is one strict mode: bare CR or LF, obs-fold, whitespace before a colon,
 * control characters in values, ambiguous body framing and a missing or repeated Host
 * are all rejected. Instances are immutable and shared by every connection.
 */
public final class HeadParser {
    /** "HTTP/1.1" as {@link Chars#word} reads it. */
    private static final long HTTP_11 = Chars.word("HTTP/1.1".getBytes(ISO_8859_1), 0);

    private final int maxRequestLine;
    private final int maxFields;

    /**
     * @param maxRequestLine longest request line accepted, CRLF excluded (414 beyond)
     * @param maxFields      most header fields accepted (431 beyond)
     */
    public HeadParser(int maxRequestLine, int maxFields) {
        this.maxRequestLine = maxRequestLine;
        this.maxFields = maxFields;
    }

    /** A new incremental parse, to be fed line by line; one per connection, reset per request. */
    public PartialHead partial() {
        return new PartialHead(this);
    }

    /**
     * Parses the head in {@code b[start, end)}, which must end with the empty line: feeds
     * every line to a {@link PartialHead}, then finishes it.
     *
     * @throws ProtocolException when the head breaks a rule of RFC 9110/9112
     */
    public RequestHead parse(byte[] b, int start, int end) throws ProtocolException {
        return parse(partial(), b, start, end);
    }

    /**
     * Parses the head in {@code b[start, end)} as {@link #parse(byte[], int, int)} does,
     * through {@code head}, which is reset first: what a connection does for each request.
     * The head's field values stay in {@code b} until read, so {@code b} must not change
     * while the head is in use.
     *
     * @throws ProtocolException when the head breaks a rule of RFC 9110/9112
     */
    public RequestHead parse(PartialHead head, byte[] b, int start, int end) throws ProtocolException {
        head.reset();
        int i = start;
        while (i < end) {
            int next = head.plainLine(b, start, i, end);
            if (next >= 0) {
                i = next;
                continue;
            }
            int lineEnd = lineEnd(b, i, end);
            if (head.line(b, start, i, lineEnd)) {
                if (lineEnd != end) {
                    throw new ProtocolException(Violation.REQUEST_LINE_MALFORMED);
                }
                return head.finish(b, start);
            }
            i = lineEnd;
        }
        throw new ProtocolException(Violation.REQUEST_LINE_MALFORMED); // no empty line
    }

    /** Header fields parsed from a trailer section. */
    public record FieldSection(String[] names, String[] values, int count) {
    }

    /**
     * Parses a chunked body's trailer section {@code b[start, end)}, which ends with the
     * empty line (RFC 9112 §7.1.2), line by line with the same grammar as header fields.
     */
    public FieldSection trailers(byte[] b, int start, int end) throws ProtocolException {
        Fields f = new Fields();
        int i = start;
        while (i < end) {
            int lineEnd = lineEnd(b, i, end);
            if (emptyLine(b, i, lineEnd, f.count, false, false)) {
                if (lineEnd != end) {
                    throw new ProtocolException(Violation.FIELD_NAME_INVALID);
                }
                return new FieldSection(f.names, f.values, f.count);
            }
            fieldLine(b, i, lineEnd, f, false);
            i = lineEnd;
        }
        throw new ProtocolException(Violation.FIELD_NAME_INVALID);
    }

    /** Index after the next LF from {@code i}, or {@code end} when none: the input ends the line. */
    private static int lineEnd(byte[] b, int i, int end) {
        int lf = Chars.indexOfLf(b, i, end);
        return lf < 0 ? end : lf + 1;
    }

    /**
     * {@code method SP request-target SP HTTP-version CRLF} in {@code b[start, end)}
     * (RFC 9112 §3). A complete line either parses, its parts handed to {@code into}, or
     * throws. With {@code into} null the line is partial: running out of input is not an
     * error, and only a byte no continuation could make valid throws.
     */
    void requestLine(byte[] b, int start, int end, PartialHead into) throws ProtocolException {
        boolean partial = into == null;
        int i = start;
        while (i < end && Chars.isTchar(b[i])) {
            i++;
        }
        if (i == end && partial) {
            return;
        }
        if (i == start || i >= end || b[i] != ' ') {
            throw new ProtocolException(i < end && i > start && !isLineEnd(b[i]) && b[i] != ' '
                    ? Violation.METHOD_NOT_TOKEN : Violation.REQUEST_LINE_MALFORMED);
        }
        int methodEnd = i;
        int t = ++i;
        while (i < end) {
            byte c = b[i];
            if (Chars.isTargetChar(c) && c != '%') {
                i++; // nearly every byte: one look-up (SP, CR and LF are not target characters)
                continue;
            }
            if (c == ' ' || isLineEnd(c)) {
                break;
            }
            if (partial && c == '%' && i + 2 >= end) {
                return; // the two hex digits have not arrived
            }
            checkTargetByte(b, i, end);
            i++;
        }
        if (i == end && partial) {
            return;
        }
        if (i == t || i >= end || b[i] != ' ') {
            throw new ProtocolException(Violation.REQUEST_LINE_MALFORMED);
        }
        int v = i + 1;
        if (partial && end - v < 8) {
            versionPrefix(b, v, end);
            return;
        }
        int version = version(b, v, end);
        int next = v + 8;
        if (next - start > maxRequestLine) {
            throw new ProtocolException(Violation.REQUEST_LINE_TOO_LONG);
        }
        if (partial && (next == end || next + 1 == end && b[next] == '\r')) {
            return;
        }
        expectCrlf(b, next, end, Violation.REQUEST_LINE_MALFORMED);
        if (!partial) {
            into.requestLine(Methods.of(b, start, methodEnd), t, i, version);
        }
    }

    private static void checkTargetByte(byte[] b, int i, int end) throws ProtocolException {
        byte c = b[i];
        if (Chars.isTargetChar(c)) {
            if (c == '%' && (i + 2 >= end || Chars.hexValue(b[i + 1]) < 0 || Chars.hexValue(b[i + 2]) < 0)) {
                throw new ProtocolException(Violation.TARGET_INVALID);
            }
            return;
        }
        if (c == '#') {
            throw new ProtocolException(Violation.TARGET_FRAGMENT);
        }
        if (c != '[' && c != ']') {
            throw new ProtocolException(Violation.TARGET_INVALID);
        }
        // brackets are checked by position once the form is known (IP literals, queries)
    }

    /** "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3); returns 10 or 11. */
    private static int version(byte[] b, int i, int end) throws ProtocolException {
        if (end - i < 8) {
            throw new ProtocolException(Violation.VERSION_MALFORMED);
        }
        if (Chars.word(b, i) == HTTP_11) {
            return 11; // what nearly every request says, in one compare
        }
        versionPrefix(b, i, i + 8);
        if (b[i + 5] != '1') {
            throw new ProtocolException(Violation.VERSION_UNSUPPORTED);
        }
        // a later 1.x minor is answered as 1.1, the highest we speak (RFC 9110 §6.2)
        return b[i + 7] == '0' ? 10 : 11;
    }

    /** The bytes of {@code b[i, end)} follow the shape "HTTP/" DIGIT "." DIGIT as far as they go. */
    private static void versionPrefix(byte[] b, int i, int end) throws ProtocolException {
        for (int k = 0; k < 8 && i + k < end; k++) {
            byte c = b[i + k];
            boolean ok = k == 5 || k == 7 ? isDigit(c) : c == "HTTP/0.0".charAt(k);
            if (!ok) {
                throw new ProtocolException(Violation.VERSION_MALFORMED);
            }
        }
    }

    /**
     * Checks what a line after the request line starts with. Returns true for the empty
     * line that ends the section; throws for whitespace (obs-fold, or whitespace right
     * after the start line) and for a field beyond the count limit.
     */
    boolean emptyLine(byte[] b, int start, int end, int fieldsSoFar, boolean afterStartLine, boolean partial)
            throws ProtocolException {
        if (start >= end) {
            if (partial) {
                return false;
            }
            throw new ProtocolException(Violation.REQUEST_LINE_MALFORMED);
        }
        byte c = b[start];
        if (c == '\r' || c == '\n') {
            if (partial && start + 1 == end) {
                return false;
            }
            expectCrlf(b, start, end, Violation.BARE_CR);
            return !partial;
        }
        if (c == ' ' || c == '\t') {
            throw new ProtocolException(fieldsSoFar == 0 && afterStartLine
                    ? Violation.WHITESPACE_AFTER_START_LINE : Violation.OBS_FOLD);
        }
        if (fieldsSoFar == maxFields) {
            throw new ProtocolException(Violation.TOO_MANY_FIELDS);
        }
        return false;
    }

    /**
     * {@code field-name ":" OWS field-value OWS CRLF} in {@code b[start, end)} (RFC 9112
     * §5), handed to {@code out}. In partial mode nothing is handed on and running out of
     * input is not an error.
     *
     * <p>A complete line whose name is a known one (see {@link FieldNames#known}) skips
     * the byte loop over the name, and its value is checked a word at a time up to the
     * first byte that needs a look ({@link Chars#plainEnd}); from there the byte loops
     * decide, and name the error when there is one.
     */
    static void fieldLine(byte[] b, int start, int end, FieldSink out, boolean partial) throws ProtocolException {
        int colon = partial ? -1 : Chars.indexOfColon(b, start, end);
        String known = colon < 0 ? null : FieldNames.known(b, start, colon);
        int i = start;
        if (known != null) {
            i = colon;
        } else {
            while (i < end && Chars.isTchar(b[i])) {
                i++;
            }
        }
        if (i == end && partial) {
            return;
        }
        if (i >= end || b[i] != ':' || i == start) {
            boolean space = i < end && i > start && (b[i] == ' ' || b[i] == '\t');
            throw new ProtocolException(space ? Violation.SPACE_BEFORE_COLON : Violation.FIELD_NAME_INVALID);
        }
        int nameEnd = i++;
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        int valueStart = i;
        i = valueEnd(b, valueStart, end);
        if (partial) {
            if (i + 1 < end) {
                expectCrlf(b, i, end, Violation.BARE_CR); // a CR followed by something else
            }
            return;
        }
        expectCrlf(b, i, end, Violation.BARE_CR);
        field(b, start, nameEnd, known, valueStart, i, out);
    }

    /**
     * The field line at {@code b[start]}, whose end has not been searched for, when it
     * is one that needs no byte loop: a known name or a name of token characters, a
     * colon, SP, plain text ({@link Chars#plainEnd}) and CRLF, all before {@code limit}.
     * The value's single pass finds the line's end on the way, so the line is read once.
     * Hands the field to {@code out} and returns the index after the LF; returns -1,
     * having handed on nothing, for any other line, complete or not, which the caller
     * gives to {@link #fieldLine} once it has found its end. Every line taken here is one
     * that {@link #fieldLine} accepts with the same name and value, so it throws only
     * what {@code out} throws. A head that already holds {@code fieldsSoFar == maxFields}
     * fields gets -1 too: its next line is refused, or ends the head, by the long way.
     */
    int plainFieldLine(byte[] b, int start, int limit, int fieldsSoFar, FieldSink out) throws ProtocolException {
        if (fieldsSoFar == maxFields || start >= limit || !Chars.isTchar(b[start])) {
            return -1; // the empty line among others, whose colon search could reach far
        }
        int colon = Chars.indexOfColon(b, start, limit);
        if (colon <= start) {
            return -1;
        }
        String known = FieldNames.known(b, start, colon);
        if (known == null) {
            for (int i = start; i < colon; i++) {
                if (!Chars.isTchar(b[i])) {
                    return -1;
                }
            }
        }
        int valueStart = colon + 1;
        while (valueStart < limit && b[valueStart] == ' ') {
            valueStart++;
        }
        int cr = Chars.plainEnd(b, valueStart, limit);
        if (cr + 1 >= limit || b[cr] != '\r' || b[cr + 1] != '\n') {
            return -1; // HTAB, a byte to refuse, a bare CR or LF, or the input ends first
        }
        field(b, start, colon, known, valueStart, cr, out);
        return cr + 2;
    }

    /** Hands on a checked field line: its name, and its value without the OWS before {@code valueEnd}. */
    private static void field(byte[] b, int start, int nameEnd, String known, int valueStart, int valueEnd,
            FieldSink out) throws ProtocolException {
        while (valueEnd > valueStart && (b[valueEnd - 1] == ' ' || b[valueEnd - 1] == '\t')) {
            valueEnd--; // trailing OWS is not part of the value
        }
        String name = known != null ? known : new String(b, start, nameEnd - start, ISO_8859_1);
        out.field(name, b, valueStart, valueEnd);
    }

    /** Where the value from {@code i} stops (at a CR, an LF or the end), each byte checked. */
    private static int valueEnd(byte[] b, int i, int end) throws ProtocolException {
        i = Chars.plainEnd(b, i, end);
        while (i < end && b[i] != '\r' && b[i] != '\n') {
            if (!Chars.isFieldVchar(b[i])) {
                throw new ProtocolException(Violation.FIELD_VALUE_INVALID);
            }
            i++;
        }
        return i;
    }

    /** CRLF at {@code i}: anything else there is a bare CR, a bare LF or {@code otherwise}. */
    private static void expectCrlf(byte[] b, int i, int end, Violation otherwise) throws ProtocolException {
        if (i + 1 < end && b[i] == '\r' && b[i + 1] == '\n') {
            return;
        }
        if (i < end && b[i] == '\n') {
            throw new ProtocolException(Violation.BARE_LF);
        }
        if (i < end && b[i] == '\r') {
            throw new ProtocolException(Violation.BARE_CR);
        }
        throw new ProtocolException(otherwise);
    }

    private static boolean isLineEnd(byte c) {
        return c == '\r' || c == '\n';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Where a checked field line goes: its name, and where its value lies in {@code b}. */
    interface FieldSink {
        void field(String name, byte[] b, int valueStart, int valueEnd) throws ProtocolException;
    }

    /** Trailer fields, collected as Strings in two growing arrays and handed on as is. */
    static final class Fields implements FieldSink {
        String[] names = new String[4];
        String[] values = new String[4];
        int count;

        @Override
        public void field(String name, byte[] b, int valueStart, int valueEnd) {
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            names[count] = name;
            values[count] = new String(b, valueStart, valueEnd - valueStart, ISO_8859_1);
            count++;
        }
    }
}
