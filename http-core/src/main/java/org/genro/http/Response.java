package org.genro.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The response to one request. Status and headers can change until the response is
 * committed by {@code send} or by the first flush of {@link #stream()}; after that,
 * only the streamed body can grow.
 *
 * <p>Framing is the engine's job: {@code Content-Length}, {@code Transfer-Encoding},
 * {@code Date} and {@code Connection} are written by it. A handler may set
 * {@code Content-Length} before {@link #stream()} to stream a body of known size, and
 * {@code Connection: close} to close the connection after this response.
 */
public interface Response {
    /** Sets the status code (200 unless changed); must be 200-599 (101 for upgrades). */
    Response status(int code);

    /** The status code. */
    int status();

    /** Sets a header, replacing any of the same name. */
    Response header(String name, String value);

    /** Adds a header, keeping any of the same name (e.g. {@code Set-Cookie}). */
    Response addHeader(String name, String value);

    /**
     * Adds every field of {@code fields}, in order, as {@link #addHeader} would one at a
     * time. A {@link Headers} list checked each name and value as it went in, so the
     * engine does not check them again.
     */
    default Response addHeaders(Headers fields) {
        for (int i = 0, n = fields.size(); i < n; i++) { // read once: the list may be this response's own
            addHeader(fields.name(i), fields.value(i));
        }
        return this;
    }

    /**
     * The headers set so far, as a live read-only view ({@link Headers#readOnlyView}):
     * it shows later {@link #header} and {@link #addHeader} calls, and refuses changes
     * of its own, so that no handler can write a framing field next to the engine's.
     */
    Headers headers();

    /** Sets {@code Content-Type}. */
    default Response contentType(String type) {
        return header("Content-Type", type);
    }

    /** Sends the response with no body. */
    void send();

    /** Sends {@code body} with its length; HEAD requests get the length and no bytes. */
    void send(byte[] body);

    /** Sends {@code body[off, off+len)}. */
    void send(byte[] body, int off, int len);

    /** Sends text as UTF-8; sets {@code text/plain; charset=utf-8} if no type was set. */
    void send(String text);

    /**
     * Sends {@code length} bytes of {@code file}, from {@code offset}, as the body, with that
     * length. On a plain connection the bytes go from the file to the socket by
     * {@link FileChannel#transferTo} (sendfile on Linux) without passing through the heap;
     * under TLS they are copied in slices. Either way the write timeout and the minimum
     * write rate apply as to any other body. A small region joins the head in one write.
     * HEAD requests get the length and no bytes. The channel stays open: it is the caller's.
     *
     * <p>This default copies the region through {@link #stream()}, for responses that do
     * not write to a socket.
     *
     * @throws IOException              when the file cannot be read or ends before the
     *                                  region does; the head may have left, so the
     *                                  connection closes after this response
     * @throws IllegalArgumentException for a negative offset or length
     * @throws IllegalStateException    when the response is already committed
     */
    default void send(FileChannel file, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
        header("Content-Length", Long.toString(length));
        try (OutputStream out = stream()) {
            byte[] slice = new byte[(int) Math.min(length, 64 * 1024)];
            for (long done = 0; done < length; ) {
                int n = file.read(ByteBuffer.wrap(slice, 0, (int) Math.min(slice.length, length - done)), offset + done);
                if (n < 0) {
                    throw new EOFException("the file ended before the region did");
                }
                out.write(slice, 0, n);
                done += n;
            }
        }
    }

    /**
     * A stream for a body written piece by piece. It is chunked unless a
     * {@code Content-Length} was set or the whole body fits the first buffer (then it
     * gets a length). {@code flush()} pushes what was written to the client, which is
     * what server-sent events need; {@code close()} ends the body.
     */
    OutputStream stream();

    /** Whether status and headers have been sent. */
    boolean committed();

    /**
     * Accepts a WebSocket opening handshake: once the handler returns, the engine answers
     * 101 and hands the connection to {@code listener}, on the same virtual thread.
     * Checks the handshake first (GET, HTTP/1.1, {@code Upgrade: websocket}, a
     * {@code Connection} list naming {@code upgrade}, a {@code Sec-WebSocket-Key} of 16
     * bytes in base64, version 13, no body). A request that fails gets its answer set on
     * this response (400, or 426 with {@code Sec-WebSocket-Version: 13} for a missing
     * {@code Upgrade} or another version) and no switch. Headers the handler set before
     * (a cookie, say) go out with the 101. permessage-deflate is agreed here when the
     * client offers it and the server allows it.
     *
     * @param subprotocol one of {@link WebSockets#offeredProtocols}, or null for none
     * @return whether the handshake was valid and the switch will happen; when false the
     *         handler should return and leave the response as it is
     * @throws IllegalArgumentException when {@code subprotocol} was not offered
     * @throws IllegalStateException    when the response is already committed
     */
    default boolean upgrade(WebSocketListener listener, String subprotocol) {
        throw new UnsupportedOperationException("this response cannot switch protocols");
    }

    /** {@link #upgrade(WebSocketListener, String)} with no subprotocol. */
    default boolean upgrade(WebSocketListener listener) {
        return upgrade(listener, null);
    }
}
