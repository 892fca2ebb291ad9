package org.genro.server.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genro.router.Router;

/**
 * What the explorer shows, as JSON: the user apps, each one's routers and entries, read
 * from {@link Router#nodes(org.genro.router.Caller, boolean)}.
 *
 * <pre>
 * {"apps": [
 *   {"name": "hello", "kind": "routes", "router":
 *     {"name": "hello", "path": "hello", "default_entry": "index",
 *      "entries": [{"name": "greet", "path": "hello/greet", "methods": [], "doc": "...",
 *                   "parameters": [{"name": "name", "type": "java.lang.String", "required": true,
 *                                   "variadic": false, "default"?: "..."}],
 *                   "auth": "", "mime": "", "returns": "hello.Hello$Greeting", "id": ""}],
 *      "routers": [{same shape},
 *                  {"name": "reports", "path": "hello/reports", "lazy": true, "entries": ["monthly"]},
 *                  {"name": "items", "path": "hello/items", "alias": "hello/articles"}]}},
 *   {"name": "site", "kind": "static"}]}
 * </pre>
 *
 * Lists rather than objects keyed by name, so the order is the router's and no name can
 * collide with a property the page's script relies on. {@code methods} empty means the
 * entry takes any method. Every entry is listed, with its auth rule, whoever asks: the
 * page answers only local clients and admins, who may read the whole configuration
 * anyway, and an entry hidden from them would be a puzzle rather than a protection.
 */
final class ExplorerTree {
    private ExplorerTree() {
    }

    /**
     * The tree of {@code apps} ({@link SystemHost#apps()}); lazy branches are built only
     * when {@code build}, since building one runs the app's code.
     */
    static Map<String, Object> of(Map<String, Optional<Router>> apps, boolean build) {
        List<Object> out = new ArrayList<>();
        apps.forEach((name, router) -> {
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("name", name);
            if (router.isPresent()) {
                app.put("kind", "routes");
                app.put("router", router(router.get().nodes(null, build)));
            } else {
                // SystemHost cannot tell a static app from an engine handler: both answer
                // every path under their mount themselves and have no entries to show
                app.put("kind", "static");
            }
            out.add(app);
        });
        return Map.of("apps", out);
    }

    private static Map<String, Object> router(Map<String, Object> node) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", node.get("name"));
        out.put("path", node.get("path"));
        out.put("default_entry", node.get("defaultEntry"));
        List<Object> entries = new ArrayList<>();
        map(node.get("entries")).values().forEach(e -> entries.add(entry(map(e))));
        out.put("entries", entries);
        List<Object> routers = new ArrayList<>();
        String path = String.valueOf(node.get("path"));
        map(node.get("routers")).forEach((name, child) -> routers.add(branch(path, name, map(child))));
        out.put("routers", routers);
        return out;
    }

    /** A built router in full; a lazy branch or an alias as a marker with its name and path. */
    private static Map<String, Object> branch(String parent, Object name, Map<String, Object> child) {
        if (!child.containsKey("lazy") && !child.containsKey("alias")) {
            return router(child);
        }
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("name", name);
        marker.put("path", parent.isEmpty() ? name : parent + "/" + name);
        if (child.containsKey("lazy")) {
            marker.put("lazy", true);
            marker.put("entries", child.getOrDefault("entries", List.of()));
        } else {
            marker.put("alias", child.get("alias"));
        }
        return marker;
    }

    private static Map<String, Object> entry(Map<String, Object> e) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("name", "path", "methods", "doc", "parameters")) {
            out.put(key, e.get(key));
        }
        out.put("auth", authRule(e));
        for (String key : List.of("mime", "returns", "id")) {
            out.put(key, e.get(key));
        }
        return out;
    }

    /** The {@code auth} plugin's rule in force for the entry; empty when none. */
    private static String authRule(Map<String, Object> e) {
        Object auth = map(e.get("plugins")).get("auth");
        Object settings = auth instanceof Map<?, ?> a ? a.get("settings") : null;
        Object rule = settings instanceof Map<?, ?> s ? s.get("rule") : null;
        return rule instanceof String r ? r : "";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
