package org.genro.http.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

/**
 * Reads the fields that decide how a message is framed and whether the connection
 * stays open (RFC 9112 §6, §9), and refuses every ambiguous combination. Smuggling
 * attacks live in the gap between two parsers' readings of these fields, so any doubt
 * is a 400 and the connection closes.
 */
final class Framing {
    private static final long MAX_CONTENT_LENGTH = 999_999_999_999_999_999L; // 18 digits
    private static final byte[] CONTINUE_100 = "100-continue".getBytes(ISO_8859_1);
    private static final byte[] KEEP_ALIVE = "keep-alive".getBytes(ISO_8859_1);
    private static final byte[] CLOSE = "close".getBytes(ISO_8859_1);

    private int version;
    String host;
    /**
     * The last Host value that passed {@link #check} while this framing's connection was
     * busy: a client names the same host in each of the requests it pipelines, and the
     * same bytes then give the same String, checked once.
     */
    private String lastHost;
    private int hostCount;
    long contentLength;
    private boolean sawTransferEncoding;
    boolean chunked;
    private boolean chunkedLast;
    private boolean otherCoding;
    private boolean close;
    private boolean keepAliveToken;
    boolean connectionUpgrade;
    String upgrade;
    boolean expectContinue;
    private boolean expectOther;

    /** Starts over for a new head of {@code version}; a busy connection keeps one and reuses it. */
    void reset(int version) {
        this.version = version;
        host = null;
        hostCount = 0;
        contentLength = -1;
        sawTransferEncoding = false;
        chunked = false;
        chunkedLast = false;
        otherCoding = false;
        close = false;
        keepAliveToken = false;
        connectionUpgrade = false;
        upgrade = null;
        expectContinue = false;
        expectOther = false;
    }

    /**
     * Takes one field whose value is {@code b[from, to)}. Only the fields that frame the
     * message are looked at, and only those whose value is needed as text become a String.
     */
    void accept(String name, byte[] b, int from, int to) throws ProtocolException {
        if (name == FieldNames.HOST) {
            host = isLastHost(b, from, to) ? lastHost : new String(b, from, to - from, ISO_8859_1);
            hostCount++;
        } else if (name == FieldNames.CONTENT_LENGTH) {
            if (contentLength >= 0) {
                throw new ProtocolException(Violation.CONTENT_LENGTH_DUPLICATED);
            }
            contentLength = parseLength(b, from, to);
        } else if (name == FieldNames.TRANSFER_ENCODING) {
            sawTransferEncoding = true;
            codings(new String(b, from, to - from, ISO_8859_1));
        } else if (name == FieldNames.CONNECTION) {
            connection(b, from, to);
        } else if (name == FieldNames.UPGRADE) {
            upgrade = new String(b, from, to - from, ISO_8859_1);
        } else if (name == FieldNames.EXPECT) {
            if (is(b, from, to, CONTINUE_100)) {
                expectContinue = version == 11; // HTTP/1.0 clients never wait (RFC 9110 §10.1.1)
            } else {
                expectOther = true;
            }
        }
    }

    /** Whether {@code b[from, to)} is, byte for byte, the last Host value that passed the checks. */
    private boolean isLastHost(byte[] b, int from, int to) {
        String last = lastHost;
        if (last == null || last.length() != to - from) {
            return false;
        }
        for (int i = 0; i < last.length(); i++) {
            if (last.charAt(i) != (b[from + i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** The checks that need every field: Host rules, then body framing. */
    void check(String method) throws ProtocolException {
        if (hostCount > 1) {
            throw new ProtocolException(Violation.HOST_DUPLICATED);
        }
        if (hostCount == 0 && version == 11) {
            throw new ProtocolException(Violation.HOST_MISSING);
        }
        if (host != null && host != lastHost) {
            if (!host.isEmpty() && !Authority.valid(host, false)) {
                throw new ProtocolException(Violation.HOST_INVALID);
            }
            lastHost = host;
        }
        if (sawTransferEncoding) {
            if (contentLength >= 0) {
                throw new ProtocolException(Violation.CONTENT_LENGTH_WITH_TRANSFER_ENCODING);
            }
            if (version == 10) {
                throw new ProtocolException(Violation.TRANSFER_ENCODING_IN_HTTP10);
            }
            if (!chunkedLast) {
                throw new ProtocolException(Violation.TRANSFER_ENCODING_NOT_CHUNKED);
            }
            if (otherCoding) {
                throw new ProtocolException(Violation.TRANSFER_CODING_UNSUPPORTED);
            }
        }
        if (method == Methods.CONNECT && (sawTransferEncoding || contentLength >= 0)) {
            throw new ProtocolException(Violation.CONNECT_WITH_BODY);
        }
        if (expectOther) {
            throw new ProtocolException(Violation.EXPECTATION_UNSUPPORTED);
        }
    }

    /** HTTP/1.1 stays open unless told to close; HTTP/1.0 only when asked (RFC 9112 §9.3). */
    boolean keepAlive() {
        return !close && (version == 11 || keepAliveToken);
    }

    /** Content-Length = 1*DIGIT, one value only (RFC 9112 §6.3 item 5). */
    private static long parseLength(byte[] b, int from, int to) throws ProtocolException {
        int n = to - from;
        if (n == 0 || n > 18) {
            throw new ProtocolException(Violation.CONTENT_LENGTH_INVALID);
        }
        long len = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                throw new ProtocolException(Violation.CONTENT_LENGTH_INVALID);
            }
            len = len * 10 + (c - '0');
        }
        assert len <= MAX_CONTENT_LENGTH;
        return len;
    }

    /**
     * transfer-coding list (RFC 9112 §6.1, §7): chunked must come last and once; any
     * other coding is valid syntax we do not implement (501).
     */
    private void codings(String value) throws ProtocolException {
        int i = 0;
        int n = value.length();
        while (i <= n) {
            int comma = value.indexOf(',', i);
            int end = comma < 0 ? n : comma;
            String element = value.substring(i, end).strip();
            if (!element.isEmpty()) {
                coding(element);
            }
            i = end + 1;
        }
    }

    private void coding(String element) throws ProtocolException {
        int semi = element.indexOf(';');
        String name = (semi < 0 ? element : element.substring(0, semi)).strip();
        if (!Chars.isToken(name)) {
            throw new ProtocolException(Violation.TRANSFER_ENCODING_INVALID);
        }
        if (name.equalsIgnoreCase("chunked")) {
            if (chunked) {
                throw new ProtocolException(Violation.TRANSFER_ENCODING_CHUNKED_TWICE);
            }
            if (semi >= 0) {
                throw new ProtocolException(Violation.TRANSFER_ENCODING_INVALID);
            }
            chunked = true;
            chunkedLast = true;
        } else {
            otherCoding = true;
            chunkedLast = false;
        }
    }

    private void connection(byte[] b, int from, int to) {
        // browsers and most clients send one token: read it from the bytes, no String
        if (is(b, from, to, KEEP_ALIVE)) {
            keepAliveToken = true;
            return;
        }
        if (is(b, from, to, CLOSE)) {
            close = true;
            return;
        }
        String value = new String(b, from, to - from, ISO_8859_1);
        int i = 0;
        int n = value.length();
        while (i <= n) {
            int comma = value.indexOf(',', i);
            int end = comma < 0 ? n : comma;
            String token = value.substring(i, end).strip();
            if (token.equalsIgnoreCase("close")) {
                close = true;
            } else if (token.equalsIgnoreCase("keep-alive")) {
                keepAliveToken = true;
            } else if (token.equalsIgnoreCase("upgrade")) {
                connectionUpgrade = true;
            }
            i = end + 1;
        }
    }

    /** Whether {@code b[from, to)} is {@code lower} (lower-case ASCII) in any case. */
    private static boolean is(byte[] b, int from, int to, byte[] lower) {
        return to - from == lower.length && FieldNames.equalsLower(b, from, lower);
    }
}
