package org.genro.server.exchange;

import java.util.Map;

/**
 * Thrown by handlers to answer with a status and a message meant for the client. The
 * message is sent as is (as text, or as {@code {"error": ...}} to JSON clients), so it
 * must not contain secrets; extra headers (e.g. {@code WWW-Authenticate}) go along.
 */
public class HttpError extends RuntimeException {
    private final int status;
    private final transient Map<String, String> headers;

    /** An error with a status and a client-safe message. */
    public HttpError(int status, String message) {
        this(status, message, Map.of());
    }

    /** The server's own refusal, with its status and message. */
    public HttpError(Rejection rejection) {
        this(rejection.status(), rejection.message(), Map.of());
    }

    /** The server's own refusal with response headers (e.g. {@code Allow}, {@code WWW-Authenticate}). */
    public HttpError(Rejection rejection, Map<String, String> headers) {
        this(rejection.status(), rejection.message(), headers);
    }

    /** An error with a status, a client-safe message and response headers. */
    public HttpError(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("HttpError status must be 4xx or 5xx, got " + status);
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /** The status to answer with. */
    public int status() {
        return status;
    }

    /** Headers to add to the error response. */
    public Map<String, String> headers() {
        return headers;
    }
}
