package org.genro.http;

import org.genro.http.wire.RequestHead;

/**
 * Whether the connection stays open after the current response (RFC 9112 §9.3, §9.6):
 * the one place that answers, from the facts of one exchange. The response asks it
 * when it writes its head (to send {@code Connection: close}), the connection asks it
 * again when the exchange is over; a fact learnt in between (a drain that gave up) can
 * only turn the answer into close.
 *
 * <p>Facts come from the request head, the body stream, the server and the response,
 * which reports what its handler asked and how its body is delimited. A connection
 * keeps one and {@linkplain #next starts it over} for each exchange: it is never handed
 * to a handler, and the response that reports to it is done with once its exchange
 * ends. Owned by the connection's virtual thread.
 */
final class Persistence {
    private final InputBuffer in;
    private final HttpServer server;
    private final long drainAllowance;
    private final long maxRequests;
    private RequestHead head;
    private BodyInput body;
    private boolean lastRequest;
    private boolean handlerAskedClose;
    private boolean delimitedByClose;

    /** A connection's, for its exchanges one after the other (see {@link #next}). */
    Persistence(InputBuffer in, HttpServer server, Limits limits) {
        this.in = in;
        this.server = server;
        this.drainAllowance = limits.drain();
        this.maxRequests = limits.maxRequestsPerConnection();
    }

    /**
     * Starts over for the next exchange, forgetting every fact of the last one.
     *
     * @param served requests read on this connection, this one included
     */
    Persistence next(RequestHead head, BodyInput body, long served) {
        this.head = head;
        this.body = body;
        this.lastRequest = maxRequests > 0 && served >= maxRequests;
        this.handlerAskedClose = false;
        this.delimitedByClose = false;
        return this;
    }

    /** The connection waits for its client: the last exchange's head and body are let go. */
    void forget() {
        head = null;
        body = null;
    }

    /** For the answer to a rejected request: the framing is lost, so the connection always closes. */
    static Persistence rejected() {
        return new Persistence(null, null, Limits.defaults()).next(null, BodyInput.EMPTY, 0);
    }

    /** The handler sent {@code Connection: close}. */
    void handlerAskedClose() {
        handlerAskedClose = true;
    }

    /**
     * The response body can only end by closing: an HTTP/1.0 stream of unknown length
     * (RFC 9112 §6.3), or a body that broke its own declared length.
     */
    void delimitedByClose() {
        delimitedByClose = true;
    }

    /** Whether the connection closes after this response. */
    boolean close() {
        if (head == null) {
            return true; // a rejected request: where it ends is unknown
        }
        return !head.keepAlive()                        // the client asked, or HTTP/1.0 without keep-alive
                || server.draining() || lastRequest     // shutting down, or this connection's quota is used
                || handlerAskedClose || delimitedByClose
                || !nextRequestReachable();
    }

    /** Whether the next request can be found after what is left of this one's body. */
    private boolean nextRequestReachable() {
        if (body.failure() != null) {
            return false; // the framing broke: nothing after it can be trusted
        }
        if (body.finished()) {
            return true;
        }
        // a client waiting for 100 Continue may or may not send the body; a drain that gave
        // up, or a rest known to exceed the allowance, leaves the stream mid-body
        return !body.continueOwed() && !body.abandoned() && body.remaining() - in.available() <= drainAllowance;
    }
}
