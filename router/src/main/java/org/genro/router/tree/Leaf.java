package org.genro.router.tree;

/**
 * A route stored at the node where its pattern ends. It keeps a ready-made
 * parameterless {@link Match}, so a static hit hands out this shared instance and
 * allocates nothing.
 */
final class Leaf<T> {

    private static final int[] NO_BOUNDS = new int[0];

    final String pattern;
    final T value;
    final String[] names;
    final Match<T> staticMatch;

    Leaf(String pattern, T value, String[] names) {
        this.pattern = pattern;
        this.value = value;
        this.names = names;
        this.staticMatch = names.length == 0 ? new Match<>(this, "", NO_BOUNDS) : null;
    }
}
