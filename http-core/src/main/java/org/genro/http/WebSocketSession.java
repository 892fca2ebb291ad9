package org.genro.http;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * One open WebSocket connection, as the application sees it. Any thread may send: sends
 * are serialized, so the frames of one message never interleave with another's, and each
 * send blocks until its frames have been handed to the socket. A client that stops
 * reading makes sends block, at most for the write timeout, after which the connection
 * is cut; nothing is queued without bound.
 */
public interface WebSocketSession {
    /** Sends a text message. */
    void sendText(String message) throws IOException;

    /** Sends a binary message. */
    void sendBinary(byte[] message) throws IOException;

    /** Sends {@code message[off, off+len)} as one binary message. */
    void sendBinary(byte[] message, int off, int len) throws IOException;

    /**
     * Sends a ping; the client's pong reaches {@link WebSocketListener#onPong}.
     *
     * @throws IllegalArgumentException for a payload over 125 bytes
     */
    void ping(byte[] payload) throws IOException;

    /**
     * Starts the closing handshake: sends a close frame with {@code code} and
     * {@code reason}, then waits (on the connection's thread, up to the close timeout)
     * for the client's close before ending the connection. Messages arriving meanwhile
     * are discarded. Does nothing when a close frame has already been sent.
     *
     * @throws IllegalArgumentException for a code an endpoint may not send (see
     *                                  {@link CloseCode#sendable}) or a reason over 123
     *                                  bytes of UTF-8
     */
    void close(int code, String reason);

    /** Ends the connection at once, without a closing handshake. */
    void abort();

    /** Whether messages can still be sent: no close frame sent or received, the socket up. */
    boolean isOpen();

    /** The subprotocol chosen at the handshake, or null when none was. */
    String subprotocol();

    /** The extensions in force, as answered in {@code Sec-WebSocket-Extensions}; "" when none. */
    String extensions();

    /**
     * The opening handshake request: method, target, headers (cookies, {@code Origin},
     * {@code Authorization}), addresses. It has no body, and stays readable for the whole
     * life of the connection.
     */
    Request request();

    /** The client's address. */
    InetSocketAddress remoteAddress();
}
