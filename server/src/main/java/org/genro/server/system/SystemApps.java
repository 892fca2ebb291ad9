package org.genro.server.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The built-in system apps, by the name they are mounted at under {@code /_sys/}. */
public final class SystemApps {
    /** The plugin settings page: it changes the server, so no setting makes it public. */
    public static final String PLUGINS = "plugins";
    /** The names the built-in apps take; a configured system app may not use them. */
    public static final Set<String> NAMES = Set.of("openapi", "explorer", PLUGINS);

    private SystemApps() {
    }

    /** A fresh instance of each built-in app, in a stable order, reading the server through {@code host}. */
    public static Map<String, Object> create(SystemHost host) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("openapi", new OpenApiApp(host));
        out.put("explorer", new ExplorerApp(host));
        out.put(PLUGINS, new PluginsApp(host));
        return out;
    }
}
