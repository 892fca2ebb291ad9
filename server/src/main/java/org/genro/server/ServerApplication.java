package org.genro.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.auth.AuthLayer;
import org.genro.server.auth.Authenticator;
import org.genro.server.exchange.Avatar;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Html;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.MediaTypes;
import org.genro.server.exchange.PlainJson;
import org.genro.server.exchange.Rejection;
import org.genro.server.exchange.Reply;
import org.genro.server.session.SessionLayer;

/**
 * The system endpoints under {@code /_server/}: an index page, health, the requests in
 * flight, the configuration with secrets masked, and metrics. Mounted on every server.
 *
 * <p>{@code health} and {@code ready} are open to everyone (load balancers ask them), and so are
 * {@code login}, {@code logout}, {@code login_page} and {@code resource}. The others show what other
 * clients are doing and how the server is set up, so they answer local clients
 * (loopback) and callers tagged {@code admin} or {@code superadmin}, and 403 anyone else.
 */
public final class ServerApplication extends RoutingClass {
    private final AsgiServer server;

    ServerApplication(AsgiServer server) {
        this.server = server;
    }

    /** A page linking the other endpoints and the apps. */
    @Route(mime = "text/html", methods = {"GET"})
    public String index() {
        localOrAdmin("index");
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

    /**
     * Readiness, for a load balancer deciding whether to send traffic here: 200
     * {@code {"status": "ready"}} once the apps have started and the port is open; 503 with
     * {@code Retry-After} while the server is starting (a server answering in memory has
     * not started) and from the moment it begins to drain, so a balancer stops sending new
     * requests while those in flight finish. Open to everyone, like {@link #health()}.
     */
    @Route(methods = {"GET"})
    public Reply ready() {
        AsgiServer.State state = server.state();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", state.name().toLowerCase(Locale.ROOT));
        // text only, so plain JSON: written without waiting for Jackson's set-up, which a
        // balancer asking as soon as the port opens would otherwise wait for
        Reply reply = Reply.bytes(PlainJson.write(out), "application/json")
                .header("Cache-Control", "no-store");
        return state == AsgiServer.State.READY ? reply : reply.status(503).header("Retry-After", "5");
    }

    /** The requests being served right now (id, method, path, app, start, age). */
    @Route(methods = {"GET"})
    public Map<String, Object> requests() {
        localOrAdmin("requests");
        return Map.of("count", server.requestRegistry().size(), "requests", server.requestRegistry().inFlight());
    }

    /** The merged configuration with secrets masked. */
    @Route(methods = {"GET"})
    public Map<String, Object> config() {
        localOrAdmin("config");
        return server.config().summary();
    }

    /**
     * Counters: requests by status class, in flight, connections (WSX sockets among them),
     * bytes, memory. As JSON by default; in the Prometheus text format with
     * {@code ?format=prometheus} or an {@code Accept} naming {@code text/plain} (a Prometheus
     * scraper's does), where requests are also counted by app and method and timed in a
     * histogram per app.
     */
    @Route(methods = {"GET"})
    public Object metrics() {
        localOrAdmin("metrics");
        RequestRegistry r = server.requestRegistry();
        if (prometheus(Context.exchange())) {
            Metrics.Gauges gauges = new Metrics.Gauges(r.size(), server.connectionCount(), server.webSocketCount(),
                    server.wsxConnectionCount(), server.bytesRead(), server.bytesWritten(), server.uptimeMillis());
            return Reply.bytes(r.metrics().prometheus(gauges).getBytes(StandardCharsets.UTF_8), PROMETHEUS)
                    .header("Cache-Control", "no-store");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests_total", r.served());
        for (int c = 1; c <= 5; c++) {
            out.put("responses_" + c + "xx", r.served(c));
        }
        out.put("requests_in_flight", r.size());
        out.put("connections_open", server.connectionCount());
        out.put("websocket_sessions_open", server.webSocketCount());
        out.put("wsx_connections_open", server.wsxConnectionCount());
        out.put("bytes_received", server.bytesRead());
        out.put("bytes_sent", server.bytesWritten());
        Runtime rt = Runtime.getRuntime();
        out.put("heap_used_bytes", rt.totalMemory() - rt.freeMemory());
        out.put("threads_platform", ManagementFactory.getThreadMXBean().getThreadCount());
        out.put("uptime_ms", server.uptimeMillis());
        return out;
    }

    /** The media type of the Prometheus text format. */
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    /** Whether the caller asked for the Prometheus text format rather than JSON. */
    private static boolean prometheus(Exchange exchange) {
        String format = exchange.query().get("format");
        if (format != null) {
            if (!format.equals("prometheus") && !format.equals("json")) {
                throw new HttpError(400, "format must be prometheus or json");
            }
            return format.equals("prometheus");
        }
        String accept = exchange.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/plain");
    }

    // ---------------------------------------------------------------- resources

    /**
     * A resource found through its levels, built in, then the server's, then the app's
     * ({@code ?app=<mount>}): stylesheets and scripts concatenated, anything else the most
     * specific. Open to everyone, like everything under {@code resources/}; revalidated on
     * each use ({@code no-cache} with a strong ETag), so an edit shows at once.
     */
    @Route(methods = {"GET"})
    public Reply resource(String... path) throws IOException {
        String app = Context.exchange().query().get("app");
        if (app != null && !server.apps().containsKey(app)) {
            throw new HttpError(Rejection.NOT_FOUND);
        }
        Optional<Resources.Resource> found;
        try {
            found = server.resources().find(String.join("/", path), app);
        } catch (IllegalArgumentException refused) {
            throw new HttpError(Rejection.NOT_FOUND);
        }
        Resources.Resource r = found.orElseThrow(() -> new HttpError(Rejection.NOT_FOUND));
        String etag = r.etag();
        String asked = Context.exchange().header("If-None-Match");
        Reply reply = asked != null && (asked.contains(etag) || asked.strip().equals("*")) ? Reply.of(304)
                : Reply.bytes(r.bytes(), MediaTypes.withCharset(r.mediaType()));
        return reply.header("ETag", etag).header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff");
    }

    // ---------------------------------------------------------------- login

    /**
     * Logs in with an identity and a password, sent as JSON or as a form. Success starts a
     * new session (its cookie comes with the reply) and answers who you are; with
     * {@code next} (the login page's form) it sends the browser there instead. Wrong
     * credentials are 401, too many failures 429, too many checks at once 503.
     */
    @Route(methods = {"POST"})
    public Object login(String identity, String password, Optional<String> next) {
        Exchange exchange = Context.exchange();
        String origin = exchange.header("Origin") != null ? exchange.header("Origin") : exchange.header("Referer");
        if (origin != null && !SessionLayer.sameOrigin(exchange.request())) {
            // a page elsewhere could log a visitor in as someone else (login CSRF)
            throw new HttpError(Rejection.CROSS_SITE);
        }
        InetSocketAddress remote = exchange.request().remoteAddress();
        // behind a trusted proxy the client may be unresolved ("unknown"): one back-off bucket for those
        String address = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        return switch (server.authenticator().login(identity, password, address)) {
            case Authenticator.Outcome.Known known -> {
                server.createSession(known.avatar());
                if (next.isPresent()) {
                    yield Reply.redirect(303, local(next.get()));
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("identity", known.avatar().identity());
                out.put("tags", new TreeSet<>(known.avatar().tags()));
                yield out;
            }
            case Authenticator.Outcome.Refused refused -> {
                if (next.isPresent()) {
                    yield Reply.redirect(303, AuthLayer.LOGIN_PAGE + "?error=1&next="
                            + URLEncoder.encode(local(next.get()), StandardCharsets.UTF_8));
                }
                throw new HttpError(Rejection.BAD_CREDENTIALS);
            }
            case Authenticator.Outcome.Throttled t ->
                throw new HttpError(Rejection.TOO_MANY_FAILURES, Map.of("Retry-After", seconds(t.retryAfter())));
            case Authenticator.Outcome.Busy b ->
                throw new HttpError(Rejection.BUSY, Map.of("Retry-After", seconds(b.retryAfter())));
        };
    }

    /** Ends the session: it is deleted and its cookie cleared. With {@code next}, the browser goes there. */
    @Route(methods = {"POST"})
    public Object logout(Optional<String> next) {
        Exchange exchange = Context.exchange();
        boolean had = exchange.session() != null;
        exchange.session(null);
        exchange.avatar(null);
        return next.isPresent() ? Reply.redirect(303, local(next.get())) : Map.of("ok", true, "ended", had);
    }

    /** A login form for browsers; it posts to {@code login} and comes back to {@code next}. */
    @Route(name = "login_page", mime = "text/html", methods = {"GET"})
    public String loginPage(Optional<String> next, Optional<String> error) {
        Context.reply().header("Cache-Control", "no-store");
        String back = Html.escape(local(next.orElse("/")));
        return "<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content=\"width=device-width\">"
                + "<title>Log in</title><link rel=stylesheet href=\"/_server/resource/genro.css\">"
                + "<body class=narrow><h1>Log in</h1>"
                + (error.isPresent() ? "<p class=error role=alert>The identity or the password is not right.</p>" : "")
                + "<form method=post action=\"login\">"
                + "<label for=identity>Identity</label><input id=identity name=identity autocomplete=username required>"
                + "<label for=password>Password</label><input id=password name=password type=password "
                + "autocomplete=current-password required>"
                + "<input type=hidden name=next value=\"" + back + "\">"
                + "<button type=submit>Log in</button></form>";
    }

    /**
     * {@code target} when it is a path on this server, else {@code /}: a login must not be
     * a way to send someone to another site (an open redirect).
     */
    static String local(String target) {
        boolean path = target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\");
        for (int i = 0; path && i < target.length(); i++) {
            char c = target.charAt(i);
            path = c > 0x20 && c < 0x7f && c != '\\';
        }
        return path ? target : "/";
    }

    private static String seconds(java.time.Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    /**
     * Lets through local clients and admins; 403 for everyone else. What these pages show
     * depends on who asks, so they are never stored by a shared cache either.
     */
    private void localOrAdmin(String page) {
        Context.reply().header("Cache-Control", "no-store");
        server.systemAccess().check(Context.exchange(), "/_server/" + page);
    }
}
