package org.genro.router.tree;

/**
 * A route stored at the node where its pattern ends. It keeps a ready-made
 * parameterless {@link Match}, so a static hit hands out this shared instance and
 * allocates nothing, and the shape of its captures, so that once a lookup has found
 * this route without recording anything the offsets of its parameters follow from one
 * pass over the path (see {@link PathTree#locate}).
 */
final class Leaf<T> {

    private static final int[] NO_BOUNDS = new int[0];

    final String pattern;
    final T value;
    final String[] names;
    /** For each capture, the literal characters between the previous capture (or the start) and it. */
    final int[] gaps;
    /** Whether the last capture is a catch-all, which takes the rest of the path. */
    final boolean catchAll;
    final Match<T> staticMatch;

    Leaf(Template template, T value) {
        this.pattern = template.pattern();
        this.value = value;
        this.names = template.names();
        this.gaps = new int[names.length];
        int k = 0;
        int literal = 0;
        for (Template.Piece piece : template.pieces()) {
            if (piece instanceof Template.Literal l) {
                literal += l.text().length();
            } else {
                gaps[k++] = literal;
                literal = 0;
            }
        }
        this.catchAll = !template.pieces().isEmpty() && template.pieces().getLast() instanceof Template.CatchAll;
        this.staticMatch = names.length == 0 ? new Match<>(this, "", NO_BOUNDS) : null;
    }
}
