package org.genro.http;

/**
 * What an application does with one WebSocket connection. Every method is called on the
 * connection's own virtual thread, one at a time and in the order the frames arrived;
 * while one runs, no further frames are read, so a slow listener slows its own client
 * (through TCP) and nobody else. A listener that wants to work on several messages at
 * once hands them to threads of its own and answers through the session, which any
 * thread may use.
 *
 * <p>A listener that throws is told through {@link #onError} and its connection is
 * closed with {@link CloseCode#INTERNAL_ERROR}. {@link #onClose} is called exactly once,
 * last, whatever ended the connection.
 */
public interface WebSocketListener {
    /** The handshake has been answered with 101; the session may send from now on. */
    default void onOpen(WebSocketSession session) throws Exception {
    }

    /** A whole text message, its UTF-8 checked across all its fragments. */
    default void onText(WebSocketSession session, String message) throws Exception {
    }

    /** A whole binary message. */
    default void onBinary(WebSocketSession session, byte[] message) throws Exception {
    }

    /**
     * A pong arrived (an answer to {@link WebSocketSession#ping}, or unsolicited). Pings
     * from the client need no listener: the engine answers each with a pong itself.
     */
    default void onPong(WebSocketSession session, byte[] payload) throws Exception {
    }

    /**
     * The connection has ended. {@code code} is the one the client's close frame carried
     * ({@link CloseCode#NO_STATUS} when it carried none), the one the server sent when it
     * closed first (a protocol error, a message too big, a timeout, the application's own
     * {@link WebSocketSession#close}), or {@link CloseCode#ABNORMAL} when the connection
     * dropped without any close frame.
     */
    default void onClose(WebSocketSession session, int code, String reason) {
    }

    /** A callback threw, or reading or writing failed; {@link #onClose} follows. */
    default void onError(WebSocketSession session, Throwable error) {
    }
}
