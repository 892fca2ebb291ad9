package org.genro.server;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genro.router.Route;
import org.genro.router.RoutingClass;

/**
 * The system endpoints under {@code /_server/}: an index page, health, the requests in
 * flight, the configuration with secrets masked, and metrics. Mounted on every server.
 */
public final class ServerApplication extends RoutingClass {
    private final AsgiServer server;

    ServerApplication(AsgiServer server) {
        this.server = server;
    }

    /** A page linking the other endpoints and the apps. */
    @Route(mime = "text/html", methods = {"GET"})
    public String index() {
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
        return Map.of("count", server.requestRegistry().size(), "requests", server.requestRegistry().inFlight());
    }

    /** The merged configuration with secrets masked. */
    @Route(methods = {"GET"})
    public Map<String, Object> config() {
        return server.config().summary();
    }

    /** Counters: requests by status class, in flight, connections, memory. */
    @Route(methods = {"GET"})
    public Map<String, Object> metrics() {
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
}
