package org.genro.http.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * The permessage-deflate extension (RFC 7692): choosing an offer from
 * {@code Sec-WebSocket-Extensions}, and the server's side of the payload transform.
 *
 * <p><b>Negotiation.</b> The client lists offers in order of preference (RFC 6455 §9.1:
 * comma-separated extensions, each with {@code ;}-separated parameters whose values are
 * tokens or quoted strings). The first permessage-deflate offer whose parameters are all
 * known, each at most once, with valid values, is accepted; any other offer is declined
 * by skipping it, and no acceptable offer means no compression, not an error.
 *
 * <p>The answer always carries {@code server_no_context_takeover} and
 * {@code client_no_context_takeover}, which a server may add whether or not they were
 * offered (RFC 7692 §7.1.1.1, §7.1.1.2). Every message is then compressed on its own,
 * so a connection holds no compressor or decompressor between messages: they are
 * borrowed per message from a pool, instead of about 300 KiB of zlib state per socket.
 * The price is a worse ratio for streams of small similar messages, which can no longer
 * refer to the previous one. An offered {@code server_max_window_bits} is accepted as
 * is; {@code client_max_window_bits} is never limited, since inflating with the full
 * 32 KiB window costs nothing more per message.
 *
 * <p><b>Transform.</b> A message is deflated whole with a sync flush and the last four
 * bytes ({@code 00 00 ff ff}, an empty stored block) removed (RFC 7692 §7.2.1); the
 * receiver puts them back before inflating (§7.2.2, see {@link MessageBuffer}). The JDK's
 * {@link Deflater} always keeps a 32 KiB window, so a smaller window agreed with the
 * client is honoured by what the output may refer to: a message no longer than the
 * window cannot refer further back than the window, and a longer one is compressed with
 * {@link Deflater#HUFFMAN_ONLY}, which makes no back-references at all.
 */
public final class PermessageDeflate {
    /** The extension's registered name. */
    public static final String NAME = "permessage-deflate";
    /** The window the JDK's deflater keeps: 2^15 bytes. */
    public static final int MAX_WINDOW_BITS = 15;

    private static final String SERVER_NO_CONTEXT = "server_no_context_takeover";
    private static final String CLIENT_NO_CONTEXT = "client_no_context_takeover";
    private static final String SERVER_WINDOW = "server_max_window_bits";
    private static final String CLIENT_WINDOW = "client_max_window_bits";

    private PermessageDeflate() {
    }

    /**
     * The extension as agreed.
     *
     * @param answer           the value for {@code Sec-WebSocket-Extensions} in the 101
     * @param serverWindowBits the window the server's output must fit, 8-15
     */
    public record Agreement(String answer, int serverWindowBits) {
    }

    /**
     * The first acceptable permessage-deflate offer among the values of
     * {@code Sec-WebSocket-Extensions}, or null when there is none.
     */
    public static Agreement negotiate(List<String> headerValues) {
        for (String value : headerValues) {
            for (String element : split(value, ',')) {
                Agreement a = element.isEmpty() ? null : accept(element); // a list may hold empty elements
                if (a != null) {
                    return a;
                }
            }
        }
        return null;
    }

    /** One offer, accepted or not (null): a syntax error, another extension, a bad parameter. */
    private static Agreement accept(String element) {
        List<String> parts = split(element, ';');
        if (parts.isEmpty() || !parts.get(0).equalsIgnoreCase(NAME)) {
            return null;
        }
        List<String> seen = new ArrayList<>();
        int serverBits = -1;
        for (String param : parts.subList(1, parts.size())) {
            int eq = param.indexOf('=');
            String name = (eq < 0 ? param : param.substring(0, eq)).strip().toLowerCase(java.util.Locale.ROOT);
            String value = eq < 0 ? null : unquote(param.substring(eq + 1).strip());
            if (!Chars.isToken(name) || seen.contains(name) || eq >= 0 && value == null) { // "a;;b" fails here too
                return null;
            }
            seen.add(name);
            switch (name) {
                case SERVER_NO_CONTEXT, CLIENT_NO_CONTEXT -> {
                    if (value != null) {
                        return null;
                    }
                }
                case SERVER_WINDOW -> {
                    serverBits = windowBits(value);
                    if (serverBits < 0) {
                        return null;
                    }
                }
                case CLIENT_WINDOW -> {
                    if (value != null && windowBits(value) < 0) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        String answer = NAME + "; " + SERVER_NO_CONTEXT + "; " + CLIENT_NO_CONTEXT
                + (serverBits > 0 ? "; " + SERVER_WINDOW + "=" + serverBits : "");
        return new Agreement(answer, serverBits > 0 ? serverBits : MAX_WINDOW_BITS);
    }

    /** 8-15 written without leading zeros (RFC 7692 §7.1.2.1), else -1 (also for null). */
    private static int windowBits(String v) {
        if (v == null) {
            return -1;
        }
        if (v.length() == 1 && v.charAt(0) >= '8' && v.charAt(0) <= '9') {
            return v.charAt(0) - '0';
        }
        if (v.length() == 2 && v.charAt(0) == '1' && v.charAt(1) >= '0' && v.charAt(1) <= '5') {
            return 10 + v.charAt(1) - '0';
        }
        return -1;
    }

    /**
     * Splits {@code s} at {@code sep} outside quoted strings, each part stripped of
     * surrounding whitespace; empty parts are kept for the caller to judge. An
     * unterminated quote swallows the rest, which then fails to parse as a parameter.
     */
    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++; // an escaped character, a quote included
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == sep && !quoted) {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(s.substring(start).strip());
        return out;
    }

    /**
     * A parameter value: a token, or a quoted string whose content, escapes removed, is a
     * token (RFC 6455 §9.1 requires that). Null when it is neither.
     */
    private static String unquote(String v) {
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            StringBuilder sb = new StringBuilder(v.length());
            for (int i = 1; i < v.length() - 1; i++) {
                char c = v.charAt(i);
                if (c == '\\') {
                    if (++i == v.length() - 1) {
                        return null; // the backslash escaped the closing quote
                    }
                    c = v.charAt(i);
                }
                sb.append(c);
            }
            v = sb.toString();
        }
        return Chars.isToken(v) ? v : null;
    }

    /**
     * Whether a message of {@code length} bytes must be compressed without
     * back-references to fit a window of {@code windowBits}: only when it is longer than
     * the window, since with no context carried between messages every reference stays
     * inside the message.
     */
    public static boolean needsHuffmanOnly(int length, int windowBits) {
        return windowBits < MAX_WINDOW_BITS && length > 1 << windowBits;
    }

    /** Room {@link #compress} needs for {@code length} bytes of input, whatever they are. */
    public static int bound(int length) {
        return length + (length >> 3) + (length >> 6) + 64;
    }

    /**
     * Deflates {@code src[off, off+len)} as one message into {@code out}, which holds at
     * least {@link #bound(int)} bytes, and returns the size of the result without its
     * {@code 00 00 ff ff} tail. {@code deflater} is raw (no zlib wrapper), fresh or reset;
     * it is left dirty for the caller to reset.
     */
    public static int compress(Deflater deflater, byte[] src, int off, int len, byte[] out) {
        deflater.setInput(src, off, len);
        int n = 0;
        // a call may only apply a new strategy, or stop with output pending: go on until
        // all input is taken and the flush has ended in the empty stored block
        for (int calls = 0; calls < 4 && !(deflater.needsInput() && endsWithTail(out, n)); calls++) {
            n += deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
        }
        if (!deflater.needsInput() || !endsWithTail(out, n) || n == out.length) {
            throw new IllegalStateException("deflate did not complete within its bound");
        }
        return n - 4;
    }

    private static boolean endsWithTail(byte[] out, int n) {
        return n >= 4 && out[n - 4] == 0 && out[n - 3] == 0 && out[n - 2] == -1 && out[n - 1] == -1;
    }
}
