package org.genro.http.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.Arrays;

/**
 * Parses a complete request head (RFC 9112 §2-§6) in one pass. The caller has already
 * found the end of the head; this class only reads {@code b[start, end)}, allocates
 * one String per token, and either returns a {@link RequestHead} or throws a
 * {@link ProtocolException} naming the rule that was broken.
 *
 * <p>There is one strict mode: bare CR or LF, obs-fold, whitespace before a colon,
 * control characters in values, ambiguous body framing and a missing or repeated Host
 * are all rejected. Instances are immutable and shared by every connection.
 */
public final class HeadParser {
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

    /**
     * Parses the head in {@code b[start, end)}, which must end with the empty line.
     *
     * @throws ProtocolException when the head breaks a rule of RFC 9110/9112
     */
    public RequestHead parse(byte[] b, int start, int end) throws ProtocolException {
        RequestLine line = requestLine(b, start, end);
        Fields fields = new Fields();
        int i = fields(b, line.next, end, fields, true);
        if (i != end) {
            throw new ProtocolException(Violation.REQUEST_LINE_MALFORMED);
        }
        return frame(line, fields);
    }

    /**
     * Checks the start of a head that has not fully arrived: the request line if it is
     * complete (else what there is of it), then every complete field line. Lets the
     * connection refuse garbage at once instead of waiting for a head that will never
     * be valid. Rules that need the whole head (Host, framing) wait for {@link #parse}.
     */
    public void checkPrefix(byte[] b, int start, int end) throws ProtocolException {
        int lf = indexOf(b, start, end, (byte) '\n');
        if (lf < 0) {
            requestLinePrefix(b, start, end);
            return;
        }
        RequestLine line = requestLine(b, start, lf + 1);
        Fields f = new Fields();
        Framing framing = new Framing(line.version);
        int i = line.next;
        while (true) {
            int next = indexOf(b, i, end, (byte) '\n');
            int lineEnd = next < 0 ? end : next + 1;
            if (i < end && (b[i] == ' ' || b[i] == '\t')) {
                throw new ProtocolException(f.count == 0 ? Violation.WHITESPACE_AFTER_START_LINE : Violation.OBS_FOLD);
            }
            if (i + 1 < lineEnd && b[i] == '\r' && b[i + 1] != '\n') {
                throw new ProtocolException(Violation.BARE_CR);
            }
            if (next < 0 || next <= i + 1) {
                return; // an unfinished line, or the empty line: parse() takes over
            }
            i = fieldLine(b, i, lineEnd, f);
            framing.accept(f.names[f.count - 1], f.values[f.count - 1]);
        }
    }

    /** An unfinished request line: what has arrived must fit {@code method SP target SP HTTP/d.d}. */
    private static void requestLinePrefix(byte[] b, int start, int end) throws ProtocolException {
        int i = start;
        while (i < end && Chars.isTchar(b[i])) {
            i++;
        }
        if (i == end) {
            return;
        }
        if (b[i] != ' ' || i == start) {
            throw new ProtocolException(b[i] == '\r' || b[i] == ' ' ? Violation.REQUEST_LINE_MALFORMED : Violation.METHOD_NOT_TOKEN);
        }
        int t = ++i;
        while (i < end && b[i] != ' ' && !isLineEnd(b[i])) {
            if (i + 2 < end || b[i] != '%') {
                checkTargetByte(b, i, end);
            }
            i++;
        }
        if (i == end) {
            return;
        }
        if (b[i] != ' ' || i == t) {
            throw new ProtocolException(Violation.REQUEST_LINE_MALFORMED);
        }
        byte[] pattern = {'H', 'T', 'T', 'P', '/', 0, '.', 0};
        int v = i + 1;
        for (int k = 0; k < pattern.length && v + k < end; k++) {
            boolean ok = pattern[k] == 0 ? isDigit(b[v + k]) : b[v + k] == pattern[k];
            if (!ok) {
                throw new ProtocolException(Violation.VERSION_MALFORMED);
            }
        }
        if (end - v >= 8) {
            version(b, v, end);
        }
        if (end - v >= 9 && b[v + 8] != '\r') {
            throw new ProtocolException(Violation.REQUEST_LINE_MALFORMED);
        }
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Header fields parsed from a trailer section. */
    public record FieldSection(String[] names, String[] values, int count) {
    }

    /**
     * Parses a chunked body's trailer section {@code b[start, end)}, which ends with the
     * empty line (RFC 9112 §7.1.2), with the same rules as header fields.
     */
    public FieldSection trailers(byte[] b, int start, int end) throws ProtocolException {
        Fields f = new Fields();
        if (fields(b, start, end, f, false) != end) {
            throw new ProtocolException(Violation.FIELD_NAME_INVALID);
        }
        return new FieldSection(f.names, f.values, f.count);
    }

    /** What the request line gave, and where the field lines begin. */
    private record RequestLine(String method, String target, int version, int next) {
    }

    private RequestLine requestLine(byte[] b, int start, int end) throws ProtocolException {
        int i = start;
        while (i < end && Chars.isTchar(b[i])) {
            i++;
        }
        if (i == start || i >= end || b[i] != ' ') {
            throw new ProtocolException(i < end && i > start && !isLineEnd(b[i]) && b[i] != ' '
                    ? Violation.METHOD_NOT_TOKEN : Violation.REQUEST_LINE_MALFORMED);
        }
        String method = Methods.of(b, start, i);
        int t = ++i;
        while (i < end && b[i] != ' ' && !isLineEnd(b[i])) {
            checkTargetByte(b, i, end);
            i++;
        }
        if (i == t || i >= end || b[i] != ' ') {
            throw new ProtocolException(Violation.REQUEST_LINE_MALFORMED);
        }
        String target = new String(b, t, i - t, ISO_8859_1);
        int version = version(b, i + 1, end);
        int next = i + 1 + 8;
        if (next - start > maxRequestLine) {
            throw new ProtocolException(Violation.REQUEST_LINE_TOO_LONG);
        }
        expectCrlf(b, next, end, Violation.REQUEST_LINE_MALFORMED);
        return new RequestLine(method, target, version, next + 2);
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
        if (end - i < 8 || b[i] != 'H' || b[i + 1] != 'T' || b[i + 2] != 'T' || b[i + 3] != 'P'
                || b[i + 4] != '/' || !isDigit(b[i + 5]) || b[i + 6] != '.' || !isDigit(b[i + 7])) {
            throw new ProtocolException(Violation.VERSION_MALFORMED);
        }
        if (b[i + 5] != '1') {
            throw new ProtocolException(Violation.VERSION_UNSUPPORTED);
        }
        // a later 1.x minor is answered as 1.1, the highest we speak (RFC 9110 §6.2)
        return b[i + 7] == '0' ? 10 : 11;
    }

    /** The field lines and the empty line closing them; returns the index after it. */
    int fields(byte[] b, int i, int end, Fields out, boolean afterStartLine) throws ProtocolException {
        while (true) {
            if (i >= end) {
                throw new ProtocolException(Violation.REQUEST_LINE_MALFORMED);
            }
            byte c = b[i];
            if (c == '\r' || c == '\n') {
                expectCrlf(b, i, end, Violation.BARE_CR);
                return i + 2;
            }
            if (c == ' ' || c == '\t') {
                throw new ProtocolException(out.count == 0 && afterStartLine
                        ? Violation.WHITESPACE_AFTER_START_LINE : Violation.OBS_FOLD);
            }
            if (out.count == maxFields) {
                throw new ProtocolException(Violation.TOO_MANY_FIELDS);
            }
            i = fieldLine(b, i, end, out);
        }
    }

    private static int fieldLine(byte[] b, int i, int end, Fields out) throws ProtocolException {
        int nameStart = i;
        while (i < end && Chars.isTchar(b[i])) {
            i++;
        }
        if (i >= end || b[i] != ':' || i == nameStart) {
            boolean space = i < end && i > nameStart && (b[i] == ' ' || b[i] == '\t');
            throw new ProtocolException(space ? Violation.SPACE_BEFORE_COLON : Violation.FIELD_NAME_INVALID);
        }
        String name = FieldNames.of(b, nameStart, i);
        i++;
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        int valueStart = i;
        int valueEnd = i;
        while (i < end && b[i] != '\r' && b[i] != '\n') {
            byte v = b[i];
            if (!Chars.isFieldVchar(v)) {
                throw new ProtocolException(Violation.FIELD_VALUE_INVALID);
            }
            if (v != ' ' && v != '\t') {
                valueEnd = i + 1;
            }
            i++;
        }
        expectCrlf(b, i, end, Violation.BARE_CR);
        out.add(name, new String(b, valueStart, valueEnd - valueStart, ISO_8859_1));
        return i + 2;
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

    private RequestHead frame(RequestLine line, Fields f) throws ProtocolException {
        Framing fr = new Framing(line.version);
        for (int k = 0; k < f.count; k++) {
            fr.accept(f.names[k], f.values[k]);
        }
        fr.check(line.method);
        Target t = Target.of(line.method, line.target);
        String authority = t.authority() != null ? t.authority() : fr.host == null ? "" : fr.host;
        return new RequestHead(line.method, line.target, line.version, t.form(), t.path(), t.query(),
                authority, f.names, f.values, f.count, fr.contentLength, fr.chunked,
                fr.keepAlive(), fr.expectContinue, fr.connectionUpgrade ? fr.upgrade : null);
    }

    private static boolean isLineEnd(byte c) {
        return c == '\r' || c == '\n';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Field lines collected in two growing arrays, later handed to the request as is. */
    static final class Fields {
        String[] names = new String[16];
        String[] values = new String[16];
        int count;

        void add(String name, String value) {
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            names[count] = name;
            values[count] = value;
            count++;
        }
    }
}
