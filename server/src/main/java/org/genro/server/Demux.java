package org.genro.server;

import org.genro.router.Caller;
import org.genro.router.Entry;
import org.genro.router.Resolution;
import org.genro.router.Router;

/**
 * Picks the app a request belongs to, before any middleware runs, so the global
 * pipeline can hand it to that app's own pipeline. The first path segment (decoded and
 * normalized) names a mount, {@code _server} or {@code _sys/<name>}; an endpoint id
 * ({@code @id}) belongs to the app owning its entry; anything else goes to the main app
 * with the whole path, or to the server's own entries.
 */
final class Demux {
    private Demux() {
    }

    /** Sets the exchange's app, app path and route path. */
    static void route(Exchange exchange, Mounts m, Router root) {
        String path = RoutePath.of(exchange.path());
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        String rest = slash < 0 ? "" : path.substring(slash + 1);
        if (first.startsWith("@")) {
            // an endpoint id may point anywhere: route it through the pipeline of the app
            // that owns the entry, so that app's own middleware still guards it
            exchange.routedTo(owner(path, root), path, path);
            return;
        }
        if (first.equals("_sys") && !rest.isEmpty()) {
            int s2 = rest.indexOf('/');
            String sys = s2 < 0 ? rest : rest.substring(0, s2);
            if (m.sysApps().containsKey(sys)) {
                exchange.routedTo("_sys/" + sys, s2 < 0 ? "" : rest.substring(s2 + 1), path);
                return;
            }
        }
        if (first.equals("_server") || first.equals("_sys") || m.apps().containsKey(first)) {
            exchange.routedTo(first, rest, path);
        } else if (m.mainApp() != null) {
            exchange.routedTo(m.mainApp(), path, path.isEmpty() ? m.mainApp() : m.mainApp() + "/" + path);
        } else {
            exchange.routedTo(null, path, path);
        }
    }

    /** The mount owning the entry an {@code @id} path names, or null when none does. */
    private static String owner(String path, Router root) {
        Entry entry = switch (root.resolve(path, Caller.anonymous())) {
            case Resolution.Found f -> f.entry();
            case Resolution.NotAuthenticated n -> n.entry();
            case Resolution.NotAuthorized n -> n.entry();
            case Resolution.NotAvailable n -> n.entry();
            case Resolution.NotFound n -> null;
        };
        if (entry == null) {
            return null;
        }
        String[] parts = entry.path().split("/", 3);
        return parts[0].equals("_sys") && parts.length > 1 ? "_sys/" + parts[1] : parts[0];
    }
}
