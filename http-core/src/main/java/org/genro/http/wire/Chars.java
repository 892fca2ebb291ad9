package org.genro.http.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Character classes of RFC 9110 and RFC 3986 as lookup tables over bytes 0-255.
 * One array read per byte keeps the parser's inner loops branch-light.
 *
 * <p>The two scans that cover most of a head's bytes, the search for a line's end and
 * the check of a field value, also look at eight bytes at once: a word is tested for
 * the bytes that need attention with a few arithmetic operations, and only a word that
 * has one is looked at byte by byte, by the same rules as before.
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

    /** Eight bytes of an array as one long, lowest address in the lowest byte. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * A word with its high bit set in each byte that is zero. Borrowing can also mark a
     * byte above a zero byte, never one below it, so the lowest mark is exact and "none"
     * is exact.
     */
    private static long zeroBytes(long w) {
        return (w - ONES) & ~w & HIGHS;
    }

    /** The index of the first LF in {@code b[from, to)}, or -1. */
    public static int indexOfLf(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long marks = zeroBytes((long) WORDS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL);
            if (marks != 0) {
                return i + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Skips whole words of {@code b[from, to)} in which every byte is plain field-value
     * text: SP up to '~', or obs-text (0x80-0xFF). Stops at the first word holding a
     * control byte (HTAB, CR and LF among them) or DEL, or at the last whole word;
     * returns where it stopped, from where the caller goes on byte by byte.
     */
    static int skipPlainValue(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) WORDS.get(b, i);
            // bytes below 0x20 (a byte of 0x80 or more never counts: ~w clears its high bit)
            long controls = (w - 0x2020202020202020L) & ~w & HIGHS;
            if ((controls | zeroBytes(w ^ 0x7F7F7F7F7F7F7F7FL)) != 0) {
                break;
            }
        }
        return i;
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
