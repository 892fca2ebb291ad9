package org.genro.http;

import java.io.OutputStream;

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
     * A stream for a body written piece by piece. It is chunked unless a
     * {@code Content-Length} was set or the whole body fits the first buffer (then it
     * gets a length). {@code flush()} pushes what was written to the client, which is
     * what server-sent events need; {@code close()} ends the body.
     */
    OutputStream stream();

    /** Whether status and headers have been sent. */
    boolean committed();
}
