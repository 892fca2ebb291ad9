package org.genro.server.exchange;

import org.genro.router.Resolution;

/**
 * Where a request goes, decided once before any middleware runs: the app that owns it
 * (which also picks whose middleware runs), the path inside that app, the path the
 * router resolves, and the entry found there. Access is not checked yet: the caller is
 * known only after the middleware has run, and the dispatcher checks it then.
 *
 * @param app       the owning mount: an app name, {@code _sys/<name>}, {@code _server},
 *                  or null for the server's own root entries
 * @param appPath   the decoded path inside the app, without the mount segment
 * @param routePath the decoded path from the root of the routing tree
 * @param found     the entry and its positional arguments, or null when nothing in the
 *                  routing tree answers (a 404, or an engine handler mounted as the app)
 * @param refusal   why no destination could be decided (a path that cannot be decoded safely,
 *                  a lazy branch that failed to build), or null. The pipeline throws it
 *                  after the global middleware, so they see it like any other failure
 */
public record Destination(String app, String appPath, String routePath, Resolution.Found found, RuntimeException refusal) {
    /** Not routed anywhere: requests about the server as a whole, and exchanges built by tests. */
    public static final Destination NONE = new Destination(null, "", "", null, null);

    /** Checks that the paths are present. */
    public Destination {
        if (appPath == null || routePath == null) {
            throw new IllegalArgumentException("a destination needs its app path and route path");
        }
    }

    /** A destination in {@code app} and the entry {@code found} there (null for none). */
    public Destination(String app, String appPath, String routePath, Resolution.Found found) {
        this(app, appPath, routePath, found, null);
    }

    /** A request whose destination could not be decided. */
    public static Destination refused(RuntimeException why) {
        return new Destination(null, "", "", null, why);
    }
}
