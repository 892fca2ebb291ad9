package org.genro.http.wire;

/**
 * {@code uri-host [ ":" port ]} (RFC 3986 §3.2.2, §3.2.3), the shape of a Host value and
 * of the authority in an absolute- or authority-form target. The host is an IP-literal
 * in brackets (an IPv6 address or an IPvFuture), or a reg-name of unreserved
 * characters, percent-encodings and sub-delims, which also covers every IPv4 address.
 * An empty host is refused: an http URI without a host is invalid (RFC 9110 §4.2.1).
 */
final class Authority {
    /** A port needs at most five digits; longer ones are not ports any client sends. */
    private static final int MAX_PORT_DIGITS = 5;

    private Authority() {
    }

    /** Whether {@code a} is {@code uri-host [":" port]}; {@code portRequired} for CONNECT. */
    static boolean valid(String a, boolean portRequired) {
        int hostEnd;
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0 || !ipLiteral(a, 1, close)) {
                return false;
            }
            hostEnd = close + 1;
        } else {
            int colon = a.indexOf(':');
            hostEnd = colon < 0 ? a.length() : colon;
            if (hostEnd == 0 || !regName(a, 0, hostEnd)) {
                return false;
            }
        }
        if (hostEnd == a.length()) {
            return !portRequired;
        }
        return a.charAt(hostEnd) == ':' && port(a, hostEnd + 1, portRequired);
    }

    /** port = *DIGIT: empty is allowed by RFC 3986, but not where a port is required. */
    private static boolean port(String a, int from, boolean required) {
        int digits = a.length() - from;
        if (digits == 0) {
            return !required;
        }
        if (digits > MAX_PORT_DIGITS) {
            return false;
        }
        for (int i = from; i < a.length(); i++) {
            if (!isDigit(a.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** reg-name = *( unreserved / pct-encoded / sub-delims ), here never empty. */
    private static boolean regName(String a, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = a.charAt(i);
            if (c == '%') {
                if (i + 2 >= to || Chars.hexValue(a.charAt(i + 1)) < 0 || Chars.hexValue(a.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            } else if (c > 0x7f || !Chars.isRegNameChar(c)) {
                return false;
            }
        }
        return true;
    }

    /** IPv6address / IPvFuture, between the brackets. */
    private static boolean ipLiteral(String a, int from, int to) {
        if (from < to && (a.charAt(from) == 'v' || a.charAt(from) == 'V')) {
            return ipFuture(a, from + 1, to);
        }
        return ipv6(a, from, to);
    }

    /** IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ), after the "v". */
    private static boolean ipFuture(String a, int from, int to) {
        int i = from;
        while (i < to && Chars.hexValue(a.charAt(i)) >= 0) {
            i++;
        }
        if (i == from || i >= to || a.charAt(i) != '.' || i + 1 == to) {
            return false;
        }
        for (int k = i + 1; k < to; k++) {
            char c = a.charAt(k);
            if (c != ':' && (c > 0x7f || c == '%' || !Chars.isRegNameChar(c))) {
                return false;
            }
        }
        return true;
    }

    /**
     * IPv6address: eight pieces of 1-4 hex digits separated by colons, where "::" once
     * stands for one or more zero pieces and the last two pieces may be written as an
     * IPv4 address.
     */
    private static boolean ipv6(String a, int from, int to) {
        int pieces = 0;
        boolean compressed = false;
        int i = from;
        if (a.startsWith("::", i) && i + 2 <= to) {
            compressed = true;
            i += 2;
        }
        while (i < to) {
            int start = i;
            while (i < to && i - start <= 4 && Chars.hexValue(a.charAt(i)) >= 0) {
                i++;
            }
            if (i < to && a.charAt(i) == '.') {
                if (!ipv4(a, start, to)) {
                    return false;
                }
                pieces += 2;
                break;
            }
            if (i == start || i - start > 4) {
                return false;
            }
            pieces++;
            if (i == to) {
                break;
            }
            if (a.charAt(i) != ':' || ++i == to) {
                return false; // a stray byte, or a single colon at the end
            }
            if (a.charAt(i) == ':') {
                if (compressed) {
                    return false; // "::" may appear once
                }
                compressed = true;
                i++;
            }
        }
        return compressed ? pieces <= 7 : pieces == 8;
    }

    /** IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet, no leading zeros. */
    private static boolean ipv4(String a, int from, int to) {
        int i = from;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (i >= to || a.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < to && isDigit(a.charAt(i)) && i - start < 3) {
                value = value * 10 + a.charAt(i) - '0';
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || digits > 1 && a.charAt(start) == '0') {
                return false;
            }
        }
        return i == to;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
