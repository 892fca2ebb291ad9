package org.genro.server;

import java.util.List;
import org.genro.router.Entry;
import org.genro.router.Resolution;
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
 * them ({@code /item/42}) are not remembered whole, so a client walking many paths cannot
 * evict the ones in use with paths that will not come again: it only replaces them with
 * others that lead to a fixed entry.
 *
 * <p>A path that ends in the one positional argument of the entry named by the rest of it
 * ({@code /shop/item/42}: entry {@code shop/item}, argument {@code 42}) is remembered by its
 * prefix, {@code /shop/item/}, instead: every path made of that prefix and one more plain
 * segment goes to the same entry with that segment as its argument. The routing tree holds
 * nothing under an entry but the rest of the path (a router refuses a branch or an alias
 * named as one of its entries), so no segment can lead elsewhere. The prefixes come
 * from the app's entries, not from the client's values: a client walking many ids reuses
 * one prefix, and one walking many prefixes finds no entry for most and leaves the table as
 * it was.
 *
 * <p>The tables are direct-mapped and shared without locks: each remembered decision is an
 * immutable record, published whole by its final fields, and a slot two paths share keeps
 * the one that came last.
 */
final class Decisions {
    private record Remembered(String path, AppLayer layer, long version, Destination destination) {
    }

    /**
     * The decision for the paths {@code prefix + segment}, but for the segment itself. Such
     * a path is routed as sent, its route starting after the leading slash.
     */
    private record ByPrefix(String prefix, AppLayer layer, long version, String app, int appStart, Entry entry) {
    }

    private static final int SIZE = 256;
    private final Remembered[] table = new Remembered[SIZE];
    private final ByPrefix[] prefixes = new ByPrefix[SIZE];
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
        int segment = rawPath.lastIndexOf('/') + 1; // where the last segment starts
        int prefixSlot = segment > 1 && plainSegment(rawPath, segment) ? prefixSlot(rawPath, segment) : -1;
        ByPrefix p = prefixSlot < 0 ? null : byPrefix(prefixSlot, rawPath, segment, layer, version);
        if (p != null) {
            return Destination.within(p.app, rawPath, 1, p.appStart, rawPath.length(),
                    new Resolution.Found(p.entry, List.of(rawPath.substring(segment))));
        }
        Destination d = Routes.decide(rawPath, layer, root);
        if (d.found() != null && d.refusal() == null) {
            if (d.found().positional().isEmpty()) {
                table[slot] = new Remembered(rawPath, layer, version, d);
            } else if (prefixSlot >= 0 && argumentAfterItsEntry(d, rawPath, segment)) {
                prefixes[prefixSlot] = new ByPrefix(rawPath.substring(0, segment), layer, version, d.app(),
                        rawPath.length() - d.appPath().length(), d.found().entry());
            }
        }
        return d;
    }

    /** The decision remembered in {@code slot} for {@code rawPath[0, segment)}, if it holds in {@code layer} now. */
    private ByPrefix byPrefix(int slot, String rawPath, int segment, AppLayer layer, long version) {
        ByPrefix p = prefixes[slot];
        return p != null && p.layer == layer && p.version == version && p.prefix.length() == segment
                && rawPath.startsWith(p.prefix) ? p : null;
    }

    /** Whether a prefix of {@code rawPath} is remembered, valid now in {@code layer}: for tests. */
    boolean remembersPrefixOf(String rawPath, AppLayer layer) {
        int segment = rawPath.lastIndexOf('/') + 1;
        return segment > 1 && plainSegment(rawPath, segment)
                && byPrefix(prefixSlot(rawPath, segment), rawPath, segment, layer, Router.structureVersion()) != null;
    }

    /**
     * Whether {@code rawPath[from, end)} is a segment that leaves a plain path plain (see
     * {@link RoutePath#plain}): not empty, no escape, no slash, not starting with a dot.
     */
    private static boolean plainSegment(String rawPath, int from) {
        int end = rawPath.length();
        if (from >= end || rawPath.charAt(from) == '.') {
            return false;
        }
        for (int i = from; i < end; i++) {
            if (rawPath.charAt(i) == '%') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code d} is the decision every {@code rawPath[0, segment) + segment} would get:
     * the path was routed as sent (plain, under its mount, nothing cut out or added), and
     * its entry is named by all of it but the last segment, which is the entry's one
     * positional argument.
     */
    private static boolean argumentAfterItsEntry(Destination d, String rawPath, int segment) {
        List<String> positional = d.found().positional();
        String entry = d.found().entry().path();
        int end = rawPath.length();
        return positional.size() == 1 && positional.get(0).length() == end - segment
                && d.routePath().length() == end - 1 && rawPath.startsWith(d.routePath(), 1)
                && entry.length() == segment - 2 && rawPath.startsWith(entry, 1)
                && d.appPath().length() < end - 1 && rawPath.endsWith(d.appPath());
    }

    /** The slot of {@code rawPath}, its hash's high bits mixed in so that paths differing near their end still spread. */
    static int slot(String rawPath) {
        int h = rawPath.hashCode();
        return (h ^ h >>> 16) & (SIZE - 1);
    }

    /** The slot of {@code rawPath[0, end)} in the prefix table: {@link #slot} of that substring, without making it. */
    static int prefixSlot(String rawPath, int end) {
        int h = MountTable.hash(rawPath, 0, end);
        return (h ^ h >>> 16) & (SIZE - 1);
    }
}
