package org.genro.http.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

/**
 * The methods of RFC 9110 §9 and PATCH as shared constants. Methods are case-sensitive,
 * so a byte compare decides; any other token is kept as a new String and routed as is.
 */
final class Methods {
    /** RFC 9110 §9.3.1. */
    static final String GET = "GET";
    /** RFC 9110 §9.3.2. */
    static final String HEAD = "HEAD";
    /** RFC 9110 §9.3.3. */
    static final String POST = "POST";
    /** RFC 9110 §9.3.4. */
    static final String PUT = "PUT";
    /** RFC 9110 §9.3.5. */
    static final String DELETE = "DELETE";
    /** RFC 9110 §9.3.6. */
    static final String CONNECT = "CONNECT";
    /** RFC 9110 §9.3.7. */
    static final String OPTIONS = "OPTIONS";
    /** RFC 9110 §9.3.8. */
    static final String TRACE = "TRACE";
    /** RFC 5789. */
    static final String PATCH = "PATCH";

    private Methods() {
    }

    static String of(byte[] b, int from, int to) {
        String known = switch (to - from) {
            case 3 -> match(b, from, GET) ? GET : match(b, from, PUT) ? PUT : null;
            case 4 -> match(b, from, POST) ? POST : match(b, from, HEAD) ? HEAD : null;
            case 5 -> match(b, from, PATCH) ? PATCH : match(b, from, TRACE) ? TRACE : null;
            case 6 -> match(b, from, DELETE) ? DELETE : null;
            case 7 -> match(b, from, OPTIONS) ? OPTIONS : match(b, from, CONNECT) ? CONNECT : null;
            default -> null;
        };
        return known != null ? known : new String(b, from, to - from, ISO_8859_1);
    }

    private static boolean match(byte[] b, int from, String m) {
        for (int i = 0; i < m.length(); i++) {
            if (b[from + i] != m.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
