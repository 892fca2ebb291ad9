package org.genro.server.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One application named in {@code apps} or {@code sys_apps}: what to load and how to build it.
 * Nothing is loaded yet; {@link ServerConfig#loadApps()} does that.
 *
 * @param section    {@code apps} or {@code sys_apps}, used to name keys in errors
 * @param name       the mount name, the first URL segment of the app
 * @param className  the fully qualified Java class name [{@code class} or {@code module}]
 * @param kwargs     constructor arguments by parameter name, read-only [{@code kwargs}]
 * @param middleware per-app middleware, name to {@code Boolean} or an options map, read-only
 *                   [{@code middleware}]
 */
public record AppSpec(String section, String name, String className, Map<String, Object> kwargs,
                      Map<String, Object> middleware) {

    /** Copies the maps, keeping their order, so that the spec cannot change under a reader. */
    public AppSpec {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(className, "className");
        kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        middleware = Collections.unmodifiableMap(new LinkedHashMap<>(middleware));
    }

    /** A spec in the {@code apps} section. */
    public AppSpec(String name, String className, Map<String, Object> kwargs,
                   Map<String, Object> middleware) {
        this("apps", name, className, kwargs, middleware);
    }

    /** The key path of this app's entry, e.g. {@code apps.shop}. */
    public String path() {
        return section + "." + name;
    }
}
