package org.genro.router.tree;

/**
 * A caller's own, reusable place for the result of a lookup: which route matched and
 * where its parameters lie in the path. {@link PathTree#match(String, Captures)} fills
 * it in place, so a caller that keeps one and looks up path after path allocates
 * nothing, parameter hits included.
 * <pre>{@code
 * Captures<Handler> found = new Captures<>();      // one per thread, kept
 * Handler h = tree.match(path, found);
 * if (h != null) {
 *     h.handle(found.param("id"));                 // cut only when asked for
 * }
 * }</pre>
 *
 * <p>Every lookup replaces what the previous one left: after a miss the holder reports
 * no route and no parameters ({@link #matched()} is false, {@link #value()} throws),
 * after a static hit it reports no parameters, and an index beyond the current route's
 * parameters is refused even when an earlier, deeper lookup wrote offsets there.
 *
 * <p>The offsets array grows the first time the holder is used with a tree deeper than
 * any before, to that tree's deepest route, and is reused after; one holder serves
 * trees of any depth.
 *
 * <h2>Threads</h2>
 * Not thread-safe, and not meant to be shared: a holder belongs to one thread, which
 * looks up into it and reads it back before the next lookup. Reads reflect the last
 * lookup only, so copy out what must outlive it (or take a {@link Match} from
 * {@link PathTree#match(String)}, which never changes).
 *
 * @param <T> the value type stored in the tree
 */
public final class Captures<T> extends AbstractMatch<T> {

    private static final int[] NONE = new int[0];

    /** Creates an empty holder; it reports no match until a lookup finds one. */
    public Captures() {
        super(null, null, NONE);
    }

    /**
     * Whether the last lookup into this holder found a route.
     *
     * @return false before the first lookup, after a miss and after {@link #clear()}
     */
    public boolean matched() {
        return leaf != null;
    }

    /**
     * Forgets the last lookup, as a miss would, and lets go of the path it held: a
     * holder kept across idle periods then retains no request text.
     */
    public void clear() {
        leaf = null;
        path = null;
    }

    /**
     * Makes room for the next lookup: the offsets array grows when it cannot hold the
     * tree's deepest route, once, and every later lookup into that tree reuses it.
     */
    void reserve(int deepest) {
        if (bounds.length < 2 * deepest) {
            bounds = new int[2 * deepest];
        }
    }

    /** Takes a hit on {@code hit} in {@code text}; the search then writes its offsets here. */
    Captures<T> hold(Leaf<T> hit, String text) {
        leaf = hit;
        path = text;
        return this;
    }
}
