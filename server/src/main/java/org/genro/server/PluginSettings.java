package org.genro.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.genro.router.Plugin;
import org.genro.router.Router;
import org.genro.router.plugin.AuthPlugin;
import org.genro.router.plugin.Plugins;
import org.genro.server.config.ConfigException;
import org.genro.server.config.ServerConfig;
import org.genro.server.exchange.Json;
import org.genro.server.storage.AtomicFile;

/**
 * Router plugin settings changed at run time, and their persistence in
 * {@code plugin_config.json} (the seed's get/set/save/revert plugin config).
 *
 * <p>What code ({@code @Route}) and YAML ({@code plugins}) declare is the base. A change
 * made at run time is kept as a {@link Change}: which router, plugin, target and setting,
 * the declared value it replaced ({@code from}) and the value now in force ({@code to}).
 * Only changes are saved, never a snapshot of the whole tree. When a change is applied
 * again (at boot, after a reload, when a lazy branch is built), it applies only where the
 * declared value is still its {@code from}: if the code has changed the setting since
 * (a rule added to an entry, say), the code wins and the saved change is dropped with a
 * warning. A file can therefore never loosen a rule it did not know about.
 *
 * <p>Changes are applied through the routing tree's attach hook ({@link #prepare}), so a
 * branch (a reloaded app, a lazy branch) is published only once its saved settings are in
 * force. Saving is atomic and durable: the file is written beside itself, forced to disk,
 * moved into place, and the directory is forced too, so that a crash leaves the old file
 * or the new one, never half of one or none. A broken file stops the server at boot,
 * naming it; nothing is guessed.
 */
final class PluginSettings {
    static final String FILE = "plugin_config.json";
    /** Identifies the file's layout; a file without it is refused rather than guessed at. */
    static final String FORMAT = "genro plugin settings 1";
    private static final String ALL = "_all_";
    /** Marks "the setting exists and holds no value" apart from "there is no such setting". */
    private static final Object NONE = new Object();
    private static final Set<String> FIELDS = Set.of("router", "plugin", "target", "setting", "from", "to");
    private static final System.Logger LOG = System.getLogger("org.genro.server.plugins");

    /**
     * Where one setting lives.
     *
     * @param router  the router's path from the root ("" for the root)
     * @param plugin  the plugin code, e.g. {@code auth}
     * @param target  {@code _all_} for the router level, else an entry name
     * @param setting the setting's key, e.g. {@code rule}
     */
    record Key(String router, String plugin, String target, String setting) {
    }

    /**
     * One run-time change.
     *
     * @param from the declared value it replaced; null when none was declared
     * @param to   the value in force; null when the change removed the declared one
     */
    record Change(Key key, Object from, Object to) {
    }

    private final Router root;
    private final Path file;
    // every change in force or waiting for its branch; replaced whole so that the attach
    // hook reads it without a lock (it runs under the router's own lock)
    private volatile List<Change> live;
    private List<Change> saved;

    /**
     * Reads the saved changes; they apply as {@link #prepare} meets their routers.
     *
     * @throws ConfigException naming the file when it cannot be read or has the wrong shape
     */
    PluginSettings(Router root, Path serverDir) {
        this.root = root;
        this.file = serverDir.resolve(FILE);
        this.saved = read();
        this.live = saved;
    }

    /**
     * Plugs the configured router plugins into the root router; children inherit them.
     * {@code auth} is always plugged, first: a rule written on a route must never be
     * silently ignored because a config file forgot to name the plugin.
     */
    static void plug(Router root, ServerConfig c) {
        Map<String, Map<String, Object>> wanted = new LinkedHashMap<>();
        wanted.put(AuthPlugin.CODE, Map.of());
        wanted.putAll(c.plugins());
        for (Map.Entry<String, Map<String, Object>> e : wanted.entrySet()) {
            Plugin<?> plugin;
            try {
                plugin = Plugins.named(e.getKey());
            } catch (IllegalArgumentException unknown) {
                throw c.error("plugins." + e.getKey(), unknown.getMessage());
            }
            root.plug(plugin);
            if (!e.getValue().isEmpty()) {
                try {
                    root.configure(e.getKey(), e.getValue());
                } catch (IllegalArgumentException bad) {
                    throw c.error("plugins." + e.getKey(), bad.getMessage());
                }
            }
        }
    }

    Path file() {
        return file;
    }

    /**
     * Applies the changes that concern {@code subtree} and the routers already attached
     * below it; those of unbuilt lazy branches wait for their own attach. Runs as the
     * tree's attach hook, before the subtree is reachable: if a change whose base still
     * holds cannot be applied, this throws and the subtree is not published.
     */
    void prepare(Router subtree) {
        String base = subtree.path();
        for (Change c : live) {
            String at = c.key().router();
            if (!(base.isEmpty() || at.equals(base) || at.startsWith(base + "/"))) {
                continue;
            }
            Optional<Router> router = subtree.attached(base.isEmpty() ? at : at.substring(base.length()));
            if (router.isPresent()) {
                try {
                    applyOne(router.get(), c);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(FILE, "cannot apply the saved " + describe(c.key()) + ": " + e.getMessage());
                }
            }
        }
    }

    /** Applies one change where its declared base still holds; a no-op where it is in force. */
    private static void applyOne(Router router, Change c) {
        Optional<Object> current = own(router, c.key());
        if (current.isEmpty()) {
            LOG.log(Level.WARNING, FILE + ": " + describe(c.key()) + " no longer exists; its saved change is dropped");
            return;
        }
        Object value = plain(current.get());
        if (same(value, c.to())) {
            return;
        }
        if (!same(value, c.from())) {
            LOG.log(Level.WARNING, FILE + ": " + describe(c.key()) + " was changed from " + c.from() + " to "
                    + c.to() + ", but the code now declares " + value + "; the code wins");
            return;
        }
        configure(router, c.key(), c.to());
    }

    private static void configure(Router router, Key key, Object value) {
        Map<String, Object> values = new HashMap<>();
        values.put(key.setting(), value);
        router.configure(key.target().equals(ALL) ? key.plugin() : key.plugin() + "/" + key.target(), values);
    }

    /**
     * The router's own value of a setting: {@link #NONE} when unset, empty when the plugin
     * or the entry does not exist there.
     */
    private static Optional<Object> own(Router router, Key key) {
        return own(router, router.configure("?"), key);
    }

    /** As {@link #own(Router, Key)}, read from a snapshot of that router already taken. */
    private static Optional<Object> own(Router router, Map<String, Object> snapshot, Key key) {
        if (!key.target().equals(ALL) && router.entry(key.target()).isEmpty()) {
            return Optional.empty();
        }
        if (!(snapshot.get("plugins") instanceof List<?> plugins)) {
            return Optional.empty();
        }
        for (Object item : plugins) {
            if (item instanceof Map<?, ?> p && key.plugin().equals(p.get("name"))) {
                Object values = key.target().equals(ALL) ? p.get("settings")
                        : p.get("entries") instanceof Map<?, ?> entries ? entries.get(key.target()) : null;
                Object value = values instanceof Map<?, ?> m ? m.get(key.setting()) : null;
                return Optional.of(value == null ? NONE : value);
            }
        }
        return Optional.empty();
    }

    /** The live settings of the router at {@code routerPath}, optionally one entry's. */
    synchronized Map<String, Object> get(String routerPath, String entry) {
        Optional<Router> at = root.at(routerPath == null ? "" : routerPath);
        if (at.isEmpty()) {
            return Map.of("error", "no router at '" + routerPath + "'");
        }
        Map<String, Object> tree = at.get().configure("?");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("router_path", routerPath == null ? "" : routerPath);
        out.put("plugin_info", entry == null || entry.isEmpty() ? tree : entryOnly(tree, entry));
        return out;
    }

    /** One entry's view: for each plugin, the router-level config and the entry's own settings. */
    private static Object entryOnly(Map<String, Object> tree, String entry) {
        if (!(tree.get("entries") instanceof List<?> names) || !names.contains(entry)) {
            return Map.of("error", "no entry '" + entry + "'");
        }
        List<Map<String, Object>> plugins = new ArrayList<>();
        if (tree.get("plugins") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> p) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("name", p.get("name"));
                    one.put("config", p.get("config"));
                    Object own = p.get("entries") instanceof Map<?, ?> e ? e.get(entry) : null;
                    one.put("settings", own == null ? Map.of() : own);
                    plugins.add(one);
                }
            }
        }
        return Map.of("entry", entry, "plugins", plugins);
    }

    /**
     * Changes settings live, without saving; {@code target} is {@code _all_} or an entry
     * name (or globs). Each setting changed is remembered against the value it replaced.
     */
    synchronized Map<String, Object> set(String routerPath, String plugin, String target, Map<String, Object> values) {
        Optional<Router> at = root.at(routerPath == null ? "" : routerPath);
        if (at.isEmpty()) {
            return Map.of("error", "no router at '" + routerPath + "'");
        }
        Router router = at.get();
        boolean all = target == null || target.isEmpty() || target.equals(ALL);
        Map<String, Object> before = router.configure("?");
        List<String> updated;
        try {
            updated = router.configure(all ? plugin : plugin + "/" + target, values);
        } catch (IllegalArgumentException e) {
            return Map.of("error", e.getMessage());
        }
        Map<String, Object> after = router.configure("?");
        Map<Key, Change> next = byKey(live);
        for (String name : updated) {
            for (String setting : values.keySet()) {
                Key key = new Key(router.path(), plugin, name, setting);
                Object from = next.containsKey(key) ? next.get(key).from()
                        : own(router, before, key).map(PluginSettings::plain).orElse(null);
                Object to = own(router, after, key).map(PluginSettings::plain).orElse(null);
                if (same(from, to)) {
                    next.remove(key);
                } else {
                    next.put(key, new Change(key, from, to));
                }
            }
        }
        live = List.copyOf(next.values());
        return Map.of("ok", true, "updated", updated);
    }

    private static Object plain(Object value) {
        return value == NONE ? null : value;
    }

    /** Equal settings; numbers compare by value, since JSON may read back 5 as an Integer where code wrote a Long. */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }

    /** Whether the router holds the change's target value now. */
    private static boolean inForce(Router router, Change c) {
        return own(router, c.key()).map(PluginSettings::plain).filter(v -> same(v, c.to())).isPresent()
                || c.to() == null && own(router, c.key()).map(v -> v == NONE).orElse(false);
    }

    private static Map<Key, Change> byKey(List<Change> changes) {
        Map<Key, Change> out = new LinkedHashMap<>();
        changes.forEach(c -> out.put(c.key(), c));
        return out;
    }

    /**
     * Writes the changes in force to the file, atomically and durably. A change whose
     * router is gone, or that the code has overridden since, is not in force and is left out.
     */
    synchronized Map<String, Object> save() throws IOException {
        List<Change> inForce = new ArrayList<>();
        for (Change c : live) {
            Optional<Router> router = root.attached(c.key().router());
            if (router.isPresent() ? inForce(router.get(), c) : pending(c)) {
                inForce.add(c);
            }
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Change c : inForce) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("router", c.key().router());
            item.put("plugin", c.key().plugin());
            item.put("target", c.key().target());
            item.put("setting", c.key().setting());
            item.put("from", c.from());
            item.put("to", c.to());
            items.add(item);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", FORMAT);
        document.put("changes", items);
        AtomicFile.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
        saved = List.copyOf(inForce);
        return Map.of("ok", true, "file", file.toString(), "changes", inForce.size());
    }

    /** A change for a branch not built yet (lazy) is kept: it will apply when the branch is. */
    private boolean pending(Change c) {
        return saved.contains(c);
    }

    /**
     * Back to the saved changes: every run-time change is undone (back to what code and
     * YAML declare), then the saved ones apply again.
     */
    synchronized Map<String, Object> revert() {
        undoAll();
        live = saved;
        prepare(root);
        return Files.isRegularFile(file) ? Map.of("ok", true)
                : Map.of("ok", true, "message", "no " + FILE + " saved: back to the settings the server started with");
    }

    /** Reads the file again and applies it in place of the run-time changes (done at boot). */
    synchronized void apply() {
        List<Change> fresh = read();
        undoAll();
        saved = fresh;
        live = fresh;
        prepare(root);
    }

    private void undoAll() {
        List<Change> changes = new ArrayList<>(live);
        for (Change c : changes.reversed()) {
            Optional<Router> router = root.attached(c.key().router());
            if (router.isPresent() && inForce(router.get(), c)) {
                configure(router.get(), c.key(), c.from());
            }
        }
        live = List.of();
    }

    private List<Change> read() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Map<String, Object> document;
        try {
            document = Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            // never echo the content: it may be anything
            throw new ConfigException(FILE, "is not a valid JSON object (" + e.getClass().getSimpleName() + " at "
                    + (e instanceof JsonProcessingException j && j.getLocation() != null
                    ? "line " + j.getLocation().getLineNr() : "?") + ")");
        }
        if (!FORMAT.equals(document.get("format")) || !(document.get("changes") instanceof List<?> items)) {
            throw new ConfigException(FILE, "is not a plugin settings file of this server (expected \"format\": \""
                    + FORMAT + "\" and a \"changes\" list); save the settings again from a running server");
        }
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> item) || !FIELDS.containsAll(stringKeys(item))
                    || !(item.get("router") instanceof String router) || !(item.get("plugin") instanceof String plugin)
                    || !(item.get("target") instanceof String target) || !(item.get("setting") instanceof String setting)) {
                throw new ConfigException(FILE, "change " + i + " needs router, plugin, target and setting as strings");
            }
            out.add(new Change(new Key(router, plugin, target, setting), item.get("from"), item.get("to")));
        }
        return List.copyOf(out);
    }

    private static Set<String> stringKeys(Map<?, ?> map) {
        Set<String> keys = new java.util.HashSet<>();
        map.keySet().forEach(k -> keys.add(String.valueOf(k)));
        return keys;
    }

    private static String describe(Key key) {
        return "setting " + key.plugin() + "." + key.setting() + " of " + (key.target().equals(ALL) ? "router" : "entry")
                + " '" + (key.router().isEmpty() ? "" : key.router() + "/") + (key.target().equals(ALL) ? "" : key.target())
                + "'";
    }
}
