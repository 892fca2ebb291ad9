package org.genro.router;

import java.util.Map;

/**
 * One plugin's compiled settings for one entry. Slots are rebuilt whenever settings
 * change (configuration time); the request path only reads them.
 *
 * @param plugin the plugin
 * @param settings the merged settings (defaults, routers top-down, entry)
 * @param compiled what {@link Plugin#compile} made of them
 * @param enabled the merged {@code enabled} setting
 * @param <C> the plugin's compiled type
 */
record Slot<C>(Plugin<C> plugin, Map<String, Object> settings, C compiled, boolean enabled) {

    static <C> Slot<C> of(Plugin<C> plugin, Map<String, Object> settings) {
        return new Slot<>(plugin, settings, plugin.compile(settings), Boolean.TRUE.equals(settings.get("enabled")));
    }

    Access access(Entry entry, Caller caller) {
        return enabled ? plugin.access(compiled, entry, caller) : Access.ALLOWED;
    }

    /** Whether {@link #access} may refuse anyone: enabled, and its plugin says so of these settings. */
    boolean guards() {
        return enabled && plugin.mayRefuse(compiled);
    }

    /** This plugin's layer over {@code next}, or {@code next} itself when it adds none. */
    Handler wrap(Handler next) {
        if (!enabled || !plugin.wraps()) {
            return next;
        }
        return invocation -> plugin.around(compiled, invocation, next);
    }

    Map<String, Object> metadata(Entry entry) {
        return plugin.metadata(compiled, entry);
    }
}
