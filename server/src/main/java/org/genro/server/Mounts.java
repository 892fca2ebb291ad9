package org.genro.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genro.http.Handler;
import org.genro.router.RoutingClass;
import org.genro.server.config.AppLoader;
import org.genro.server.middleware.Next;

/**
 * The application layer of a running server, swapped whole on reload: what is mounted
 * under which name, the main app, each app's middleware pipeline, and the class loader
 * the apps came from. Immutable once built.
 *
 * @param apps      user apps in mount order (routing classes or engine handlers)
 * @param sysApps   system apps, mounted under {@code _sys/}
 * @param mainApp   the app that also answers at {@code /}, or null
 * @param global    the global pipeline: global middleware, then the per-app pipeline
 * @param pipelines the per-app pipeline by mount ({@code "shop"}, {@code "_sys/admin"}),
 *                  each ending in that app; mounts without their own middleware have none
 * @param loader    where the configured apps were loaded from, or null
 */
record Mounts(Map<String, Object> apps, Map<String, Object> sysApps, String mainApp,
              Next global, Map<String, Next> pipelines, AppLoader loader) {

    /** Nothing mounted: the state before the first layer is attached. */
    static Mounts empty() {
        return new Mounts(Map.of(), Map.of(), null, null, Map.of(), null);
    }

    Mounts {
        apps = Collections.unmodifiableMap(new LinkedHashMap<>(apps));
        sysApps = Collections.unmodifiableMap(new LinkedHashMap<>(sysApps));
        pipelines = Map.copyOf(pipelines);
    }

    /** Every mounted object, user apps first, in mount order. */
    List<Object> all() {
        java.util.ArrayList<Object> out = new java.util.ArrayList<>(apps.values());
        out.addAll(sysApps.values());
        return out;
    }

    /** The engine handler mounted as {@code name}, or null. */
    Handler handler(String name) {
        Object app = name.startsWith("_sys/") ? sysApps.get(name.substring(5)) : apps.get(name);
        return app instanceof Handler h ? h : null;
    }

    static boolean mountable(Object app) {
        return app instanceof RoutingClass || app instanceof Handler;
    }
}
