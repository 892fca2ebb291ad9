package org.genro.router;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One router's own plugin settings: per plugin code, the router-level values
 * ({@code _all_}) and per-entry values. Only values set on this router are stored;
 * what a router inherits is computed by merging along the tree (see {@link Wiring}).
 * Guarded by {@link Structure#LOCK}; the request path never reads it.
 */
final class SettingsStore {

    private Map<String, Map<String, Object>> router = new LinkedHashMap<>();
    private Map<String, Map<String, Map<String, Object>>> entries = new LinkedHashMap<>();

    /** Router-level values for a plugin (read-only view, possibly empty). */
    Map<String, Object> router(String code) {
        return Collections.unmodifiableMap(router.getOrDefault(code, Map.of()));
    }

    /** An entry's own values for a plugin (read-only view, possibly empty). */
    Map<String, Object> entry(String code, String entry) {
        return Collections.unmodifiableMap(entries.getOrDefault(code, Map.of()).getOrDefault(entry, Map.of()));
    }

    /** Every entry's own values for a plugin, as a fresh JSON-like map. */
    Map<String, Object> entries(String code) {
        Map<String, Object> out = new LinkedHashMap<>();
        entries.getOrDefault(code, Map.of()).forEach((name, values) -> {
            if (!values.isEmpty()) {
                out.put(name, new LinkedHashMap<>(values));
            }
        });
        return out;
    }

    /** Merges values into the router level; a null value removes the key. */
    void updateRouter(String code, Map<String, Object> values) {
        merge(router.computeIfAbsent(code, k -> new LinkedHashMap<>()), values);
    }

    /** Merges values into one entry; a null value removes the key. */
    void updateEntry(String code, String entry, Map<String, Object> values) {
        merge(entries.computeIfAbsent(code, k -> new LinkedHashMap<>())
                .computeIfAbsent(entry, k -> new LinkedHashMap<>()), values);
    }

    /** Replaces the router level and every entry's values for a plugin (snapshot restore). */
    void replace(String code, Map<String, Object> routerValues, Map<String, Map<String, Object>> entryValues) {
        router.put(code, new LinkedHashMap<>(routerValues));
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        entryValues.forEach((name, values) -> copy.put(name, new LinkedHashMap<>(values)));
        entries.put(code, copy);
    }

    private static void merge(Map<String, Object> into, Map<String, Object> values) {
        values.forEach((k, v) -> {
            if (v == null) {
                into.remove(k);
            } else {
                into.put(k, v);
            }
        });
    }

    /** A deep copy, for rolling back a change that failed validation. */
    SettingsStore copy() {
        SettingsStore c = new SettingsStore();
        router.forEach((code, values) -> c.router.put(code, new LinkedHashMap<>(values)));
        entries.forEach((code, byEntry) -> {
            Map<String, Map<String, Object>> m = new LinkedHashMap<>();
            byEntry.forEach((name, values) -> m.put(name, new LinkedHashMap<>(values)));
            c.entries.put(code, m);
        });
        return c;
    }

    /** Takes back the contents of a copy. */
    void reset(SettingsStore from) {
        SettingsStore c = from.copy();
        router = c.router;
        entries = c.entries;
    }
}
