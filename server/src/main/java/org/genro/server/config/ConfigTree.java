package org.genro.server.config;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The merged configuration while it is being built: a mutable tree of maps, lists and scalars,
 * plus the origin of every value that did not come from the YAML file.
 *
 * <p>Overrides address a value by a dotted key path. Setting a path creates the maps on the way;
 * a value that is not a map but may stand for one is widened first (an app given as a bare class
 * name, a switch such as {@code cors: true}), so that {@code --apps.shop.kwargs.title=X} works on
 * {@code shop: com.x.Shop}. Confined to the thread that builds the configuration.
 */
final class ConfigTree {

    private final Map<String, Object> root;
    private final Map<String, String> origins = new LinkedHashMap<>();

    /** Wraps {@code root}, which this tree now owns and mutates. */
    ConfigTree(Map<String, Object> root) {
        this.root = root;
    }

    /** The root map, mutable. */
    Map<String, Object> root() {
        return root;
    }

    /**
     * Sets the value at a dotted path, replacing whatever was there, and records its origin.
     *
     * @throws ConfigException when a step on the way holds a value that cannot hold keys
     */
    void set(String path, Object value, String origin) {
        String[] keys = path.split("\\.");
        Map<String, Object> map = root;
        for (int i = 0; i < keys.length - 1; i++) {
            map = childMap(map, keys, i, path, origin);
        }
        map.put(keys[keys.length - 1], value);
        // A replaced subtree takes its recorded origins with it.
        String below = path + ".";
        for (Iterator<String> i = origins.keySet().iterator(); i.hasNext(); ) {
            if (i.next().startsWith(below)) {
                i.remove();
            }
        }
        origins.put(path, origin);
    }

    /**
     * Where the value at {@code path} came from; null for YAML. Looks at the path itself, then
     * below it (an error about a whole subtree, such as an unknown key, whose children an
     * override created), then above it (an app given whole by {@code --apps.shop=com.x.Shop}
     * explains {@code apps.shop.class}).
     */
    String originOf(String path) {
        String exact = origins.get(path);
        if (exact != null) {
            return exact;
        }
        String prefix = path + ".";
        for (Map.Entry<String, String> e : origins.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                return e.getValue();
            }
        }
        for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
            String above = origins.get(path.substring(0, dot));
            if (above != null) {
                return above;
            }
        }
        return null;
    }

    /** A copy of the recorded origins, path to origin. */
    Map<String, String> origins() {
        return Map.copyOf(origins);
    }

    /** An error about the value at {@code path}, naming its origin when it has one. */
    ConfigException error(String path, String detail) {
        return new ConfigException(path, originOf(path), detail, null);
    }

    /** An error about the value at {@code path} caused by {@code cause}. */
    ConfigException error(String path, String detail, Throwable cause) {
        return new ConfigException(path, originOf(path), detail, cause);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> childMap(Map<String, Object> map, String[] keys, int i,
                                                String path, String origin) {
        Object current = map.get(keys[i]);
        if (current instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> widened = widen(keys, i, current);
        if (widened == null) {
            String at = String.join(".", java.util.Arrays.copyOfRange(keys, 0, i + 1));
            throw new ConfigException(path, origin,
                    "cannot set a key inside " + at + ", which holds " + Scalars.kind(current), null);
        }
        map.put(keys[i], widened);
        return widened;
    }

    // A missing value or a switch becomes an empty map: giving options to a middleware or
    // plugin switched off or on means "on, with these options". An app's bare class name
    // becomes {class: name} so that its kwargs can be set beside it.
    private static Map<String, Object> widen(String[] keys, int i, Object current) {
        if (current == null || current instanceof Boolean) {
            return new LinkedHashMap<>();
        }
        boolean appEntry = i == 1 && (keys[0].equals("apps") || keys[0].equals("sys_apps"));
        if (appEntry && current instanceof String className) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("class", className);
            return spec;
        }
        return null;
    }
}
