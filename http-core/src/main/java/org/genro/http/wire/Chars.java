package org.genro.http.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Character classes of RFC 9110 and RFC 3986 as lookup tables over bytes 0-255.
 * One array read per byte keeps the parser's inner loops branch-light.
 *
 * <p>The scans that cover most of a head's bytes, the search for a line's end (and for
 * a field line's colon) and the check of a field value, also look at eight bytes at
 * once: a word is tested for the bytes that need attention with a few arithmetic
 * operations, and only a word that has one is looked at byte by byte, by the same rules
 * as before.
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
        return indexOf(b, from, to, (byte) '\n');
    }

    /** The index of the first ':' in {@code b[from, to)}, or -1. */
    static int indexOfColon(byte[] b, int from, int to) {
        return indexOf(b, from, to, (byte) ':');
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        long pattern = (c & 0xffL) * ONES;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long marks = zeroBytes((long) WORDS.get(b, i) ^ pattern);
            if (marks != 0) {
                return i + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The eight bytes at {@code b[i]} as one long, {@code b[i]} in the lowest byte. */
    static long word(byte[] b, int i) {
        return (long) WORDS.get(b, i);
    }

    /**
     * The index of the first byte of {@code b[from, to)} that is not plain field-value
     * text (SP up to '~', or obs-text 0x80-0xFF): a control byte (HTAB, CR and LF among
     * them) or DEL; {@code to} when there is none. A field value is plain up to its CR
     * nearly always, so this one pass both checks the value and finds where its line ends.
     */
    static int plainEnd(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long stops = ~plainBits(word(b, i)) & HIGHS;
            if (stops != 0) {
                return i + (Long.numberOfTrailingZeros(stops) >>> 3);
            }
        }
        if (i == to) {
            return to;
        }
        if (to >= 8) {
            // the last few bytes as the word that ends at to, which reaches back over bytes
            // already found plain (or before from, which may be anything): those are masked
            int at = to - 8;
            long stops = ~plainBits(word(b, at)) & HIGHS & (-1L << ((i - at) << 3));
            return stops == 0 ? to : at + (Long.numberOfTrailingZeros(stops) >>> 3);
        }
        while (i < to && plainByte(b[i])) {
            i++;
        }
        return i;
    }

    private static boolean plainByte(byte c) {
        return c >= 0x20 && c != 0x7f || c < 0; // a negative byte is obs-text
    }

    /**
     * A word whose byte has its high bit set where the byte of {@code w} is plain text
     * (SP to '~', or 0x80 and above); the low bits mean nothing. Each byte is worked out
     * on its own, no carry crossing into the next, so the answer is exact for every byte.
     */
    private static long plainBits(long w) {
        long low = w & 0x7F7F7F7F7F7F7F7FL;
        // low + 1 turns DEL into 0x80, which the mask drops to 0; then + 0x5F carries into
        // the high bit exactly the bytes that were SP to '~' (0x21 to 0x7F after the + 1)
        long shifted = ((low + ONES) & 0x7F7F7F7F7F7F7F7FL) + 0x5F5F5F5F5F5F5F5FL;
        return shifted | w; // obs-text keeps its own high bit
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
