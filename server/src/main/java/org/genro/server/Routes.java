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
    /** The mount of the server's own pages. */
    static final String SERVER = "_server";
    /** The mount under which system apps live, each as {@code _sys/<name>}. */
    static final String SYS = "_sys";

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
            if (RoutePath.plain(rawPath)) {
                // the router form is a region of the path as sent: routed there, nothing cut out
                return locate(rawPath, 1, RoutePath.plainEnd(rawPath), layer, root);
            }
            String path = RoutePath.of(rawPath);
            return locate(path, 0, path.length(), layer, root);
        } catch (RuntimeException e) {
            return Destination.refused(e);
        }
    }

    /**
     * Where the path {@code text[from, to)} goes, in router form. {@code text} is handed to
     * the router whole: it is either that path or the path as sent, with one slash at
     * {@code from - 1} and at most one at {@code to}, and the router leaves out the slashes
     * around a path itself.
     */
    private static Destination locate(String text, int from, int to, AppLayer layer, Router root) {
        MountTable names = layer.names();
        int slash = text.indexOf('/', from);
        int firstEnd = slash < 0 || slash >= to ? to : slash;
        String mount = null;
        int appStart = from; // where the app path begins in route; past routeEnd for none
        String route = text;
        int routeStart = from;
        int routeEnd = to;
        if (from == to || text.charAt(from) != '@') {
            mount = names.find(text, from, firstEnd);
            if (SYS.equals(mount)) {
                // a system app owns its own subtree; what no system app owns is _sys's
                int secondEnd = firstEnd == to ? -1 : segmentEnd(text, firstEnd + 1, to);
                String sys = firstEnd == to ? null : names.find(text, from, secondEnd);
                if (sys != null) {
                    mount = sys;
                    appStart = secondEnd + 1;
                } else {
                    appStart = firstEnd + 1;
                }
            } else if (mount != null) {
                appStart = firstEnd + 1;
            } else if (layer.mainApp() != null) {
                mount = layer.mainApp();
                // the slash before a region of the path as sent comes with it
                route = from == to ? mount : from > 0 ? mount + text.substring(from - 1, to) : mount + "/" + text;
                routeStart = 0;
                routeEnd = route.length();
                appStart = mount.length() + 1;
            }
        }
        if (layer.handles(mount)) {
            return Destination.within(mount, route, routeStart, appStart, routeEnd, null);
        }
        if (root.locate(route) instanceof Resolution.Found found) {
            // usually the entry lies under the mount the path named: no need to work it out again
            String owner = mount != null && under(found.entry(), mount) ? mount : owner(found.entry(), names);
            return Destination.within(owner, route, routeStart, appStart, routeEnd, found);
        }
        return Destination.within(mount, route, routeStart, appStart, routeEnd, null);
    }

    /**
     * Whether {@code entry}'s path begins with {@code mount} and a slash. An entry's path is
     * its router's path, a slash and its name, which holds no slash; so the router's path
     * tells, and for an app's own entries it is the router's name, a String it already
     * holds, where the entry's path would be put together anew on every request.
     */
    private static boolean under(Entry entry, String mount) {
        String routerPath = entry.router().path();
        // an app's router is usually attached under the very String the mount table holds
        return routerPath == mount || routerPath.startsWith(mount)
                && (routerPath.length() == mount.length() || routerPath.charAt(mount.length()) == '/');
    }

    /** Where the segment starting at {@code from} ends: the next slash, or {@code to}. */
    private static int segmentEnd(String path, int from, int to) {
        int slash = path.indexOf('/', from);
        return slash < 0 || slash > to ? to : slash;
    }

    /** The mount an entry belongs to: its first path segment, or {@code _sys/<name>}; null for the server's own root entries. */
    private static String owner(Entry entry, MountTable names) {
        String path = entry.path();
        int slash = path.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        String first = names.find(path, 0, slash);
        if (SYS.equals(first)) {
            String sys = names.find(path, 0, segmentEnd(path, slash + 1, path.length()));
            return sys != null ? sys : first;
        }
        return first;
    }
}
