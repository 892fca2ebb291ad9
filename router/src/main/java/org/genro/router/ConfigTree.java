package org.genro.router;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Live plugin configuration: {@code configure(target, values)}, the {@code "?"}
 * snapshot and its restore. The snapshot is a JSON-like tree (maps, lists, strings,
 * numbers, booleans) holding each router's own values, so restoring it on a freshly
 * built tree reproduces the same state, inheritance included.
 *
 * <pre>
 * { "name": "", "path": "",
 *   "plugins": [ { "name": "auth", "description": "...", "inherited": false,
 *                  "config":   {merged router-level settings, for reading},
 *                  "settings": {this router's own values},
 *                  "entries":  { "secret": {that entry's own values} } } ],
 *   "entries": ["index", "secret"],
 *   "routers": { "shop": {same shape}, "reports": {"lazy": true}, "items": {"alias": "shop/articles"} } }
 * </pre>
 */
final class ConfigTree {

    private ConfigTree() {
    }

    static List<String> configure(Router router, String target, Map<String, Object> values) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("configure target is empty; use 'plugin' or 'plugin/entry'");
        }
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("configure '" + target + "' without values");
        }
        int slash = target.indexOf('/');
        String code = slash < 0 ? target : target.substring(0, slash);
        String selector = slash < 0 ? Names.ALL : target.substring(slash + 1);
        synchronized (Structure.LOCK) {
            Plugin<?> plugin = plugin(router, code);
            Map<String, Object> checked = Schema.check(plugin, values, true);
            SettingsStore backup = router.settings().copy();
            List<String> updated = new ArrayList<>();
            if (selector.equalsIgnoreCase(Names.ALL)) {
                router.settings().updateRouter(code, checked);
                updated.add(Names.ALL);
            } else {
                for (String name : select(router, selector)) {
                    router.settings().updateEntry(code, name, checked);
                    updated.add(name);
                }
            }
            try {
                Wiring.refresh(router);
            } catch (RuntimeException e) {
                router.settings().reset(backup);
                throw e;
            }
            return List.copyOf(updated);
        }
    }

    private static Plugin<?> plugin(Router router, String code) {
        for (Plugin<?> p : router.plugins()) {
            if (p.code().equals(code)) {
                return p;
            }
        }
        List<String> codes = router.plugins().stream().map(Plugin::code).toList();
        throw new IllegalArgumentException("plugin '" + code + "' is not plugged on router '" + router.path()
                + "' (plugged: " + String.join(", ", codes) + ")");
    }

    /** Entry names matching comma-separated globs ({@code *}, {@code ?}, {@code [ab]}, {@code [!a]}). */
    private static List<String> select(Router router, String selector) {
        List<String> out = new ArrayList<>();
        List<Pattern> globs = new ArrayList<>();
        for (String g : selector.split(",")) {
            globs.add(glob(g.strip()));
        }
        for (String name : router.entryMap().keySet()) {
            if (globs.stream().anyMatch(p -> p.matcher(name).matches())) {
                out.add(name);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no entry of router '" + router.path() + "' matches '" + selector + "'");
        }
        return out;
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 1);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, close);
                        re.append('[').append(set.startsWith("!") ? "^" + quoteSet(set.substring(1)) : quoteSet(set))
                                .append(']');
                        i = close;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private static String quoteSet(String set) {
        return set.replace("\\", "\\\\").replace("[", "\\[").replace("^", "\\^").replace("&", "\\&");
    }

    static Map<String, Object> snapshot(Router router) {
        synchronized (Structure.LOCK) {
            return describe(router);
        }
    }

    private static Map<String, Object> describe(Router router) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", router.name());
        node.put("path", router.path());
        List<Router> chain = Wiring.chain(router);
        List<Object> plugins = new ArrayList<>();
        for (Plugin<?> p : router.plugins()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", p.code());
            item.put("description", p.description());
            item.put("inherited", !router.ownPlugins().contains(p));
            item.put("config", new LinkedHashMap<>(Wiring.merged(p, chain, null)));
            item.put("settings", new LinkedHashMap<>(router.settings().router(p.code())));
            item.put("entries", router.settings().entries(p.code()));
            plugins.add(item);
        }
        node.put("plugins", plugins);
        node.put("entries", new ArrayList<>(router.entryMap().keySet()));
        Map<String, Object> routers = new LinkedHashMap<>();
        router.branchMap().forEach((name, branch) -> routers.put(name, switch (branch) {
            case Branch.Attached a -> describe(a.router());
            case Branch.Lazy ignored -> new LinkedHashMap<>(Map.of("lazy", true));
            case Branch.Alias alias -> new LinkedHashMap<>(Map.of("alias", alias.target()));
        }));
        node.put("routers", routers);
        return node;
    }

    static void restore(Router router, Map<String, Object> snapshot) {
        synchronized (Structure.LOCK) {
            Map<Router, SettingsStore> backups = new IdentityHashMap<>();
            List<Runnable> pending = new ArrayList<>();
            try {
                apply(router, snapshot, backups, pending);
                Wiring.refresh(router);
            } catch (RuntimeException e) {
                backups.forEach((r, copy) -> r.settings().reset(copy));
                throw e;
            }
            pending.forEach(Runnable::run);
        }
    }

    private static void apply(Router router, Map<String, Object> node, Map<Router, SettingsStore> backups,
            List<Runnable> pending) {
        backups.put(router, router.settings().copy());
        String where = "'" + router.path() + "'";
        for (Object o : list(node.get("plugins"), "plugins of " + where)) {
            Map<String, Object> item = map(o, "plugin item of " + where);
            String code = String.valueOf(item.get("name"));
            Plugin<?> plugin = plugin(router, code);
            Map<String, Object> settings = Schema.check(plugin, map(item.getOrDefault("settings", Map.of()),
                    code + " settings of " + where), false);
            Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
            map(item.getOrDefault("entries", Map.of()), code + " entries of " + where).forEach((name, values) -> {
                if (!router.entryMap().containsKey(name)) {
                    throw new IllegalArgumentException("snapshot configures unknown entry '" + name + "' of " + where);
                }
                entries.put(name, Schema.check(plugin, map(values, code + "/" + name + " of " + where), false));
            });
            router.settings().replace(code, settings, entries);
        }
        map(node.getOrDefault("routers", Map.of()), "routers of " + where).forEach((name, child) -> {
            Map<String, Object> childNode = map(child, "router '" + name + "' of " + where);
            switch (router.branchMap().get(name)) {
                case Branch.Attached a -> {
                    if (childNode.containsKey("plugins")) {
                        apply(a.router(), childNode, backups, pending);
                    }
                }
                case Branch.Lazy lazy -> {
                    if (childNode.containsKey("plugins")) {
                        pending.add(() -> lazy.pending = childNode);
                    }
                }
                case Branch.Alias ignored -> { }
                case null -> throw new IllegalArgumentException("snapshot names unknown branch '" + name + "' of " + where);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("snapshot: " + what + " must be an object");
    }

    private static List<?> list(Object o, String what) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("snapshot: " + what + " must be a list");
    }
}
