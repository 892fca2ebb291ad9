package org.genro.server.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.genro.router.Router;
import org.genro.server.exchange.HttpError;

/**
 * One change asked of the plugin page, checked before the server sees it:
 * {@code {"router": "notes", "plugin": "auth", "target": "index", "values": {"rule": "admin"}}}.
 *
 * <p>The router must belong to a user app: the root and the server's own routers
 * ({@code _server}, {@code _sys}) are refused, as is an alias leading there, since a rule
 * set on them could lock this page out. {@code target} is {@code _all_} (the router, and
 * what inherits from it) or the exact name of one of its entries; the server would also
 * take globs, which this page never sends and a mistyped name must not become. A value is
 * text, a number, a boolean, or null to drop the router's (or entry's) own value and
 * inherit again. Whether the plugin is plugged there and takes those settings with those
 * types is the server's to say: its answer names what is wrong.
 *
 * @param router the router's path, without outer slashes ({@code notes/reports})
 * @param plugin the plugin's code
 * @param target {@code _all_} or an entry name
 * @param values the settings to change
 */
record PluginEdit(String router, String plugin, String target, Map<String, Object> values) {
    /** The target that means the router itself. */
    static final String ALL = "_all_";
    private static final List<String> FIELDS = List.of("router", "plugin", "target", "values");
    /** The first segments of the server's own routers. */
    private static final Set<String> SERVER_OWN = Set.of("_sys", "_server");

    /**
     * Reads and checks {@code body} against the server behind {@code host}.
     *
     * @throws HttpError 400 naming the field, router, target or value that is wrong
     */
    static PluginEdit read(Map<String, Object> body, SystemHost host) {
        for (String name : body.keySet()) {
            if (!FIELDS.contains(name)) {
                throw bad("unknown field '" + Quote.of(name) + "' (fields: " + String.join(", ", FIELDS) + ")");
            }
        }
        if (!(body.get("router") instanceof String given)) {
            throw bad(body.get("router") == null ? "missing field 'router'"
                    : "field 'router' must be a string, got " + Quote.kindOf(body.get("router")));
        }
        String router = routerPath(given, host.apps());
        String plugin = text(body, "plugin");
        String target = text(body, "target");
        Map<String, Object> values = values(body.get("values"));
        Map<String, Object> config = host.pluginConfig(router, null);
        if (config.get("error") instanceof String error) {
            throw bad(error);
        }
        Map<String, Object> node = map(config.get("plugin_info"));
        // an alias may lead anywhere: check the router it resolved to, too
        routerPath(String.valueOf(node.get("path")), host.apps());
        if (!target.equals(ALL) && !(node.get("entries") instanceof List<?> entries && entries.contains(target))) {
            throw bad("target must be " + ALL + " or an entry of router '" + router + "'; it has no entry '"
                    + Quote.of(target) + "'");
        }
        return new PluginEdit(router, plugin, target, values);
    }

    /** {@code path} without outer slashes, if it names a router of a user app with routes. */
    static String routerPath(String path, Map<String, Optional<Router>> apps) {
        String p = strip(path);
        if (p.isEmpty()) {
            throw bad("router is empty: name a router of an app, e.g. '" + apps.keySet().stream().findFirst().orElse("shop")
                    + "'; the root holds the server's own pages too, and this page does not change it");
        }
        String[] segments = p.split("/", -1);
        if (List.of(segments).contains("")) {
            throw bad("router '" + Quote.of(path) + "' has an empty segment");
        }
        if (SERVER_OWN.contains(segments[0])) {
            throw bad("router '" + Quote.of(p) + "' belongs to the server's own pages; this page changes the apps' routers only");
        }
        Optional<Router> app = apps.get(segments[0]);
        if (app == null) {
            throw bad("no app '" + Quote.of(segments[0]) + "' (apps: " + String.join(", ", new TreeSet<>(apps.keySet())) + ")");
        }
        if (app.isEmpty()) {
            throw bad("app '" + segments[0] + "' answers every path itself: it has no routers and no plugin settings");
        }
        return p;
    }

    private static String strip(String path) {
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) == '/') {
            from++;
        }
        while (to > from && path.charAt(to - 1) == '/') {
            to--;
        }
        return path.substring(from, to);
    }

    private static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw bad(value == null ? "missing field '" + field + "'" : value instanceof String ? "field '" + field + "' is empty"
                : "field '" + field + "' must be a string, got " + Quote.kindOf(value));
    }

    private static Map<String, Object> values(Object value) {
        if (!(value instanceof Map<?, ?> given)) {
            throw bad(value == null ? "missing field 'values'" : "field 'values' must be an object, got " + Quote.kindOf(value));
        }
        if (given.isEmpty()) {
            throw bad("field 'values' is empty: name at least one setting");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        given.forEach((k, v) -> {
            if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
                out.put(String.valueOf(k), v);
            } else {
                wrong.add(Quote.of(String.valueOf(k)) + " is " + Quote.kindOf(v));
            }
        });
        if (!wrong.isEmpty()) {
            throw bad("a setting is text, a number, a boolean, or null to inherit; " + String.join(", ", wrong));
        }
        return out;
    }

    private static HttpError bad(String message) {
        return new HttpError(400, message);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
