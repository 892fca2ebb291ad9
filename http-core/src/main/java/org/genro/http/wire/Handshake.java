package org.genro.http.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The server's half of the WebSocket opening handshake (RFC 6455 §4.2): which requests
 * may switch, and the accept value that proves the server read the client's key.
 */
public final class Handshake {
    /** The fixed string the accept value mixes into the key (RFC 6455 §1.3). */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** A 16-byte key in base64 with its padding: 22 characters and "==". */
    private static final int KEY_LENGTH = 24;

    private Handshake() {
    }

    /**
     * The first rule {@code head} breaks as an opening handshake, or null when it may
     * switch. Checked in this order: GET, HTTP/1.1, {@code Upgrade} naming
     * {@code websocket} (426 when not), {@code Connection} naming {@code upgrade},
     * {@code Sec-WebSocket-Version: 13} (426 when not), one {@code Sec-WebSocket-Key} of
     * 16 bytes in canonical base64, no body. Host is already required of every HTTP/1.1
     * request by the head parser.
     */
    public static Violation check(RequestHead head) {
        if (!"GET".equals(head.method())) {
            return Violation.WEBSOCKET_NOT_GET;
        }
        if (head.version() != 11) {
            return Violation.WEBSOCKET_NOT_HTTP11;
        }
        if (!hasToken(head, "Upgrade", "websocket")) {
            return Violation.WEBSOCKET_UPGRADE_MISSING;
        }
        if (!hasToken(head, "Connection", "upgrade")) {
            return Violation.WEBSOCKET_CONNECTION_MISSING;
        }
        String version = single(head, "Sec-WebSocket-Version");
        if (!"13".equals(version)) {
            return Violation.WEBSOCKET_VERSION_UNSUPPORTED;
        }
        if (!validKey(single(head, "Sec-WebSocket-Key"))) {
            return Violation.WEBSOCKET_KEY_INVALID;
        }
        if (head.hasBody()) {
            return Violation.WEBSOCKET_BODY;
        }
        return null;
    }

    /** The {@code Sec-WebSocket-Key} of a request that passed {@link #check}. */
    public static String key(RequestHead head) {
        return single(head, "Sec-WebSocket-Key");
    }

    /**
     * The {@code Sec-WebSocket-Accept} value for {@code key}: the base64 of the SHA-1 of
     * the key followed by the protocol's fixed GUID.
     */
    public static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-1", e);
        }
    }

    /**
     * 16 bytes in base64 with padding, and written the one canonical way: the JDK's
     * decoder would also take the same bytes with other unused low bits.
     */
    private static boolean validKey(String key) {
        if (key == null || key.length() != KEY_LENGTH) {
            return false;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(key);
            return raw.length == 16 && Base64.getEncoder().encodeToString(raw).equals(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The value of a field that must appear once, or null when absent or repeated. */
    private static String single(RequestHead head, String name) {
        String found = null;
        for (int i = 0; i < head.fieldCount(); i++) {
            if (head.name(i).equalsIgnoreCase(name)) {
                if (found != null) {
                    return null;
                }
                found = head.value(i);
            }
        }
        return found;
    }

    /** Whether any {@code name} field lists {@code token} (comma-separated, any case). */
    private static boolean hasToken(RequestHead head, String name, String token) {
        for (int i = 0; i < head.fieldCount(); i++) {
            if (head.name(i).equalsIgnoreCase(name)) {
                for (String t : head.value(i).split(",")) {
                    if (t.strip().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
