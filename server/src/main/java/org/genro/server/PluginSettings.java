package org.genro.server;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genro.router.Router;
import org.genro.server.config.ConfigException;
import org.genro.server.config.ServerConfig;

/**
 * Router plugin settings changed at runtime, and their persistence in
 * {@code plugin_config.json} in the server directory (the seed's get/set/save/revert
 * plugin config). Saving is atomic: the file is written beside itself, forced to disk
 * and moved into place, so a crash leaves the old file or the new one, never half.
 * A broken file stops the server at boot, naming it; nothing is guessed.
 */
final class PluginSettings {
    static final String FILE = "plugin_config.json";
    private static final System.Logger LOG = System.getLogger("org.genro.server.plugins");

    private final Router root;
    private final Path file;
    private Map<String, Object> defaults;

    PluginSettings(Router root, Path serverDir) {
        this.root = root;
        this.file = serverDir.resolve(FILE);
    }

    /**
     * Plugs the configured router plugins into the root router; children inherit them.
     * {@code auth} is always plugged, first: a rule written on a route must never be
     * silently ignored because a config file forgot to name the plugin.
     */
    static void plug(Router root, ServerConfig c) {
        Map<String, Map<String, Object>> wanted = new LinkedHashMap<>();
        wanted.put(org.genro.router.plugin.AuthPlugin.CODE, Map.of());
        wanted.putAll(c.plugins());
        for (Map.Entry<String, Map<String, Object>> e : wanted.entrySet()) {
            org.genro.router.Plugin<?> plugin;
            try {
                plugin = org.genro.router.plugin.Plugins.named(e.getKey());
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

    /** Remembers the settings as built (for revert without a file), then applies the file if any. */
    synchronized void boot() {
        defaults = root.configure("?");
        apply();
    }

    /** Applies {@code plugin_config.json} when present; a broken file is a startup error. */
    synchronized void apply() {
        Optional<Map<String, Object>> saved = read();
        if (saved.isEmpty()) {
            return;
        }
        try {
            root.restore(saved.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(FILE, "does not fit the routing tree: " + e.getMessage());
        }
        LOG.log(Level.INFO, "applied " + file);
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
        List<Map<String, Object>> plugins = new java.util.ArrayList<>();
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

    /** Changes settings live, without saving; {@code target} is {@code _all_} or an entry name. */
    synchronized Map<String, Object> set(String routerPath, String plugin, String target, Map<String, Object> values) {
        Optional<Router> at = root.at(routerPath == null ? "" : routerPath);
        if (at.isEmpty()) {
            return Map.of("error", "no router at '" + routerPath + "'");
        }
        String where = target == null || target.isEmpty() || target.equals("_all_") ? plugin : plugin + "/" + target;
        try {
            List<String> updated = at.get().configure(where, values);
            return Map.of("ok", true, "updated", updated);
        } catch (IllegalArgumentException e) {
            return Map.of("error", e.getMessage());
        }
    }

    /** Writes the live settings of the whole tree to the file, atomically. */
    synchronized Map<String, Object> save() throws IOException {
        byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root.configure("?"));
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), FILE + ".tmp-", "");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                out.write(json);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return Map.of("ok", true, "file", file.toString());
    }

    /** Back to the saved file, or to the settings as built when nothing was saved. */
    synchronized Map<String, Object> revert() {
        Optional<Map<String, Object>> saved = read();
        root.restore(saved.orElse(defaults));
        return saved.isPresent() ? Map.of("ok", true)
                : Map.of("ok", true, "message", "no " + FILE + " saved: back to the settings the server started with");
    }

    private Optional<Map<String, Object>> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { }));
        } catch (IOException e) {
            // never echo the content: it may be anything
            throw new ConfigException(FILE, "is not a valid JSON object (" + e.getClass().getSimpleName() + " at "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? "line " + j.getLocation().getLineNr() : "?") + ")");
        }
    }
}
