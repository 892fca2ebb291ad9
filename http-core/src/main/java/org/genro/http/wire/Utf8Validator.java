package org.genro.http.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks UTF-8 (RFC 3629) piece by piece, as the bytes of a text message arrive. A
 * character split across two pieces is fine; a byte that no continuation could make
 * valid fails at once, so a bad text message is refused at its first wrong byte rather
 * than when it ends (RFC 6455 §8.1 asks for the failure as soon as it is known).
 *
 * <p>Well-formed means the byte sequences of Unicode's table of well-formed UTF-8: no
 * overlong forms, no encoded surrogates (U+D800-U+DFFF), nothing above U+10FFFF. The
 * check is a state machine with nine states over twelve classes of bytes; runs of ASCII
 * between characters are skipped eight bytes at a time.
 *
 * <p>One instance per connection, reset per message; not thread-safe.
 */
public final class Utf8Validator {
    // States: what the next byte must be.
    private static final int ACCEPT = 0;        // between characters
    private static final int REJECT = 1;        // broken; stays broken
    private static final int TAIL1 = 2;         // one more 80..BF
    private static final int TAIL2 = 3;         // two more 80..BF
    private static final int TAIL3 = 4;         // three more 80..BF
    private static final int AFTER_E0 = 5;      // A0..BF: shorter forms would be overlong
    private static final int AFTER_ED = 6;      // 80..9F: higher would encode a surrogate
    private static final int AFTER_F0 = 7;      // 90..BF: shorter forms would be overlong
    private static final int AFTER_F4 = 8;      // 80..8F: higher would pass U+10FFFF

    // Byte classes.
    private static final int ASCII = 0;
    private static final int CONT_80_8F = 1;
    private static final int CONT_90_9F = 2;
    private static final int CONT_A0_BF = 3;
    private static final int NEVER = 4;         // C0, C1, F5..FF: no valid sequence uses them
    private static final int LEAD2 = 5;         // C2..DF
    private static final int LEAD_E0 = 6;
    private static final int LEAD3 = 7;         // E1..EC, EE, EF
    private static final int LEAD_ED = 8;
    private static final int LEAD_F0 = 9;
    private static final int LEAD4 = 10;        // F1..F3
    private static final int LEAD_F4 = 11;
    private static final int CLASSES = 12;

    private static final byte[] CLASS = new byte[256];
    private static final byte[] NEXT = new byte[9 * CLASSES];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    static {
        classes(0x00, 0x7f, ASCII);
        classes(0x80, 0x8f, CONT_80_8F);
        classes(0x90, 0x9f, CONT_90_9F);
        classes(0xa0, 0xbf, CONT_A0_BF);
        classes(0xc0, 0xc1, NEVER);
        classes(0xc2, 0xdf, LEAD2);
        classes(0xe0, 0xe0, LEAD_E0);
        classes(0xe1, 0xef, LEAD3);
        classes(0xed, 0xed, LEAD_ED);
        classes(0xf0, 0xf0, LEAD_F0);
        classes(0xf1, 0xf3, LEAD4);
        classes(0xf4, 0xf4, LEAD_F4);
        classes(0xf5, 0xff, NEVER);
        java.util.Arrays.fill(NEXT, (byte) REJECT);
        next(ACCEPT, ASCII, ACCEPT);
        next(ACCEPT, LEAD2, TAIL1);
        next(ACCEPT, LEAD_E0, AFTER_E0);
        next(ACCEPT, LEAD3, TAIL2);
        next(ACCEPT, LEAD_ED, AFTER_ED);
        next(ACCEPT, LEAD_F0, AFTER_F0);
        next(ACCEPT, LEAD4, TAIL3);
        next(ACCEPT, LEAD_F4, AFTER_F4);
        for (int c = CONT_80_8F; c <= CONT_A0_BF; c++) {
            next(TAIL1, c, ACCEPT);
            next(TAIL2, c, TAIL1);
            next(TAIL3, c, TAIL2);
        }
        next(AFTER_E0, CONT_A0_BF, TAIL1);
        next(AFTER_ED, CONT_80_8F, TAIL1);
        next(AFTER_ED, CONT_90_9F, TAIL1);
        next(AFTER_F0, CONT_90_9F, TAIL2);
        next(AFTER_F0, CONT_A0_BF, TAIL2);
        next(AFTER_F4, CONT_80_8F, TAIL2);
    }

    private static void classes(int from, int to, int c) {
        for (int b = from; b <= to; b++) {
            CLASS[b] = (byte) c;
        }
    }

    private static void next(int state, int c, int to) {
        NEXT[state * CLASSES + c] = (byte) to;
    }

    private int state = ACCEPT;

    /** Forgets everything: the next byte starts a new text. */
    public void reset() {
        state = ACCEPT;
    }

    /**
     * Checks the next {@code len} bytes of the text; returns false as soon as they cannot
     * be part of well-formed UTF-8, whatever follows.
     */
    public boolean feed(byte[] b, int off, int len) {
        int s = state;
        int i = off;
        int end = off + len;
        while (i < end) {
            if (s == ACCEPT) {
                // between characters: skip ASCII a word at a time, then byte by byte
                while (i + 8 <= end && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                while (i < end && b[i] >= 0) {
                    i++;
                }
                if (i == end) {
                    break;
                }
            }
            s = NEXT[s * CLASSES + CLASS[b[i] & 0xff]];
            if (s == REJECT) {
                state = REJECT;
                return false;
            }
            i++;
        }
        state = s;
        return true;
    }

    /** Whether everything fed so far is well-formed and ends between two characters. */
    public boolean complete() {
        return state == ACCEPT;
    }

    /** Whether {@code b[off, off+len)} is well-formed UTF-8 on its own. */
    public static boolean valid(byte[] b, int off, int len) {
        Utf8Validator v = new Utf8Validator();
        return v.feed(b, off, len) && v.complete();
    }
}
