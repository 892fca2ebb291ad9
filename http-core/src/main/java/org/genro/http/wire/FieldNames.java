package org.genro.http.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Header names common enough to be worth a shared constant. Looking a name up costs a
 * length switch and a case-insensitive compare of eight bytes at a time, and a hit
 * allocates nothing; other names become a new String (one per token, never one per
 * byte).
 */
final class FieldNames {
    /** RFC 9110 §7.2. */
    static final String HOST = "Host";
    /** RFC 9110 §8.6. */
    static final String CONTENT_LENGTH = "Content-Length";
    /** RFC 9112 §6.1. */
    static final String TRANSFER_ENCODING = "Transfer-Encoding";
    /** RFC 9110 §7.6.1. */
    static final String CONNECTION = "Connection";
    /** RFC 9110 §10.1.1. */
    static final String EXPECT = "Expect";
    /** RFC 9110 §7.8. */
    static final String UPGRADE = "Upgrade";

    private static final String[] KNOWN = {
        HOST, CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION, EXPECT, UPGRADE,
        "Accept", "Accept-Encoding", "Accept-Language", "Accept-Charset", "Authorization",
        "Cache-Control", "Content-Type", "Content-Encoding", "Cookie", "DNT", "If-Match",
        "If-Modified-Since", "If-None-Match", "If-Range", "If-Unmodified-Since", "Origin",
        "Pragma", "Priority", "Range", "Referer", "TE", "Trailer", "User-Agent", "Via",
        "Forwarded", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
        "X-Requested-With", "Upgrade-Insecure-Requests", "Sec-Fetch-Dest", "Sec-Fetch-Mode",
        "Sec-Fetch-Site", "Sec-Fetch-User", "Sec-CH-UA", "Sec-CH-UA-Mobile",
        "Sec-CH-UA-Platform", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
        "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Keep-Alive",
    };

    /**
     * KNOWN grouped by length, and beside each group its names as words to compare eight
     * bytes at a time. A name of length n is read as ceil(n / 8) words, at offsets 0, 8,
     * ... and, for the last, n - 8, overlapping the one before when n is not a multiple of
     * 8 (a name shorter than 8 is one word, its bytes above n zero). Each word is stored
     * as a pair: the name's bytes in lower case, and a mask with 0x20 at each letter. A
     * word of the request matches when, or-ed with the mask, it equals the lower-case
     * word: at a letter that lets exactly the two cases through, and every other byte
     * must be the same.
     */
    private static final String[][] BY_LENGTH = new String[32][];
    private static final long[][] WORDS = new long[32][];

    static {
        for (String name : KNOWN) {
            int n = name.length();
            String[] old = BY_LENGTH[n] == null ? new String[0] : BY_LENGTH[n];
            String[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = name;
            BY_LENGTH[n] = grown;
            long[] pairs = words(name);
            long[] oldWords = WORDS[n] == null ? new long[0] : WORDS[n];
            long[] grownWords = Arrays.copyOf(oldWords, oldWords.length + pairs.length);
            System.arraycopy(pairs, 0, grownWords, oldWords.length, pairs.length);
            WORDS[n] = grownWords;
        }
    }

    private FieldNames() {
    }

    /** Every known name, as its shared constant. */
    static List<String> all() {
        return List.of(KNOWN);
    }

    /** The (lower-case word, case mask) pairs of {@code name}, in the order {@link #known} reads them. */
    private static long[] words(String name) {
        byte[] lower = name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        int n = lower.length;
        int count = (n + 7) / 8;
        long[] pairs = new long[2 * count];
        for (int k = 0; k < count; k++) {
            int at = Math.max(0, Math.min(8 * k, n - 8));
            for (int j = 0; j < 8 && at + j < n; j++) {
                int c = lower[at + j];
                pairs[2 * k] |= (long) c << (8 * j);
                if (c >= 'a' && c <= 'z') {
                    pairs[2 * k + 1] |= 0x20L << (8 * j);
                }
            }
        }
        return pairs;
    }

    /**
     * The shared constant spelled by {@code b[from, to)} in any case, or null. The bytes
     * need not be checked first: every known name is a token, and a match lets through
     * only its own bytes and the other case of its letters, so a match is a valid token.
     */
    static String known(byte[] b, int from, int to) {
        int n = to - from;
        if (n <= 0 || n >= WORDS.length || WORDS[n] == null) {
            return null;
        }
        long[] words = WORDS[n];
        if (n < 8) {
            long w = shortWord(b, from, n);
            for (int p = 0; p < words.length; p += 2) {
                if ((w | words[p + 1]) == words[p]) {
                    return BY_LENGTH[n][p >>> 1];
                }
            }
            return null;
        }
        int count = (n + 7) >>> 3;
        long first = Chars.word(b, from);
        for (int p = 0, k = 0; p < words.length; p += 2 * count, k++) {
            if ((first | words[p + 1]) == words[p] && restMatches(b, from, n, words, p, count)) {
                return BY_LENGTH[n][k];
            }
        }
        return null;
    }

    /** Words 1 to count - 1 of the name at {@code words[p]} against {@code b[from, from + n)}. */
    private static boolean restMatches(byte[] b, int from, int n, long[] words, int p, int count) {
        for (int k = 1; k < count; k++) {
            long w = Chars.word(b, from + Math.min(8 * k, n - 8));
            if ((w | words[p + 2 * k + 1]) != words[p + 2 * k]) {
                return false;
            }
        }
        return true;
    }

    /** The {@code n < 8} bytes at {@code b[from]} as a word, the bytes above them zero. */
    private static long shortWord(byte[] b, int from, int n) {
        if (from + 8 <= b.length) {
            return Chars.word(b, from) & (-1L >>> (64 - 8 * n));
        }
        long w = 0;
        for (int j = n - 1; j >= 0; j--) {
            w = w << 8 | (b[from + j] & 0xff);
        }
        return w;
    }

    /**
     * Whether the bytes at {@code b[from]} spell {@code lower}, an ASCII constant in lower
     * case, in any case: letters fold, every other byte must match exactly. The caller has
     * checked that {@code lower.length} bytes are there.
     */
    static boolean equalsLower(byte[] b, int from, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            int c = b[from + i];
            int l = lower[i];
            if (c != l && (l < 'a' || l > 'z' || (c | 0x20) != l)) {
                return false;
            }
        }
        return true;
    }
}
