package org.genro.server.exchange;

import java.util.Objects;
import org.genro.router.Resolution;

/**
 * Where a request goes, decided once before any middleware runs: the app that owns it
 * (which also picks whose middleware runs), the path inside that app, the path the
 * router resolves, and the entry found there. Access is not checked yet: the caller is
 * known only after the middleware has run, and the dispatcher checks it then.
 *
 * <p>A value: two destinations are equal when their five parts are. The server decides
 * one for every request, and most requests go to an entry that never reads its paths, so
 * it makes them {@link #within regions of the path it routed}, each cut out the first
 * time it is asked for. A destination may be shared between threads: a path cut out on
 * one is an immutable String, and another thread at worst cuts it out again.
 */
public final class Destination {
    /** Not routed anywhere: requests about the server as a whole, and exchanges built by tests. */
    public static final Destination NONE = new Destination(null, "", "", null, null);

    private final String app;
    private final Resolution.Found found;
    private final RuntimeException refusal;
    /** The text both paths are regions of, with the regions' bounds; null for a destination made with its paths. */
    private final String text;
    private final int routeStart;
    private final int appStart;
    private final int end;
    private String appPath;
    private String routePath;

    /**
     * A destination with its paths given.
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
     * @throws IllegalArgumentException when a path is missing
     */
    public Destination(String app, String appPath, String routePath, Resolution.Found found, RuntimeException refusal) {
        if (appPath == null || routePath == null) {
            throw new IllegalArgumentException("a destination needs its app path and route path");
        }
        this.app = app;
        this.appPath = appPath;
        this.routePath = routePath;
        this.found = found;
        this.refusal = refusal;
        this.text = null;
        this.routeStart = 0;
        this.appStart = 0;
        this.end = 0;
    }

    /** A destination in {@code app} and the entry {@code found} there (null for none). */
    public Destination(String app, String appPath, String routePath, Resolution.Found found) {
        this(app, appPath, routePath, found, null);
    }

    private Destination(String app, String text, int routeStart, int appStart, int end, Resolution.Found found) {
        this.app = app;
        this.found = found;
        this.refusal = null;
        this.text = text;
        this.routeStart = routeStart;
        this.appStart = appStart;
        this.end = end;
    }

    /**
     * A destination whose route path is {@code text[routeStart, end)} and whose app path is
     * {@code text[appStart, end)}, empty when {@code appStart >= end}; each is cut out of
     * {@code text} when first asked for.
     *
     * @throws IndexOutOfBoundsException when the regions do not lie within {@code text}
     */
    public static Destination within(String app, String text, int routeStart, int appStart, int end,
                                     Resolution.Found found) {
        Objects.checkFromToIndex(routeStart, end, text.length());
        if (appStart < routeStart) {
            throw new IndexOutOfBoundsException("the app path starts before the route path: " + appStart);
        }
        return new Destination(app, text, routeStart, appStart, end, found);
    }

    /** A request whose destination could not be decided. */
    public static Destination refused(RuntimeException why) {
        return new Destination(null, "", "", null, why);
    }

    /** The owning mount: an app name, {@code _sys/<name>}, {@code _server}, or null for the server's own root entries. */
    public String app() {
        return app;
    }

    /** The decoded path inside the app, without the mount segment. */
    public String appPath() {
        String p = appPath;
        if (p == null) {
            p = appStart >= end ? "" : text.substring(appStart, end);
            appPath = p;
        }
        return p;
    }

    /** The decoded path from the root of the routing tree. */
    public String routePath() {
        String p = routePath;
        if (p == null) {
            p = text.substring(routeStart, end);
            routePath = p;
        }
        return p;
    }

    /** The entry and its positional arguments, or null when nothing in the routing tree answers. */
    public Resolution.Found found() {
        return found;
    }

    /** Why no destination could be decided, or null. */
    public RuntimeException refusal() {
        return refusal;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Destination d && Objects.equals(app, d.app) && appPath().equals(d.appPath())
                && routePath().equals(d.routePath()) && Objects.equals(found, d.found) && Objects.equals(refusal, d.refusal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(app, appPath(), routePath(), found, refusal);
    }

    @Override
    public String toString() {
        return "Destination[app=" + app + ", appPath=" + appPath() + ", routePath=" + routePath() + ", found=" + found
                + ", refusal=" + refusal + "]";
    }
}
