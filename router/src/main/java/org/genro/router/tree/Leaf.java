package org.genro.router.tree;

/**
 * A route stored at the node where its pattern ends. It keeps a ready-made match
 * without captures: a static hit hands out this shared instance and allocates nothing,
 * and a lookup that wants the value alone ends on it whatever the route.
 */
final class Leaf<T> {

    private static final int[] NO_BOUNDS = new int[0];

    final String pattern;
    final T value;
    final String[] names;
    /** This route with no capture offsets; never written to (its array is empty). */
    final Match<T> bare;

    Leaf(String pattern, T value, String[] names) {
        this.pattern = pattern;
        this.value = value;
        this.names = names;
        this.bare = new Match<>(this, "", NO_BOUNDS);
    }
}
