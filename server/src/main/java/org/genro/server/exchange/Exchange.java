package org.genro.server.exchange;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.genro.http.Request;
import org.genro.router.Caller;

/**
 * One request as the application server sees it: the engine's {@link Request} (what the
 * client sent) plus what the server learns on the way (an internal id, the
 * {@link Destination} decided before any middleware, the decoded query, who is calling
 * and their session, attributes for middleware) and the {@link Reply} a handler may
 * prepare. Lives as long
 * as the request, on one thread; not thread-safe.
 */
public final class Exchange {
    /** Every exchange starts as an anonymous caller on plain HTTP; a Caller is immutable, so one serves all. */
    private static final Caller ANONYMOUS_HTTP = Caller.anonymous().withChannel("http");

    /** The most query or form fields decoded when the server does not say otherwise. */
    public static final int DEFAULT_FIELD_LIMIT = 1000;

    private final long id;
    private final Request request;
    private final Destination destination;
    private final int fieldLimit;
    private String requestId;
    private final long startNanos = System.nanoTime();
    private Query query;
    private Caller caller = ANONYMOUS_HTTP;
    private Avatar avatar;
    private Function<Exchange, Avatar> identify;
    private Session session;
    private Session loadedSession;
    private Function<Exchange, Session> sessionLoader;
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

    /**
     * The request id that goes back in {@code X-Request-Id}, into the access log and into
     * the server's log events about this request: the one a trusted proxy sent, or one the
     * server made. Apps put it in their own log lines to tie them to the request.
     */
    public String requestId() {
        return requestId != null ? requestId : Long.toString(id);
    }

    /** Sets the request id; done once, by the server, as the exchange opens. */
    public void requestId(String value) {
        if (requestId != null) {
            throw new IllegalStateException("the request id is set once");
        }
        requestId = Objects.requireNonNull(value, "value");
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

    /** Sets who is calling, for routing (the auth layer does this through {@link #avatar(Avatar)}). */
    public void caller(Caller caller) {
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    /**
     * Who is calling, or null for an anonymous caller. The auth layer either settles it
     * before the handler runs (for an entry whose rule needs credentials) or leaves a way
     * to find out, followed the first time anyone asks: an entry open to everyone never
     * pays for checking credentials nobody reads.
     */
    public Avatar avatar() {
        if (identify != null) {
            Function<Exchange, Avatar> lazy = identify;
            identify = null;
            avatar(lazy.apply(this));
        }
        return avatar;
    }

    /**
     * Who is calling if someone has already found out, else null, without finding out: for
     * the access log, which must not pay for checking credentials nobody else read.
     */
    public Avatar avatarIfKnown() {
        return identify == null ? avatar : null;
    }

    /** Sets who is calling (null: anonymous); the caller's tags follow, for the router's auth rules. */
    public void avatar(Avatar who) {
        identify = null;
        avatar = who;
        caller = caller.withTags(who == null ? null : who.tags()); // null: no credentials, so 401 rather than 403
    }

    /**
     * How to find out who is calling, when someone first asks {@link #avatar()}. A
     * function of the exchange rather than a closure over it, so that a layer can pass
     * the same one for every request and a request that never asks allocates nothing.
     */
    public void identifyWith(Function<Exchange, Avatar> lazy) {
        this.identify = Objects.requireNonNull(lazy, "lazy");
    }

    /**
     * The session this request belongs to, or null. The session layer loads it from its
     * cookie the first time anyone asks, so a request that never looks costs no lookup.
     */
    public Session session() {
        if (sessionLoader != null) {
            Function<Exchange, Session> load = sessionLoader;
            sessionLoader = null;
            session = load.apply(this);
            loadedSession = session;
        }
        return session;
    }

    /** Replaces the session (a login makes a new one, a logout removes it with null). */
    public void session(Session next) {
        sessionLoader = null;
        session = next;
    }

    /** How to load the session, when someone first asks {@link #session()}; as {@link #identifyWith}, a function. */
    public void loadSessionWith(Function<Exchange, Session> loader) {
        this.sessionLoader = Objects.requireNonNull(loader, "loader");
    }

    /** The session held now, without loading it: null when nobody asked for it or set one. */
    public Session currentSession() {
        return session;
    }

    /** The session as it was loaded, before anything replaced it; null when it was never loaded. */
    public Session loadedSession() {
        return loadedSession;
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
        // worked out from the monotonic clock when asked (the in-flight list), so a request
        // does not read the wall clock as well
        return Instant.ofEpochMilli(System.currentTimeMillis() - elapsedNanos() / 1_000_000);
    }

    /** Nanoseconds since the request arrived. */
    public long elapsedNanos() {
        return elapsedNanos(System.nanoTime());
    }

    /**
     * Nanoseconds from the request's arrival to {@code now}, a {@link System#nanoTime()}
     * reading: one reading serves to compare several exchanges' ages, which readings taken
     * one after the other could put in the wrong order.
     */
    public long elapsedNanos(long now) {
        return now - startNanos;
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
        return "request " + requestId() + " " + request.method() + " " + request.path();
    }
}
