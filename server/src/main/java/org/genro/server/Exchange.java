package org.genro.server;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genro.http.Request;
import org.genro.router.Caller;

/**
 * One request as the application server sees it: the engine's {@link Request} plus
 * what dispatch adds (an internal id, the decoded query, the caller's auth tags, the
 * app it is routed to, free attributes for middleware). Lives as long as the request,
 * on the connection's thread; not thread-safe.
 */
public final class Exchange {
    private final long id;
    private final Request request;
    private final long startNanos = System.nanoTime();
    private final Instant started = Instant.now();
    private Query query;
    private Caller caller = Caller.anonymous().withChannel("http");
    private String app;
    private String appPath;
    private String routePath;
    private Map<String, Object> attributes;
    private Reply response;

    /** An exchange for {@code request} with the registry's id. */
    public Exchange(long id, Request request) {
        this.id = id;
        this.request = request;
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

    /** The decoded query string: first value per name. */
    public Map<String, String> query() {
        return parsedQuery().first();
    }

    /** Every value of a query parameter, in order. */
    public List<String> queryAll(String name) {
        return parsedQuery().all(name);
    }

    private Query parsedQuery() {
        if (query == null) {
            query = Query.parse(request.query());
        }
        return query;
    }

    /** Who is calling, for routing: auth tags, capabilities, channel. */
    public Caller caller() {
        return caller;
    }

    /** Sets who is calling (auth middleware does this). */
    public void caller(Caller caller) {
        this.caller = caller;
    }

    /** The mount name this request was routed to, or null before demux. */
    public String app() {
        return app;
    }

    /** The path inside the app, without the mount segment, decoded; null before demux. */
    public String appPath() {
        return appPath;
    }

    /** The path the router resolves: the mount segment, then the app path. */
    public String routePath() {
        return routePath;
    }

    void routedTo(String app, String appPath, String routePath) {
        this.app = app;
        this.appPath = appPath;
        this.routePath = routePath;
    }

    /**
     * The pending response: status and headers a handler sets here are merged into the
     * reply made from its result. Created on first use.
     */
    public Reply response() {
        if (response == null) {
            response = Reply.ok();
        }
        return response;
    }

    /** The pending response if a handler touched it, else null. */
    Reply pendingResponse() {
        return response;
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
