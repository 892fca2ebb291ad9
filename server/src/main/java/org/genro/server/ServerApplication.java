package org.genro.server;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Rejection;

/**
 * The system endpoints under {@code /_server/}: an index page, health, the requests in
 * flight, the configuration with secrets masked, and metrics. Mounted on every server.
 *
 * <p>Only {@code health} is open to everyone (load balancers ask it). The others show
 * what other clients are doing and how the server is set up, so they answer local
 * clients (loopback) and callers tagged {@code admin} or {@code superadmin}, and 403
 * anyone else.
 */
public final class ServerApplication extends RoutingClass {
    private final AsgiServer server;

    ServerApplication(AsgiServer server) {
        this.server = server;
    }

    /** A page linking the other endpoints and the apps. */
    @Route(mime = "text/html", methods = {"GET"})
    public String index() {
        localOrAdmin();
        StringBuilder sb = new StringBuilder("<!doctype html><meta charset=utf-8><title>genro server</title><h1>genro server</h1>");
        sb.append("<p>up ").append(server.uptimeMillis() / 1000).append(" s, ")
                .append(server.requestRegistry().size()).append(" request(s) in flight</p><h2>Apps</h2><ul>");
        for (String app : server.apps().keySet()) {
            sb.append("<li><a href=\"/").append(Html.escape(app)).append("/\">").append(Html.escape(app)).append("</a>");
        }
        sb.append("</ul><h2>Endpoints</h2><ul>");
        for (String e : List.of("health", "requests", "config", "metrics")) {
            sb.append("<li><a href=\"/_server/").append(e).append("\">").append(e).append("</a>");
        }
        return sb.append("</ul>").toString();
    }

    /** Liveness: {@code {"status": "ok", ...}}. */
    @Route(methods = {"GET"})
    public Map<String, Object> health() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("uptime_ms", server.uptimeMillis());
        out.put("apps", List.copyOf(server.apps().keySet()));
        return out;
    }

    /** The requests being served right now (id, method, path, app, start, age). */
    @Route(methods = {"GET"})
    public Map<String, Object> requests() {
        localOrAdmin();
        return Map.of("count", server.requestRegistry().size(), "requests", server.requestRegistry().inFlight());
    }

    /** The merged configuration with secrets masked. */
    @Route(methods = {"GET"})
    public Map<String, Object> config() {
        localOrAdmin();
        return server.config().summary();
    }

    /** Counters: requests by status class, in flight, connections, memory. */
    @Route(methods = {"GET"})
    public Map<String, Object> metrics() {
        localOrAdmin();
        RequestRegistry r = server.requestRegistry();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests_total", r.served());
        for (int c = 1; c <= 5; c++) {
            out.put("responses_" + c + "xx", r.served(c));
        }
        out.put("requests_in_flight", r.size());
        out.put("connections_open", server.connectionCount());
        Runtime rt = Runtime.getRuntime();
        out.put("heap_used_bytes", rt.totalMemory() - rt.freeMemory());
        out.put("threads_platform", ManagementFactory.getThreadMXBean().getThreadCount());
        out.put("uptime_ms", server.uptimeMillis());
        return out;
    }

    /**
     * Lets through local clients and admins; 403 for everyone else. What these pages show
     * depends on who asks, so they are never stored by a shared cache either.
     */
    private static void localOrAdmin() {
        Exchange exchange = Context.exchange();
        Context.reply().header("Cache-Control", "no-store");
        java.util.Set<String> tags = exchange.caller().tags();
        if (tags != null && (tags.contains("admin") || tags.contains("superadmin"))) {
            return;
        }
        if (Loopback.trusted(exchange.request())) {
            return;
        }
        throw new HttpError(Rejection.LOCAL_ONLY);
    }
}
