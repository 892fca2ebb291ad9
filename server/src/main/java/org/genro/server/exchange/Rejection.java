package org.genro.server.exchange;

import org.genro.http.Status;

/**
 * Every reason the server itself refuses a request, each a status and a message safe to
 * send to the client (it never contains request bytes). The engine refuses malformed
 * HTTP with its own table before the server sees a request; these are the refusals that
 * need routing, configuration or the application to decide.
 */
public enum Rejection {
    PATH_ABOVE_ROOT(400, "the path climbs above the root"),
    PATH_ENCODED_SEPARATOR(400, "the path contains an encoded slash, backslash or NUL"),
    PATH_NOT_UTF8(400, "the path is not valid UTF-8"),
    FORM_MALFORMED(400, "malformed percent-encoding in the query or form"),
    QUERY_TOO_MANY_FIELDS(400, "the query has more fields than the server accepts"),
    BODY_NOT_JSON(400, "the request body is not valid JSON"),
    NOT_AUTHENTICATED(401, "this endpoint needs credentials"),
    BAD_CREDENTIALS(401, "the credentials are not valid"),
    NOT_AUTHORIZED(403, "the credentials given do not grant this endpoint"),
    LOCAL_ONLY(403, "the server's own endpoints answer local clients and admins only"),
    CORS_REFUSED(403, "the cross-origin request is not allowed"),
    CROSS_SITE(403, "a request that changes state with a session cookie must come from this site"),
    SYSTEM_CROSS_SITE(403, "a change to the server's own pages must come from its own pages"),
    NOT_FOUND(404, "nothing is served at this path"),
    METHOD_NOT_ALLOWED(405, "this endpoint does not take this method"),
    BODY_TOO_LARGE(413, "the request body is larger than this endpoint accepts"),
    BODY_TOO_MANY_FIELDS(413, "the request body has more fields than the server accepts"),
    TOO_MANY_FAILURES(429, "too many failed attempts; try again later"),
    NOT_IMPLEMENTED(501, "the server does not implement this method"),
    NOT_AVAILABLE(503, "this endpoint is not available here"),
    BUSY(503, "too many credential checks at once; try again shortly");

    private final int status;
    private final String message;

    Rejection(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** The status code answered. */
    public int status() {
        return status;
    }

    /** The client-safe explanation. */
    public String message() {
        return message;
    }

    /** The line a client reads: reason phrase, then the explanation. */
    @Override
    public String toString() {
        return Status.reason(status) + ": " + message;
    }
}
