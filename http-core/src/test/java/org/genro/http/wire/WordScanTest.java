package org.genro.http.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The eight-bytes-at-a-time scans must find exactly what a byte-by-byte loop finds:
 * every byte value, at every position of a word, next to every kind of neighbour
 * (a false mark can only come from a borrow, which these neighbours provoke).
 */
class WordScanTest {
    private static final byte[] NEIGHBOURS = {'a', ' ', 0x00, 0x01, 0x0A, 0x20, 0x7F, (byte) 0x80, (byte) 0xFF};

    private static int slowIndexOfLf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** A byte that the value check must stop for: controls (HTAB, CR, LF included) and DEL. */
    private static boolean stops(byte c) {
        int v = c & 0xff;
        return v < 0x20 || v == 0x7f;
    }

    @Test
    void lineEndSearchFindsTheFirstLfWhereverItIs() {
        for (byte fill : NEIGHBOURS) {
            if (fill == '\n') {
                continue;
            }
            for (int length = 0; length <= 24; length++) {
                for (int at = -1; at < length; at++) {
                    byte[] b = new byte[length];
                    Arrays.fill(b, fill);
                    if (at >= 0) {
                        b[at] = '\n';
                    }
                    for (int from = 0; from <= Math.min(length, 9); from++) {
                        assertEquals(slowIndexOfLf(b, from, length), Chars.indexOfLf(b, from, length),
                                "fill " + fill + ", length " + length + ", LF at " + at + ", from " + from);
                    }
                }
            }
        }
        byte[] two = "ab\ncd\nef".getBytes(ISO_8859_1);
        assertEquals(2, Chars.indexOfLf(two, 0, two.length), "the first of two");
        assertEquals(5, Chars.indexOfLf(two, 3, two.length));
        assertEquals(-1, Chars.indexOfLf(two, 0, 2), "never beyond the end given");
    }

    @Test
    void colonSearchFindsTheFirstColonWhereverItIs() {
        for (byte fill : NEIGHBOURS) {
            for (int length = 0; length <= 24; length++) {
                for (int at = -1; at < length; at++) {
                    byte[] b = new byte[length];
                    Arrays.fill(b, fill);
                    if (at >= 0) {
                        b[at] = ':';
                    }
                    for (int from = 0; from <= Math.min(length, 9); from++) {
                        int slow = -1;
                        for (int i = from; i < length && slow < 0; i++) {
                            slow = b[i] == ':' ? i : -1;
                        }
                        assertEquals(slow, Chars.indexOfColon(b, from, length),
                                "fill " + fill + ", length " + length + ", ':' at " + at + ", from " + from);
                    }
                }
            }
        }
    }

    /**
     * The value scan stops at exactly the byte the byte loop stops at, or at the end given,
     * whatever lies before the range (its last word may reach back there) or after it,
     * at every start and end, in arrays too short for a word.
     */
    @Test
    void plainEndFindsTheFirstByteThatNeedsAStopWhereverItIs() {
        for (int v = 0; v < 256; v++) {
            for (byte neighbour : NEIGHBOURS) {
                for (int length = 0; length <= 20; length++) {
                    for (int at = -1; at < length; at++) {
                        byte[] b = new byte[length];
                        Arrays.fill(b, neighbour);
                        if (at >= 0) {
                            b[at] = (byte) v;
                        }
                        for (int from = 0; from <= length; from++) {
                            for (int to = from; to <= length; to++) {
                                int slow = from;
                                while (slow < to && !stops(b[slow])) {
                                    slow++;
                                }
                                int got = Chars.plainEnd(b, from, to);
                                if (got != slow) { // the message only when it fails: this runs 70 million times
                                    fail("byte " + v + " at " + at + " among " + neighbour + ", range [" + from
                                            + ", " + to + ") of " + length + ": " + got + " instead of " + slow);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A control byte or DEL deep inside a long value (past the first words, which the
     * word scan skips) is still refused, at every offset; obs-text and HTAB are not.
     */
    @Test
    void aForbiddenByteAnywhereInALongValueIsStillRefused() throws ProtocolException {
        HeadParser parser = new HeadParser(8192, 100);
        String plain = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";
        for (int at = 0; at < plain.length(); at++) {
            for (char bad : new char[] {0x00, 0x01, 0x0B, 0x1F, 0x7F, '\r'}) {
                String value = plain.substring(0, at) + bad + plain.substring(at + 1);
                byte[] head = ("GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + value + "\r\n\r\n").getBytes(ISO_8859_1);
                ProtocolException e = assertThrows(ProtocolException.class, () -> parser.parse(head, 0, head.length),
                        "byte " + (int) bad + " at " + at);
                assertTrue(e.violation() == Violation.FIELD_VALUE_INVALID || e.violation() == Violation.BARE_CR,
                        "byte " + (int) bad + " at " + at + ": " + e.violation());
            }
            for (char fine : new char[] {'\t', 0x80, 0xFF, ' '}) {
                String value = plain.substring(0, at) + fine + plain.substring(at + 1);
                byte[] head = ("GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + value + "\r\n\r\n").getBytes(ISO_8859_1);
                String trimmed = value.replaceAll("^[ \t]+|[ \t]+$", ""); // OWS around a value is not part of it
                assertEquals(trimmed, parser.parse(head, 0, head.length).value(1), "byte " + (int) fine + " at " + at);
            }
        }
    }

    @Test
    void trailingWhitespaceIsTrimmedHoweverLongTheValue() throws ProtocolException {
        HeadParser parser = new HeadParser(8192, 100);
        for (int n = 0; n < 30; n++) {
            String value = "v".repeat(n);
            byte[] head = ("GET / HTTP/1.1\r\nHost: x\r\nX-V: \t " + value + " \t \t\r\n\r\n").getBytes(ISO_8859_1);
            assertEquals(value, parser.parse(head, 0, head.length).value(1), "length " + n);
        }
    }
}
