package org.genro.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genro.router.Entry;
import org.genro.router.Resolution;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.Query;
import org.genro.server.exchange.Rejection;
import org.genro.server.exchange.Reply;

/**
 * The innermost step of every pipeline: checks the caller against the entry the route
 * found (401, 403, 503), applies the method rules, binds the query, form and JSON
 * arguments the entry takes, calls it and turns the result into a reply.
 *
 * <p>Only what the entry can bind is decoded: an entry without parameters never reads
 * the body, and fields whose names no parameter has are counted but never stored, so a
 * megabyte of unknown fields costs a scan, not a map.
 */
final class Dispatcher {
    private Dispatcher() {
    }

    /** Serves an exchange already routed; the route's entry has not been access-checked yet. */
    static Reply dispatch(Exchange exchange) throws Exception {
        Resolution.Found found = exchange.destination().found();
        if (found == null) {
            return Failure.answer(exchange, Rejection.NOT_FOUND);
        }
        switch (found.check(exchange.caller())) {
            case Resolution.Found admitted -> { }
            case Resolution.NotAuthenticated n -> {
                return Failure.answer(exchange, Rejection.NOT_AUTHENTICATED);
            }
            case Resolution.NotAuthorized n -> {
                return Failure.answer(exchange, Rejection.NOT_AUTHORIZED);
            }
            case Resolution.NotAvailable n -> {
                return Failure.answer(exchange, Rejection.NOT_AVAILABLE);
            }
            case Resolution.NotFound n -> {
                return Failure.answer(exchange, Rejection.NOT_FOUND);
            }
        }
        Entry entry = found.entry();
        Reply refused = MethodRules.forEntry(exchange, entry);
        if (refused != null) {
            return refused;
        }
        Object result;
        Set<String> names = entry.parameterNames();
        if (names.isEmpty()) {
            result = found.invoke(null, null);
        } else {
            Query query = Query.parse(exchange.request().query(), exchange.fieldLimit(), names,
                    Rejection.QUERY_TOO_MANY_FIELDS);
            Map<String, Object> body = RequestBody.decode(exchange, names);
            Map<String, String> single = query.first();
            Map<String, Object> lists = repeated(query);
            if (lists != null) {
                // a name given more than once binds as a list: it leaves the single-value map
                single = new LinkedHashMap<>(single);
                single.keySet().removeAll(lists.keySet());
                if (body != null) {
                    lists.putAll(body);
                }
                body = lists;
            }
            result = found.invoke(single.isEmpty() ? null : single, body);
        }
        return Results.toReply(result, entry.mime(), exchange);
    }

    /**
     * Query names given more than once, with all their values; null when there are none,
     * as for nearly every request, which then makes no map.
     */
    private static Map<String, Object> repeated(Query query) {
        Map<String, Object> out = null;
        for (Map.Entry<String, List<String>> e : query.values().entrySet()) {
            if (e.getValue().size() > 1) {
                if (out == null) {
                    out = new LinkedHashMap<>();
                }
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
