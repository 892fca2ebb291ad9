package org.genro.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.genro.router.Entry;
import org.genro.router.Resolution;

/**
 * The innermost step of the pipeline: resolves the exchange's route path against the
 * server's routing tree (with the caller's tags), checks the method, binds query, form
 * and JSON arguments, calls the handler and turns its result into a reply. Resolution
 * outcomes map to 404, 401, 403 and 503; a method the entry does not take to 405 with
 * {@code Allow}, a method the server does not implement to 501, and OPTIONS (unless
 * the entry takes it) to 204 with {@code Allow}.
 */
public final class Dispatcher {
    /**
     * What an entry without {@code @Route(methods)} answers. TRACE and CONNECT are left
     * out on purpose (RFC 9110 §9.3.6, §9.3.8): an app must ask for them by name.
     */
    static final Set<String> STANDARD = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final AsgiServer server;

    Dispatcher(AsgiServer server) {
        this.server = server;
    }

    /** Routes and calls; the exchange has been demultiplexed to its app already. */
    public Reply dispatch(Exchange exchange) throws Exception {
        Resolution resolution = server.router().resolve(exchange.routePath(), exchange.caller());
        return switch (resolution) {
            case Resolution.Found found -> call(found, exchange);
            case Resolution.NotFound n -> Failure.answer(exchange, 404, "Not Found");
            case Resolution.NotAuthenticated n -> Failure.answer(exchange, 401, "Authentication required");
            case Resolution.NotAuthorized n -> Failure.answer(exchange, 403, "Forbidden");
            case Resolution.NotAvailable n -> Failure.answer(exchange, 503, "Service Unavailable");
        };
    }

    private Reply call(Resolution.Found found, Exchange exchange) throws Exception {
        Entry entry = found.entry();
        Set<String> methods = entry.methods().isEmpty() ? STANDARD : entry.methods();
        String method = exchange.method();
        if (method.equals("OPTIONS") && !entry.methods().contains("OPTIONS")) {
            return Reply.of(204).header("Allow", allow(methods));
        }
        if (!accepts(methods, method)) {
            if (entry.methods().isEmpty()) {
                // a method nobody here implements (RFC 9110 §9.1), not one this entry refuses
                return Failure.answer(exchange, 501, "Not Implemented");
            }
            return Failure.answer(exchange, 405, "Method Not Allowed").header("Allow", allow(methods));
        }
        Map<String, Object> body = RequestBody.decode(exchange);
        Map<String, String> query = exchange.query();
        Map<String, Object> lists = repeated(exchange, query);
        if (!lists.isEmpty()) {
            // a name given more than once binds as a list: it leaves the single-value map
            query = new LinkedHashMap<>(query);
            query.keySet().removeAll(lists.keySet());
            if (body != null) {
                lists.putAll(body);
            }
            body = lists;
        }
        Object result = found.invoke(query.isEmpty() ? null : query, body);
        return Results.toReply(result, entry.mime(), exchange.pendingResponse());
    }

    /** HEAD is served wherever GET is (RFC 9110 §9.3.2). */
    private static boolean accepts(Set<String> methods, String method) {
        return methods.contains(method) || method.equals("HEAD") && methods.contains("GET");
    }

    private static String allow(Set<String> methods) {
        Set<String> all = new TreeSet<>(methods);
        if (all.contains("GET")) {
            all.add("HEAD");
        }
        all.add("OPTIONS");
        return String.join(", ", all);
    }

    /** Query names given more than once, with all their values. */
    private static Map<String, Object> repeated(Exchange exchange, Map<String, String> query) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : query.keySet()) {
            List<String> all = exchange.queryAll(name);
            if (all.size() > 1) {
                out.put(name, all);
            }
        }
        return out;
    }
}
