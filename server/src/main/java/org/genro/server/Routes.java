package org.genro.server;

import org.genro.router.Entry;
import org.genro.router.Resolution;
import org.genro.router.Router;
import org.genro.server.exchange.Destination;

/**
 * The one place that decides how a path reaches an app, and so whose middleware runs.
 *
 * <pre>
 *  path (decoded, normalized)   route path          owner
 *  /shop/list                   shop/list           shop       (a mount)
 *  /_sys/admin/x                _sys/admin/x        _sys/admin (a system app)
 *  /_server/health              _server/health      _server
 *  /greet                       hello/greet         hello      (main app "hello")
 *  /                            hello               hello      (main app), else the server's index
 *  /@checkout                   @checkout           the app owning that entry
 *  /blog/items/list             blog/items/list     the app owning the entry the alias leads to
 * </pre>
 *
 * The owner of a found entry is the app it belongs to, whatever path led there: an
 * endpoint id or an alias must not let a request around the middleware of the app that
 * owns the entry. When nothing is found, the mount the path names owns the 404. An app
 * mounted as an endpoint or an engine handler owns every path under its name and is not
 * looked up in the routing tree.
 */
final class Routes {
    private Routes() {
    }

    /**
     * Where {@code rawPath} goes in {@code layer}, looking entries up in {@code root}
     * (access is not checked: the caller is not known yet). A path that cannot be routed
     * gives a route carrying the refusal; {@code *} and the empty path (OPTIONS * and
     * CONNECT) concern the server as a whole and go nowhere.
     */
    static Destination decide(String rawPath, AppLayer layer, Router root) {
        if (rawPath.isEmpty() || rawPath.equals("*")) {
            return Destination.NONE;
        }
        try {
            return locate(RoutePath.of(rawPath), layer, root);
        } catch (RuntimeException e) {
            return Destination.refused(e);
        }
    }

    private static Destination locate(String path, AppLayer layer, Router root) {
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        String rest = slash < 0 ? "" : path.substring(slash + 1);
        String mount;
        String appPath;
        String routePath = path;
        if (first.startsWith("@")) {
            mount = null;
            appPath = path;
        } else if (first.equals("_sys") && layer.mounts("_sys/" + segment(rest))) {
            mount = "_sys/" + segment(rest);
            appPath = rest.indexOf('/') < 0 ? "" : rest.substring(rest.indexOf('/') + 1);
        } else if (first.equals("_sys") || layer.mounts(first)) {
            mount = first;
            appPath = rest;
        } else if (layer.mainApp() != null) {
            mount = layer.mainApp();
            appPath = path;
            routePath = path.isEmpty() ? mount : mount + "/" + path;
        } else {
            mount = null;
            appPath = path;
        }
        if (layer.handles(mount)) {
            return new Destination(mount, appPath, routePath, null);
        }
        if (root.locate(routePath) instanceof Resolution.Found found) {
            // usually the entry lies under the mount the path named: no need to work it out again
            String entryPath = found.entry().path();
            String owner = mount != null && entryPath.length() > mount.length() && entryPath.startsWith(mount)
                    && entryPath.charAt(mount.length()) == '/' ? mount : owner(found.entry(), layer);
            return new Destination(owner, appPath, routePath, found);
        }
        return new Destination(mount, appPath, routePath, null);
    }

    private static String segment(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    /** The mount an entry belongs to: its first path segment, or {@code _sys/<name>}; null for the server's own root entries. */
    private static String owner(Entry entry, AppLayer layer) {
        String path = entry.path();
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        if (first.equals("_sys") && slash > 0) {
            String sys = "_sys/" + segment(path.substring(slash + 1));
            return layer.mounts(sys) ? sys : "_sys";
        }
        return slash > 0 && (layer.mounts(first) || first.equals("_sys")) ? first : null;
    }
}
