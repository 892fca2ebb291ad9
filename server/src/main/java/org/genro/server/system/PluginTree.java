package org.genro.server.system;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the plugin page shows, as JSON: the live plugin settings of the user apps'
 * routers, read from the root router's {@code configure("?")} snapshot, with each value
 * marked as this router's own or inherited, and where it is inherited from.
 *
 * <pre>
 * {"apps": [
 *   {"name": "notes", "kind": "routes", "router":
 *     {"name": "notes", "path": "notes", "entries": ["gpu", "index"],
 *      "plugins": [{"name": "auth", "description": "...", "inherited": true,
 *                   "settings": [{"name": "enabled", "value": true, "kind": "boolean", "own": false, "from": null},
 *                                {"name": "rule", "value": "", "kind": "text", "own": false, "from": ""}],
 *                   "entries": {"index": {"rule": "admin"}}}],
 *      "routers": [{same shape}, {"name": "reports", "path": "notes/reports", "lazy": true},
 *                  {"name": "items", "path": "notes/items", "alias": "notes/articles"}]}},
 *   {"name": "site", "kind": "static"}]}
 * </pre>
 *
 * A plugin's {@code inherited} says it is plugged on an ancestor rather than here. A
 * setting's {@code value} is the one in force at the router level; {@code own} says this
 * router sets it; {@code from} is the path of the router whose own value it is ("" for
 * the root, where {@code config.yaml}'s {@code plugins} section lands), or null for the
 * plugin's default. {@code entries} holds each entry's own values (declared on its
 * {@code @Route} or set at run time); an entry's other settings are the router's.
 *
 * <p>Only user apps are listed: {@code _server} and {@code _sys} hold the server's own
 * pages, and a rule set there from this page could lock the page itself out.
 */
final class PluginTree {
    private PluginTree() {
    }

    /**
     * The tree of the user apps named in {@code apps} (mount → whether it has a router),
     * read from {@code root}, a snapshot of the whole tree from its root.
     */
    static Map<String, Object> of(Map<String, Object> root, Map<String, Boolean> apps) {
        Map<String, Object> routers = map(root.get("routers"));
        Map<String, Map<String, Origin>> inherited = own(root, Map.of());
        List<Object> out = new ArrayList<>();
        apps.forEach((name, routes) -> {
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("name", name);
            Map<String, Object> node = map(routers.get(name));
            if (routes && !node.isEmpty()) {
                app.put("kind", "routes");
                app.put("router", router(node, inherited));
            } else {
                app.put("kind", "static");
            }
            out.add(app);
        });
        return Map.of("apps", out);
    }

    /** Where a value in force was set: the router's path. */
    private record Origin(String path) {
    }

    private static Map<String, Object> router(Map<String, Object> node, Map<String, Map<String, Origin>> above) {
        String path = String.valueOf(node.get("path"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", node.get("name"));
        out.put("path", path);
        out.put("entries", node.getOrDefault("entries", List.of()));
        List<Object> plugins = new ArrayList<>();
        for (Object item : list(node.get("plugins"))) {
            plugins.add(plugin(path, map(item), above.getOrDefault(String.valueOf(map(item).get("name")), Map.of())));
        }
        out.put("plugins", plugins);
        Map<String, Map<String, Origin>> here = own(node, above);
        List<Object> routers = new ArrayList<>();
        map(node.get("routers")).forEach((name, child) -> {
            Map<String, Object> c = map(child);
            if (c.containsKey("lazy") || c.containsKey("alias")) {
                Map<String, Object> marker = new LinkedHashMap<>();
                marker.put("name", name);
                marker.put("path", path + "/" + name);
                if (c.containsKey("lazy")) {
                    marker.put("lazy", true);
                } else {
                    marker.put("alias", c.get("alias"));
                }
                routers.add(marker);
            } else {
                routers.add(router(c, here));
            }
        });
        out.put("routers", routers);
        return out;
    }

    private static Map<String, Object> plugin(String path, Map<String, Object> item, Map<String, Origin> above) {
        Map<String, Object> config = map(item.get("config"));
        Map<String, Object> own = map(item.get("settings"));
        List<Map<String, Object>> settings = new ArrayList<>();
        config.forEach((key, value) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", key);
            one.put("value", value);
            one.put("kind", kind(value));
            one.put("own", own.containsKey(key));
            Origin origin = own.containsKey(key) ? new Origin(path) : above.get(key);
            one.put("from", origin == null ? null : origin.path());
            settings.add(one);
        });
        // "enabled" first, the rest by name: the order a reader scans for
        settings.sort(Comparator.comparing((Map<String, Object> s) -> !s.get("name").equals("enabled"))
                .thenComparing(s -> String.valueOf(s.get("name"))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", item.get("name"));
        out.put("description", item.get("description"));
        out.put("inherited", item.get("inherited"));
        out.put("settings", settings);
        out.put("entries", map(item.get("entries")));
        return out;
    }

    /** The origins in force below {@code node}: those from above, overridden by the node's own values. */
    private static Map<String, Map<String, Origin>> own(Map<String, Object> node, Map<String, Map<String, Origin>> above) {
        Map<String, Map<String, Origin>> out = new LinkedHashMap<>();
        above.forEach((plugin, origins) -> out.put(plugin, new LinkedHashMap<>(origins)));
        Origin here = new Origin(String.valueOf(node.get("path")));
        for (Object item : list(node.get("plugins"))) {
            Map<String, Object> p = map(item);
            Set<String> keys = map(p.get("settings")).keySet();
            Map<String, Origin> origins = out.computeIfAbsent(String.valueOf(p.get("name")), k -> new LinkedHashMap<>());
            keys.forEach(key -> origins.put(key, here));
        }
        return out;
    }

    /** How the page edits a value: a checkbox for a boolean, a text field otherwise. */
    static String kind(Object value) {
        return value instanceof Boolean ? "boolean" : value instanceof Number ? "number" : "text";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
