package org.genro.server.session;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids: 256 bits from {@link SecureRandom}, base64url without padding (43
 * characters). Nobody can guess one, and checking the form before a lookup means an id
 * from a client never reaches a file name or a query as anything but these characters.
 */
public final class SessionIds {
    private static final int BYTES = 32;
    private static final int LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    /** A new id. */
    public static String next() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code id} has the form of an id this server issues. */
    public static boolean wellFormed(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
