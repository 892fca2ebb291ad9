package org.genro.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genro.http.Handler;
import org.genro.router.Router;
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

    /**
     * Swaps the routing tree's branches from {@code old} to {@code next}: user apps under
     * {@code root}, system apps under {@code sys}. A name present in both is replaced in
     * one step ({@code replaceBranch}), so a request in between sees the old app or the
     * new one, fully wired, never a gap or an unchecked entry.
     */
    static void attach(Router root, Router sys, Mounts old, Mounts next) {
        attachAll(root, old.apps(), next.apps());
        attachAll(sys, old.sysApps(), next.sysApps());
    }

    private static void attachAll(Router on, Map<String, Object> old, Map<String, Object> next) {
        for (Map.Entry<String, Object> e : next.entrySet()) {
            Object before = old.get(e.getKey());
            if (e.getValue() instanceof RoutingClass rc && before != rc) {
                if (before instanceof RoutingClass) {
                    on.replaceBranch(e.getKey(), rc);
                } else {
                    on.branch(e.getKey(), rc);
                }
            }
        }
        for (Map.Entry<String, Object> e : old.entrySet()) {
            if (e.getValue() instanceof RoutingClass && !(next.get(e.getKey()) instanceof RoutingClass)) {
                on.removeBranch(e.getKey());
            }
        }
    }
}
