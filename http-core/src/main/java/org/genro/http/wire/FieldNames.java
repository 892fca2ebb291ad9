package org.genro.http.wire;

import java.nio.charset.StandardCharsets;

/**
 * Header names common enough to be worth a shared constant. Looking a name up costs a
 * length switch and one case-insensitive compare, and a hit allocates nothing; other
 * names become a new String (one per token, never one per byte).
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

    /** KNOWN grouped by length; each entry's lower-case bytes in LOWER at the same place. */
    private static final String[][] BY_LENGTH = new String[64][];
    private static final byte[][][] LOWER = new byte[64][][];

    static {
        for (String name : KNOWN) {
            int n = name.length();
            String[] old = BY_LENGTH[n] == null ? new String[0] : BY_LENGTH[n];
            String[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = name;
            BY_LENGTH[n] = grown;
            byte[][] lowers = LOWER[n] == null ? new byte[0][] : LOWER[n];
            byte[][] grownLower = java.util.Arrays.copyOf(lowers, lowers.length + 1);
            grownLower[lowers.length] = name.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            LOWER[n] = grownLower;
        }
    }

    private FieldNames() {
    }

    /**
     * The field name in {@code b[from, to)}: a shared constant when known (compared
     * without regard to case), else a new String as sent. The bytes must already be
     * validated as a token.
     */
    static String of(byte[] b, int from, int to) {
        int n = to - from;
        if (n < BY_LENGTH.length && BY_LENGTH[n] != null) {
            byte[][] lowers = LOWER[n];
            for (int k = 0; k < lowers.length; k++) {
                if (equalsLower(b, from, lowers[k])) {
                    return BY_LENGTH[n][k];
                }
            }
        }
        return new String(b, from, n, StandardCharsets.ISO_8859_1);
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
