package org.genro.http.wire;

/**
 * Parses a chunk header line: {@code chunk-size *( BWS ";" BWS ext-name [ BWS "=" BWS
 * ext-val ] ) CRLF} (RFC 9112 §7.1, §7.1.1). Extensions are checked and dropped: no
 * extension is defined that a server must act on.
 */
public final class ChunkLine {
    /** 15 hex digits keep the size under 2^60: far past any body limit, never overflows. */
    private static final int MAX_SIZE_DIGITS = 15;

    private ChunkLine() {
    }

    /** The chunk size in {@code b[start, end)}, where {@code end} is just past the LF. */
    public static long size(byte[] b, int start, int end) throws ProtocolException {
        int i = start;
        long size = 0;
        int significant = 0;
        while (i < end && Chars.hexValue(b[i]) >= 0) {
            size = size << 4 | Chars.hexValue(b[i]);
            if (size != 0 && ++significant > MAX_SIZE_DIGITS) {
                throw new ProtocolException(Violation.CHUNK_SIZE_OVERFLOW);
            }
            i++;
        }
        if (i == start) {
            throw new ProtocolException(Violation.CHUNK_SIZE_INVALID);
        }
        i = extensions(b, i, end);
        if (i == end - 2 && b[i] == '\r') {
            return size;
        }
        throw new ProtocolException(b[end - 2] != '\r' ? Violation.BARE_LF : Violation.CHUNK_SIZE_INVALID);
    }

    private static int extensions(byte[] b, int i, int end) throws ProtocolException {
        while (true) {
            int j = skipWhitespace(b, i, end);
            if (j >= end || b[j] != ';') {
                if (j != i && j < end && b[j] == '\r') {
                    throw new ProtocolException(Violation.CHUNK_EXTENSION_INVALID); // whitespace then CRLF
                }
                if (j != i) {
                    throw new ProtocolException(Violation.CHUNK_SIZE_INVALID);
                }
                return i;
            }
            i = skipWhitespace(b, j + 1, end);
            int name = i;
            while (i < end && Chars.isTchar(b[i])) {
                i++;
            }
            if (i == name) {
                throw new ProtocolException(Violation.CHUNK_EXTENSION_INVALID);
            }
            int k = skipWhitespace(b, i, end);
            if (k < end && b[k] == '=') {
                i = value(b, skipWhitespace(b, k + 1, end), end);
            }
        }
    }

    /** token / quoted-string (RFC 9110 §5.6.4). */
    private static int value(byte[] b, int i, int end) throws ProtocolException {
        if (i < end && b[i] == '"') {
            i++;
            while (i < end && b[i] != '"') {
                byte c = b[i];
                if (c == '\\') {
                    i++;
                    if (i >= end || !Chars.isFieldVchar(b[i])) {
                        throw new ProtocolException(Violation.CHUNK_EXTENSION_INVALID);
                    }
                } else if (!Chars.isFieldVchar(c)) {
                    throw new ProtocolException(Violation.CHUNK_EXTENSION_INVALID);
                }
                i++;
            }
            if (i >= end) {
                throw new ProtocolException(Violation.CHUNK_EXTENSION_INVALID);
            }
            return i + 1;
        }
        int start = i;
        while (i < end && Chars.isTchar(b[i])) {
            i++;
        }
        if (i == start) {
            throw new ProtocolException(Violation.CHUNK_EXTENSION_INVALID);
        }
        return i;
    }

    private static int skipWhitespace(byte[] b, int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i;
    }
}
