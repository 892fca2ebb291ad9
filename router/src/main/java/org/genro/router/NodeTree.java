package org.genro.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@link Router#nodes} output: a JSON-like description of a router, its entries and its
 * branches, for the API explorer and the OpenAPI generator.
 *
 * <pre>
 * { "name": "shop", "path": "shop", "defaultEntry": "index", "plugins": ["auth"],
 *   "entries": { "list": { "name", "path", "mime", "methods": [], "id", "doc", "meta": {},
 *                          "parameters": [{"name", "type", "required", "default"?, "variadic"}],
 *                          "returns": "java.util.List&lt;...&gt;",
 *                          "plugins": { "auth": {"settings": {...}, "metadata"?: {...}} } } },
 *   "routers": { "articles": {same shape},
 *                "reports": {"lazy": true, "entries": ["index", ...]},   (unbuilt; entries when the class is known)
 *                "items": {"alias": "shop/articles"} } }
 * </pre>
 * With a caller, entries it may not reach are left out, and routers left empty are
 * pruned.
 */
final class NodeTree {

    private NodeTree() {
    }

    static Map<String, Object> describe(Router router, Caller caller, boolean build) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", router.name());
        node.put("path", router.path());
        node.put("defaultEntry", router.defaultEntry());
        node.put("plugins", router.plugins().stream().map(Plugin::code).toList());
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Entry e : router.entryMap().values()) {
            if (caller == null || Resolver.access(e, caller) == Access.ALLOWED) {
                entries.put(e.name(), entry(e));
            }
        }
        node.put("entries", entries);
        Map<String, Object> routers = new LinkedHashMap<>();
        for (String name : router.branchMap().keySet()) {
            if (build) {
                router.materialize(name);
            }
            Object child = switch (router.branchMap().get(name)) {
                case Branch.Attached a -> {
                    Map<String, Object> sub = describe(a.router(), caller, build);
                    yield caller != null && isEmpty(sub) ? null : sub;
                }
                case Branch.Lazy lazy -> lazyMarker(lazy);
                case Branch.Alias alias -> new LinkedHashMap<>(Map.of("alias", alias.target()));
                case null -> null;
            };
            if (child != null) {
                routers.put(name, child);
            }
        }
        node.put("routers", routers);
        return node;
    }

    private static boolean isEmpty(Map<String, Object> node) {
        return ((Map<?, ?>) node.get("entries")).isEmpty() && ((Map<?, ?>) node.get("routers")).isEmpty();
    }

    private static Map<String, Object> lazyMarker(Branch.Lazy lazy) {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("lazy", true);
        if (lazy.type != null) {
            // Read from the class's declarations: the branch stays unbuilt.
            marker.put("entries", RouteTable.of(lazy.type).stream().map(DeclaredRoute::name).toList());
        }
        return marker;
    }

    static Map<String, Object> entry(Entry e) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", e.name());
        info.put("path", e.path());
        info.put("mime", e.mime());
        info.put("methods", new ArrayList<>(new TreeSet<>(e.methods())));
        info.put("id", e.id());
        info.put("doc", e.doc());
        info.put("meta", new LinkedHashMap<>(e.meta()));
        List<Object> params = new ArrayList<>();
        for (Parameter p : e.parameters()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", p.name());
            one.put("type", p.typeName());
            one.put("required", p.required());
            if (p.defaultValue() != null) {
                one.put("default", p.defaultValue());
            }
            one.put("variadic", p.variadic());
            params.add(one);
        }
        info.put("parameters", params);
        info.put("returns", e.returnType().getTypeName());
        info.put("plugins", e.pluginInfo());
        return info;
    }
}
