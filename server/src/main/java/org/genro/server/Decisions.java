package org.genro.server;

import org.genro.router.Router;
import org.genro.server.exchange.Destination;

/**
 * Routing decisions remembered for the paths that lead to an entry with no path
 * arguments: the handful of fixed paths (a health check, a page, an API call without
 * parameters) that most traffic asks for over and over. Deciding such a path again means
 * decoding it, finding its mount and walking the routing tree, to reach the same answer.
 *
 * <p>A decision is a function of the path as sent, the application layer and the routing
 * trees, so it is used again only for the same path, in the same layer, while
 * {@link Router#structureVersion()} has not moved; the version is read before deciding,
 * so a change made meanwhile leaves the decision already stale. Access is not part of a
 * decision: the dispatcher checks the caller on every request. Paths with arguments in
 * them ({@code /item/42}) are not remembered, so a client walking many paths cannot evict
 * the ones in use with paths that will not come again: it only replaces them with others
 * that lead to a fixed entry.
 *
 * <p>The table is direct-mapped and shared without locks: each remembered decision is an
 * immutable record, published whole by its final fields, and a slot two paths share keeps
 * the one that came last.
 */
final class Decisions {
    private record Remembered(String path, AppLayer layer, long version, Destination destination) {
    }

    private static final int SIZE = 256;
    private final Remembered[] table = new Remembered[SIZE];
    private final Router root;

    Decisions(Router root) {
        this.root = root;
    }

    /** Where {@code rawPath} goes in {@code layer}: as {@link Routes#decide}, remembered when it can be. */
    Destination decide(String rawPath, AppLayer layer) {
        int slot = slot(rawPath);
        long version = Router.structureVersion();
        Remembered r = table[slot];
        if (r != null && r.layer == layer && r.version == version && r.path.equals(rawPath)) {
            return r.destination;
        }
        Destination d = Routes.decide(rawPath, layer, root);
        if (d.found() != null && d.found().positional().isEmpty() && d.refusal() == null) {
            table[slot] = new Remembered(rawPath, layer, version, d);
        }
        return d;
    }

    /** The slot of {@code rawPath}, its hash's high bits mixed in so that paths differing near their end still spread. */
    static int slot(String rawPath) {
        int h = rawPath.hashCode();
        return (h ^ h >>> 16) & (SIZE - 1);
    }
}
