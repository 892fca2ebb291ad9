package org.genro.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Rejection;

/**
 * Turns a request path as sent into the path the router sees: percent escapes decoded
 * as UTF-8, dot segments removed (RFC 3986 §5.2.4), empty segments dropped, no leading
 * or trailing slash. Refuses what could change meaning after decoding: an encoded
 * slash, backslash or NUL, a dot segment that climbs above the root, invalid UTF-8.
 */
final class RoutePath {
    private RoutePath() {
    }

    /** The router path for {@code raw}, e.g. {@code "/shop/a%20b/../list/"} → {@code "shop/list"}. */
    static String of(String raw) {
        if (raw.equals("/") || raw.isEmpty()) {
            return "";
        }
        if (plain(raw)) {
            // the common case needs no decoding: strip the outer slashes, allocate once
            return raw.substring(1, plainEnd(raw));
        }
        Deque<String> out = new ArrayDeque<>();
        for (String segment : raw.split("/", -1)) {
            String s = decode(segment);
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (out.pollLast() == null) {
                    throw new HttpError(Rejection.PATH_ABOVE_ROOT);
                }
                continue;
            }
            out.add(s);
        }
        return String.join("/", out);
    }

    /**
     * No escapes, no empty or dot segments, a leading slash: the path is its router form
     * between that slash and {@link #plainEnd}. Not for the empty path.
     */
    static boolean plain(String raw) {
        char prev = '/';
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' || c == '/' && prev == '/' || c == '.' && prev == '/') {
                return false;
            }
            prev = c;
        }
        return raw.charAt(0) == '/' && !(raw.length() > 1 && raw.charAt(1) == '/');
    }

    /** Where the router form of a {@link #plain} path ends in it: before its trailing slash, if any. */
    static int plainEnd(String raw) {
        return Math.max(1, raw.endsWith("/") ? raw.length() - 1 : raw.length());
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            int b = Integer.parseInt(segment, i + 1, i + 3, 16); // the engine checked the two hex digits
            if (b == '/' || b == '\\' || b == 0) {
                throw new HttpError(Rejection.PATH_ENCODED_SEPARATOR);
            }
            bytes.write(b);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new HttpError(Rejection.PATH_NOT_UTF8);
        }
    }
}
