package org.genro.http.wire;

/**
 * Character classes of RFC 9110 and RFC 3986 as lookup tables over bytes 0-255.
 * One array read per byte keeps the parser's inner loops branch-light.
 */
public final class Chars {
    private static final byte TCHAR = 1;          // RFC 9110 §5.6.2 token character
    private static final byte FIELD_VCHAR = 2;    // VCHAR / obs-text / SP / HTAB in field values
    private static final byte TARGET = 4;         // allowed in a request-target (RFC 3986 + '%')
    private static final byte HEX = 8;
    private static final byte REG_NAME = 16;      // unreserved and sub-delims (RFC 3986 §3.2.2)

    private static final byte[] CLASS = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            byte k = 0;
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0) {
                k |= TCHAR;
            }
            if (c == '\t' || c >= 0x20 && c != 0x7f) {
                k |= FIELD_VCHAR;
            }
            // unreserved, sub-delims, ':' '@' '/' '?' and '%' for pct-encoded (RFC 3986 §3.3, §3.4)
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || "-._~!$&'()*+,;=:@/?%".indexOf(c) >= 0) {
                k |= TARGET;
            }
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
                k |= HEX;
            }
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || "-._~!$&'()*+,;=".indexOf(c) >= 0) {
                k |= REG_NAME;
            }
            CLASS[c] = k;
        }
    }

    private Chars() {
    }

    /** A token character (RFC 9110 §5.6.2). */
    public static boolean isTchar(int c) {
        return (CLASS[c & 0xff] & TCHAR) != 0 && c < 128;
    }

    /** Whether {@code s} is a token: one or more token characters. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isFieldVchar(byte b) {
        return (CLASS[b & 0xff] & FIELD_VCHAR) != 0;
    }

    static boolean isTargetChar(byte b) {
        return (CLASS[b & 0xff] & TARGET) != 0;
    }

    /** An unreserved or sub-delims character: a reg-name is made of these and pct-encodings. */
    static boolean isRegNameChar(int c) {
        return (CLASS[c & 0xff] & REG_NAME) != 0;
    }

    /** The value of a hexadecimal digit, or -1. */
    static int hexValue(int c) {
        if ((CLASS[c & 0xff] & HEX) == 0) {
            return -1;
        }
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
