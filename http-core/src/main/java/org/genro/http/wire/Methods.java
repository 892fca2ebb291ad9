package org.genro.http.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

/**
 * The methods of RFC 9110 §9 and PATCH as shared constants. Methods are case-sensitive,
 * so a byte compare decides; any other token is kept as a new String and routed as is.
 */
public final class Methods {
    public static final String GET = "GET";
    public static final String HEAD = "HEAD";
    public static final String POST = "POST";
    public static final String PUT = "PUT";
    public static final String DELETE = "DELETE";
    public static final String CONNECT = "CONNECT";
    public static final String OPTIONS = "OPTIONS";
    public static final String TRACE = "TRACE";
    public static final String PATCH = "PATCH";

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
