package org.genro.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;

/**
 * One parsed request. The head is validated before a handler sees it; the body is a
 * stream read on demand. Valid only during {@link Handler#handle}: the body stream
 * reads from the connection, which moves on to the next request afterwards.
 */
public interface Request {
    /** The method token as sent, e.g. {@code GET}; unknown tokens are allowed. */
    String method();

    /** The request-target exactly as sent. */
    String target();

    /** The path, still percent-encoded; {@code *} for {@code OPTIONS *}, "" for CONNECT. */
    String path();

    /** The query without its '?', still percent-encoded; "" when absent. */
    String query();

    /** {@code HTTP/1.1} or {@code HTTP/1.0}. */
    String version();

    /** The authority: from an absolute-form target, else the Host field (may be ""). */
    String authority();

    /**
     * The header fields, in order. Their values can be read until the response is
     * complete; a handler that hands the request to work outliving the exchange copies the
     * values it needs first (a WebSocket's handshake request stays readable for the whole
     * session).
     */
    Headers headers();

    /** The first value of a header, or null. */
    default String header(String name) {
        return headers().first(name);
    }

    /** The declared body length, or -1 when the body is chunked or absent. */
    long contentLength();

    /** Whether the request carries a body (a Content-Length above 0, or chunked). */
    boolean hasBody();

    /**
     * The body as a stream. Reading it sends {@code 100 Continue} first when the client
     * asked for it. A body longer than {@link #bodyLimit()} fails with an IOException
     * and the engine answers 413.
     */
    InputStream body();

    /** Reads the whole body within {@link #bodyLimit()}. */
    byte[] bodyBytes() throws IOException;

    /** The largest body this request may carry; starts at {@link Limits#body()}. */
    long bodyLimit();

    /** Changes the body limit for this request; takes effect if the body is not read yet. */
    void bodyLimit(long bytes);

    /** Trailer fields of a chunked body; empty until the body has been read to its end. */
    Headers trailers();

    /** The client's address. */
    InetSocketAddress remoteAddress();

    /** The server's address this request came in on. */
    InetSocketAddress localAddress();

    /** Whether the connection uses TLS. */
    boolean secure();
}
