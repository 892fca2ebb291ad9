package org.genro.server;

import java.util.function.Supplier;
import org.genro.http.Request;
import org.genro.http.Response;
import org.genro.router.Router;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.Json;
import org.genro.server.exchange.Rejection;
import org.genro.server.exchange.Reply;
import org.genro.server.wsx.WsxRequest;

/**
 * The path of every request through the server, socket or in memory:
 *
 * <pre>
 *  engine request
 *    → {@link Routes} decides the route ({@link Decisions} remembers it for a fixed path);
 *      the registry opens an Exchange with it
 *    → context bound (ScopedValue: exchange, server)
 *    → declared body over the limit? 413 before any middleware
 *    → global middleware → method rules for the server as a whole → the owning app's
 *      middleware → terminal: an endpoint or engine handler mount, or {@link Dispatcher}
 *    → reply written by {@link ReplyWriter}; registry closes the exchange
 * </pre>
 *
 * Built from what it needs: the routing tree, the current application layer, the
 * registry and the server context. A request is served on the one layer it opened on
 * (read again after opening, see {@link #open(Request, AppLayer)}), so a reload never
 * mixes two layers in one request.
 */
final class Pipeline {
    private final Decisions decisions;
    private final Supplier<AppLayer> layer;
    private final RequestRegistry registry;
    private final ScopedValue.Carrier context;
    private final boolean debug;
    private final int fieldLimit;

    /**
     * @param context    the server's part of the request context, bound around each request
     * @param debug      whether a failure escaping every layer shows its stack trace
     * @param fieldLimit the most query or form fields decoded per request
     */
    Pipeline(Router root, Supplier<AppLayer> layer, RequestRegistry registry, ScopedValue.Carrier context,
             boolean debug, int fieldLimit) {
        this.decisions = new Decisions(root);
        this.layer = layer;
        this.registry = registry;
        this.context = context;
        this.debug = debug;
        this.fieldLimit = fieldLimit;
    }

    /** The engine's handler: serves one request from a connection. */
    void serve(Request request, Response response) throws Exception {
        AppLayer current = layer.get();
        Exchange exchange;
        while ((exchange = open(request, current)) == null) {
            current = layer.get();
        }
        write(exchange, current, response);
    }

    private void write(Exchange exchange, AppLayer current, Response response) throws Exception {
        int[] status = {500};
        try {
            context.where(Context.EXCHANGE, exchange).call(() -> {
                Reply reply = process(exchange, current);
                status[0] = reply.status(); // counted if the write fails
                status[0] = ReplyWriter.write(reply, exchange.method(), response); // what left: a file may have gone
                return null;
            });
        } finally {
            registry.close(exchange, status[0]);
        }
    }

    /**
     * Opens the exchange of {@code request} in {@code current}, the layer just read, or
     * gives it up and returns null when a reload has published another meanwhile. A
     * reload waits only for the requests in flight once it has published its layer; a
     * request that read the old layer but opened just after that would run on a layer being
     * retired, so its caller opens it again on the new one.
     */
    private Exchange open(Request request, AppLayer current) {
        Exchange exchange = registry.open(request, decisions.decide(request.path(), current), fieldLimit);
        if (layer.get() == current) {
            return exchange;
        }
        registry.cancel(exchange);
        return null;
    }

    /** Serves one request in memory and returns the reply instead of writing it. */
    Reply handle(Request request) {
        return inMemory(request, null);
    }

    /**
     * Serves one WSX call: an in-memory request whose caller's channel is {@code wsx}, with
     * its connection in the context and, when the client asked, typed (TYTX) values in
     * the reply.
     */
    Reply call(WsxRequest request) {
        return inMemory(request, request);
    }

    /** Serves {@code request} in memory; {@code call} is the same request when it is a WSX call, else null. */
    private Reply inMemory(Request request, WsxRequest call) {
        AppLayer current = layer.get();
        Exchange exchange;
        while ((exchange = open(request, current)) == null) {
            current = layer.get();
        }
        ScopedValue.Carrier bound = context.where(Context.EXCHANGE, exchange);
        if (call != null) {
            exchange.caller(exchange.caller().withChannel("wsx"));
            if (call.typed()) {
                exchange.attribute(Json.TYTX_ATTRIBUTE, Boolean.TRUE);
            }
            bound = bound.where(Context.WSX, call.channel());
        }
        return inMemory(exchange, current, bound);
    }

    private Reply inMemory(Exchange exchange, AppLayer current, ScopedValue.Carrier bound) {
        Reply reply = null;
        try {
            reply = bound.call(() -> process(exchange, current));
            return reply;
        } finally {
            registry.close(exchange, reply == null ? 500 : reply.status());
        }
    }

    /** Runs the pipeline; never throws (what escapes every layer becomes a reply). */
    private Reply process(Exchange exchange, AppLayer current) {
        return withId(run(exchange, current), exchange);
    }

    private Reply run(Exchange exchange, AppLayer current) {
        try {
            Request request = exchange.request();
            if (request.contentLength() > request.bodyLimit()) {
                // refused before any middleware or app code, and before 100 Continue is owed
                return Failure.answer(exchange, Rejection.BODY_TOO_LARGE);
            }
            return current.global().proceed(exchange);
        } catch (Throwable e) {
            return Failure.reply(e, exchange, debug);
        }
    }

    /** The reply carrying the request's id, so a client or proxy can quote it when something went wrong. */
    private static Reply withId(Reply reply, Exchange exchange) {
        if (!reply.headers().contains("X-Request-Id")) {
            reply.addHeader("X-Request-Id", exchange.requestId()); // known absent: nothing to replace
        }
        return reply;
    }
}
