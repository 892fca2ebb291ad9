package org.genro.server.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The apps and system apps a configuration names, built from their kwargs in a class
 * loader of their own (over the server directory's {@code src/}, {@code classes/} and
 * {@code lib/*.jar}). Closing it closes that loader: a reload builds a new set and closes
 * the old one once its requests are done, so the old classes can be unloaded.
 */
public final class LoadedApps implements AutoCloseable {
    private final Map<String, Object> apps;
    private final Map<String, Object> sysApps;
    private final AppLoader loader;

    private LoadedApps(Map<String, Object> apps, Map<String, Object> sysApps, AppLoader loader) {
        this.apps = Collections.unmodifiableMap(apps);
        this.sysApps = Collections.unmodifiableMap(sysApps);
        this.loader = loader;
    }

    /** Builds every app of {@code config}; on any failure nothing stays open. */
    static LoadedApps of(ServerConfig config) {
        AppLoader loader = new AppLoader(config);
        try {
            Map<String, Object> apps = new LinkedHashMap<>();
            for (AppSpec spec : config.apps()) {
                apps.put(spec.name(), loader.instantiate(spec));
            }
            Map<String, Object> sysApps = new LinkedHashMap<>();
            for (AppSpec spec : config.sysApps()) {
                sysApps.put(spec.name(), loader.instantiate(spec));
            }
            return new LoadedApps(apps, sysApps, loader);
        } catch (RuntimeException | Error e) {
            loader.close();
            throw e;
        }
    }

    /** The {@code apps} section's instances by mount name, in config order. */
    public Map<String, Object> apps() {
        return apps;
    }

    /** The {@code sys_apps} section's instances by name, in config order. */
    public Map<String, Object> sysApps() {
        return sysApps;
    }

    /** The loader the apps came from; custom middleware classes load from it too. */
    public ClassLoader classLoader() {
        return loader.classLoader();
    }

    /** Closes the class loader; classes already loaded keep working until unreferenced. */
    @Override
    public void close() {
        loader.close();
    }
}
