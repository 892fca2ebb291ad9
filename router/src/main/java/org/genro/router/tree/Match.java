package org.genro.router.tree;

/**
 * The result of {@link PathTree#match(String)}: the stored value and the captured
 * parameters, by index in pattern order (names shared with the route). A match never
 * changes once returned.
 *
 * <p>A static hit returns one shared instance per route. A parameter hit gets a fresh
 * instance holding the path and the start/end offsets of each capture, nothing more.
 * A caller that looks up many paths on one thread and wants no garbage at all passes a
 * {@link Captures} of its own to {@link PathTree#match(String, Captures)} instead.
 *
 * @param <T> the value type stored in the tree
 */
public final class Match<T> extends AbstractMatch<T> {

    Match(Leaf<T> leaf, String path, int[] bounds) {
        super(leaf, path, bounds);
    }
}
