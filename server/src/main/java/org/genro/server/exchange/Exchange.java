package org.genro.server.exchange;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.genro.http.Request;
import org.genro.router.Caller;

/**
 * One request as the application server sees it: the engine's {@link Request} (what the
 * client sent) plus what the server learns on the way (an internal id, the
 * {@link Destination} decided before any middleware, the decoded query, the caller's tags,
 * attributes for middleware) and the {@link Reply} a handler may prepare. Lives as long
 * as the request, on one thread; not thread-safe.
 */
public final class Exchange {
    /** The most query or form fields decoded when the server does not say otherwise. */
    public static final int DEFAULT_FIELD_LIMIT = 1000;

    private final long id;
    private final Request request;
    private final Destination destination;
    private final int fieldLimit;
    private final long startNanos = System.nanoTime();
    private final Instant started = Instant.now();
    private Query query;
    private Caller caller = Caller.anonymous().withChannel("http");
    private Map<String, Object> attributes;
    private Reply reply;

    /**
     * An exchange going to {@code destination}.
     *
     * @param id         the server-assigned id, unique within the process
     * @param destination where the request goes, decided before any middleware runs
     * @param fieldLimit the most query fields {@link #query()} decodes (400 beyond)
     */
    public Exchange(long id, Request request, Destination destination, int fieldLimit) {
        this.id = id;
        this.request = Objects.requireNonNull(request, "request");
        this.destination = Objects.requireNonNull(destination, "destination");
        if (fieldLimit < 1) {
            throw new IllegalArgumentException("fieldLimit must be positive, got " + fieldLimit);
        }
        this.fieldLimit = fieldLimit;
    }

    /** An exchange not routed anywhere ({@link Destination#NONE}), as middleware tests build them. */
    public Exchange(long id, Request request) {
        this(id, request, Destination.NONE, DEFAULT_FIELD_LIMIT);
    }

    /** The server-assigned id, unique within this process. */
    public long id() {
        return id;
    }

    /** The engine's request: method, target, headers, body stream, addresses. */
    public Request request() {
        return request;
    }

    /** The method, e.g. {@code GET}. */
    public String method() {
        return request.method();
    }

    /** The path as sent (percent-encoded). */
    public String path() {
        return request.path();
    }

    /** The first value of a request header, or null. */
    public String header(String name) {
        return request.header(name);
    }

    /** Where this request goes: owning app, paths, and the entry found. */
    public Destination destination() {
        return destination;
    }

    /** The mount name this request was routed to, or null; see {@link Destination#app()}. */
    public String app() {
        return destination.app();
    }

    /** The decoded path inside the app, without the mount segment. */
    public String appPath() {
        return destination.appPath();
    }

    /** The decoded path the router resolves: the mount segment, then the app path. */
    public String routePath() {
        return destination.routePath();
    }

    /**
     * The decoded query string: first value per name.
     *
     * @throws HttpError 400 for a malformed escape or too many fields
     */
    public Map<String, String> query() {
        return parsedQuery().first();
    }

    /** Every value of a query parameter, in order. */
    public List<String> queryAll(String name) {
        return parsedQuery().all(name);
    }

    /** The most query or form fields this exchange decodes. */
    public int fieldLimit() {
        return fieldLimit;
    }

    private Query parsedQuery() {
        if (query == null) {
            query = Query.parse(request.query(), fieldLimit);
        }
        return query;
    }

    /** Who is calling, for routing: auth tags, capabilities, channel. */
    public Caller caller() {
        return caller;
    }

    /** Sets who is calling (the auth layer does this). */
    public void caller(Caller caller) {
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    /**
     * The pending reply: status and headers a handler sets here are merged into the
     * reply made from its result (a cookie, a cache header, a 201). Created on first use.
     */
    public Reply reply() {
        if (reply == null) {
            reply = Reply.ok();
        }
        return reply;
    }

    /** The pending reply if anything touched it, else null. */
    public Reply pendingReply() {
        return reply;
    }

    /** When the request arrived. */
    public Instant started() {
        return started;
    }

    /** Nanoseconds since the request arrived. */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** A middleware's attribute, or null. */
    public Object attribute(String name) {
        return attributes == null ? null : attributes.get(name);
    }

    /** Sets a middleware's attribute. */
    public void attribute(String name, Object value) {
        if (attributes == null) {
            attributes = new HashMap<>(4);
        }
        attributes.put(name, value);
    }

    @Override
    public String toString() {
        return "#" + id + " " + request.method() + " " + request.path();
    }
}
