package org.genro.http;

/**
 * WebSocket close codes: the registered ones an application meets, and the rules for
 * which codes may travel in a close frame.
 */
public final class CloseCode {
    /** The purpose of the connection is fulfilled. */
    public static final int NORMAL = 1000;
    /** The server is shutting down, or the page navigated away. */
    public static final int GOING_AWAY = 1001;
    /** A frame broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** A message of a type the endpoint does not accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reported when a close frame carried no code; never sent. */
    public static final int NO_STATUS = 1005;
    /** Reported when the connection ended without a close frame; never sent. */
    public static final int ABNORMAL = 1006;
    /** A text message (or close reason) that is not valid UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /** A message that breaks the application's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** A message over the size limit. */
    public static final int TOO_BIG = 1009;
    /** The client required an extension the server did not agree to. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** The server met a condition it could not handle. */
    public static final int INTERNAL_ERROR = 1011;
    /** The server is restarting. */
    public static final int SERVICE_RESTART = 1012;
    /** The server is overloaded; try again later. */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCode() {
    }

    /**
     * Whether {@code code} may appear in a close frame: the registered codes 1000-1003,
     * 1007-1014, and the ranges 3000-3999 (registered by libraries) and 4000-4999
     * (private use). 1004, 1005, 1006 and 1015 are reserved or report-only; everything
     * else below 3000 is unassigned.
     */
    public static boolean sendable(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }
}
