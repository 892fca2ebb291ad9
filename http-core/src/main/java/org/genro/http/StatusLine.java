package org.genro.http;

import java.nio.charset.StandardCharsets;

/**
 * Pre-encoded {@code HTTP/1.1 NNN Reason\r\n} lines for every status code, built once.
 * We always answer as HTTP/1.1, the highest version we speak (RFC 9110 §6.2), also to
 * HTTP/1.0 clients.
 */
final class StatusLine {
    private static final byte[][] LINES = new byte[600][];

    static {
        for (int code = 100; code < 600; code++) {
            String reason = Status.reason(code);
            LINES[code] = ("HTTP/1.1 " + code + " " + reason + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private StatusLine() {
    }

    static byte[] of(int code) {
        return LINES[code];
    }
}
