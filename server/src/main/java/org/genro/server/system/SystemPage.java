package org.genro.server.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.genro.http.BodyException;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Json;
import org.genro.server.exchange.MediaTypes;
import org.genro.server.exchange.PlainJson;
import org.genro.server.exchange.Reply;

/**
 * A system page and the JSON calls under it, answered as an endpoint: the page's HTML
 * shell at the mount's slash form ({@code /_sys/explorer/}), calls at the paths below
 * ({@code /_sys/explorer/tree}).
 *
 * <pre>
 *  request                          answer
 *  GET|HEAD /_sys/x/                the shell (no data in it; its script fetches the data)
 *  GET|HEAD /_sys/x                 308 to "x/": the script's relative calls need the slash
 *  OPTIONS  any known path          204 with Allow
 *  a method the path does not take  405 with Allow, {"error": ...}
 *  an unknown path                  404 {"error": ...}
 *  a call that fails                its status with {"error": ...}; never a stack trace
 * </pre>
 *
 * Every answer, errors included, carries the same guard headers: a strict content
 * security policy (scripts and styles only from this server, no inline code, no framing),
 * {@code no-store} (the pages show live server state and are for one admin, never for a
 * shared cache), {@code nosniff} and a same-origin referrer policy.
 *
 * <p>Who may reach the page was decided before it runs (loopback or admin, and for
 * state changes a same-origin request); this class does not decide it again.
 */
final class SystemPage {
    /** The one policy of the system pages: nothing inline, nothing from elsewhere. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    /** A settings change is a few hundred bytes: a bigger body is a mistake or an attack. */
    static final long MAX_BODY = 64 * 1024;
    /**
     * One JSON value, nothing after it, no name twice in an object. In a holder, so that
     * mounting the pages at start does not set Jackson up before the port opens.
     */
    private static final class Strict {
        static final ObjectReader READER = Json.MAPPER.readerFor(Object.class)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature())
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** One call under the page. */
    @FunctionalInterface
    interface Call {
        /**
         * The call's answer: a {@link Reply}, or a value written as JSON with status 200.
         *
         * @throws HttpError for a client error, answered as {@code {"error": message}}
         */
        Object answer(Exchange exchange) throws IOException;
    }

    private record Route(Set<String> methods, Call call) {
    }

    private final String title;
    private final String asset;
    private final String body;
    private final Map<String, Route> calls = new LinkedHashMap<>();

    /**
     * A page titled {@code title} whose script and stylesheet are {@code <asset>.js} and
     * {@code <asset>.css} from the resource loader; {@code body} is the page's fixed
     * markup, written by this package and never holding data.
     */
    SystemPage(String title, String asset, String body) {
        this.title = title;
        this.asset = asset;
        this.body = body;
    }

    /** Adds a call that reads ({@code GET}, and {@code HEAD} with it). */
    SystemPage get(String path, Call call) {
        calls.put(path, new Route(Set.of("GET", "HEAD"), call));
        return this;
    }

    /**
     * Adds a call that changes the server: {@code POST} only, so that no link, image or
     * prefetch can trigger it, and with a JSON body (see {@link #object}).
     */
    SystemPage post(String path, Call call) {
        calls.put(path, new Route(Set.of("POST"), call));
        return this;
    }

    /** Answers one request to the page or one of its calls. */
    Reply serve(Exchange exchange) throws IOException {
        return guarded(answer(exchange));
    }

    private Reply answer(Exchange exchange) throws IOException {
        String path = exchange.appPath();
        Route route = path.isEmpty() ? new Route(Set.of("GET", "HEAD"), this::shell) : calls.get(path);
        if (route == null) {
            return error(404, "no call '" + Quote.of(path) + "' here (calls: " + String.join(", ", calls.keySet()) + ")");
        }
        String method = exchange.method();
        if (method.equals("OPTIONS")) {
            return Reply.of(204).header("Allow", allow(route.methods()));
        }
        if (!route.methods().contains(method)) {
            return error(405, Quote.of(method) + " is not taken here; use " + String.join(" or ", new TreeSet<>(route.methods())))
                    .header("Allow", allow(route.methods()));
        }
        try {
            Object result = route.call().answer(exchange);
            return result instanceof Reply r ? r : json(200, result);
        } catch (HttpError e) {
            Reply r = error(e.status(), e.getMessage());
            e.headers().forEach(r::header);
            return r;
        } catch (BodyException e) {
            return error(e.status(), e.getMessage());
        }
    }

    /** The HTML shell, or the redirect to the slash form when the path as sent lacks it. */
    private Reply shell(Exchange exchange) {
        String sent = exchange.path();
        if (!sent.endsWith("/")) {
            String query = exchange.request().query();
            return Reply.redirect(308, slashForm(sent, exchange.routePath()) + (query.isEmpty() ? "" : "?" + query));
        }
        String html = "<!doctype html><html lang=en><head><meta charset=utf-8>"
                + "<meta name=viewport content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + "</title>"
                + "<link rel=stylesheet href=\"/_server/resource/genro.css\">"
                + "<link rel=stylesheet href=\"/_server/resource/" + asset + ".css\">"
                + "<script src=\"/_server/resource/system.js\" defer></script>"
                + "<script src=\"/_server/resource/" + asset + ".js\" defer></script>"
                + "</head><body class=\"sys " + asset + "\">" + body
                + "<noscript><p class=error>This page needs JavaScript.</p></noscript></body></html>";
        return Reply.html(html);
    }

    /**
     * Where the slash form of {@code sent} is, relative to it: its last segment and a slash
     * ({@code /_sys/explorer} → {@code explorer/}). Relative, so that it holds behind a
     * proxy that serves the server under a prefix. A last segment that is a dot segment
     * (only an odd client sends one) has no such form: the route path is used, from the root.
     */
    static String slashForm(String sent, String routePath) {
        String last = sent.substring(sent.lastIndexOf('/') + 1);
        if (last.isEmpty() || last.equals(".") || last.equals("..")) {
            return "/" + routePath + "/";
        }
        // a first segment holding ':' would read as a scheme (RFC 3986 §4.2)
        return (last.indexOf(':') >= 0 ? "./" : "") + last + "/";
    }

    /**
     * The request's body as a JSON object, empty when there is none. It must be declared
     * {@code application/json}: a page on another site cannot send that type without a
     * CORS preflight, which the system pages never grant, so even a browser that sends
     * neither {@code Origin} nor {@code Referer} cannot be made to change settings.
     *
     * @throws HttpError 415 for another type, 400 for anything but one JSON object
     *                   (duplicate names included: which one would count?)
     * @throws BodyException 413 beyond {@link #MAX_BODY}
     */
    static Map<String, Object> object(Exchange exchange) throws IOException {
        if (!MediaTypes.essence(exchange.header("Content-Type")).equals("application/json")) {
            throw new HttpError(415, "send a JSON object with Content-Type: application/json");
        }
        if (!exchange.request().hasBody()) {
            return Map.of();
        }
        exchange.request().bodyLimit(Math.min(MAX_BODY, exchange.request().bodyLimit()));
        byte[] bytes = exchange.request().bodyBytes();
        if (bytes.length == 0) {
            return Map.of(); // a chunked body that carried nothing
        }
        Object value;
        try {
            value = Strict.READER.readValue(bytes);
        } catch (JsonProcessingException e) {
            // the parser's message would quote the body: say where, not what
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            boolean twice = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field");
            throw new HttpError(400, (twice ? "the body names a field twice" : "the body is not valid JSON") + where);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new HttpError(400, "the body must be a JSON object, got " + Quote.kindOf(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        return fields;
    }

    /** {@code value} as JSON with {@code status}. */
    static Reply json(int status, Object value) {
        try {
            return Reply.bytes(PlainJson.bytes(value, null), "application/json").status(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a system page answer cannot be written as JSON", e);
        }
    }

    /** {@code {"error": message}} with {@code status}. */
    static Reply error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    private static String allow(Set<String> methods) {
        Set<String> all = new TreeSet<>(methods);
        all.add("OPTIONS");
        return String.join(", ", all);
    }

    /** Adds the guard headers every answer of a system page carries. */
    static Reply guarded(Reply reply) {
        return reply.header("Content-Security-Policy", CSP)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
    }
}
