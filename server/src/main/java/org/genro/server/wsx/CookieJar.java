package org.genro.server.wsx;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The cookies of one WSX connection: those its handshake carried, then whatever replies
 * set or clear. A call made over the socket sends them as a browser would send them with
 * a request, so that logging in with a WSX call identifies the calls after it. The values
 * stay on the server: replies never hand them to page scripts, which matters for
 * {@code HttpOnly} session cookies.
 *
 * <p>Bounded, since a handler could set cookies in a loop: past {@link #MAX_COOKIES} new
 * names are ignored. Thread-safe: calls run and finish concurrently.
 */
final class CookieJar {
    static final int MAX_COOKIES = 64;

    private final LinkedHashMap<String, String> cookies = new LinkedHashMap<>();

    /** A jar holding the cookies of a {@code Cookie} field (null: none). */
    CookieJar(String cookieHeader) {
        if (cookieHeader == null) {
            return;
        }
        for (String pair : cookieHeader.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
    }

    /**
     * The {@code Cookie} field for a call: the jar's cookies with the call's own over them,
     * or null when there are none.
     */
    synchronized String header(Map<String, String> overrides) {
        if (cookies.isEmpty() && overrides.isEmpty()) {
            return null;
        }
        Map<String, String> all = cookies;
        if (!overrides.isEmpty()) {
            all = new LinkedHashMap<>(cookies);
            all.putAll(overrides);
        }
        StringBuilder out = new StringBuilder();
        all.forEach((name, value) -> {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            out.append(name).append('=').append(value);
        });
        return out.toString();
    }

    /**
     * Applies one {@code Set-Cookie} value: stores the cookie, or removes it when its
     * {@code Max-Age} is zero or negative (how the server clears a cookie). Attributes
     * other than {@code Max-Age} do not matter to a jar that serves one origin.
     */
    synchronized void set(String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = parts[0].substring(0, eq).strip();
        String value = parts[0].substring(eq + 1).strip();
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].strip().toLowerCase(Locale.ROOT);
            if (attribute.startsWith("max-age=") && expired(attribute.substring(8))) {
                cookies.remove(name);
                return;
            }
        }
        put(name, value);
    }

    synchronized int size() {
        return cookies.size();
    }

    private void put(String name, String value) {
        if (cookies.containsKey(name) || cookies.size() < MAX_COOKIES) {
            cookies.put(name, value);
        }
    }

    private static boolean expired(String maxAge) {
        String v = maxAge.strip();
        return v.startsWith("-") || !v.isEmpty() && v.chars().allMatch(c -> c == '0');
    }
}
