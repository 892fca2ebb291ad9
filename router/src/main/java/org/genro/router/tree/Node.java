package org.genro.router.tree;

import java.util.Arrays;

/**
 * One node of the radix tree. A static node carries a compressed edge label
 * ({@link #prefix}); parameter and catch-all nodes carry none, because they consume
 * path text by rule rather than by comparison.
 *
 * <p>Invariants (checked by the tests after every insert):
 * <ul>
 *   <li>{@code indices[i] == children[i].prefix.charAt(0)}, all distinct, so at most one
 *       static child can continue a given path;</li>
 *   <li>a static node other than the root has a non-empty prefix; without a leaf, a
 *       parameter or a catch-all child it has at least two static children (one alone
 *       would have been merged into it);</li>
 *   <li>a parameter node continues only with static children starting with '/';</li>
 *   <li>a catch-all node has a leaf and nothing below it;</li>
 *   <li>a static child's {@link #weight} is the number of routes below it, and siblings
 *       are ordered heaviest first.</li>
 * </ul>
 */
final class Node<T> {

    static final int STATIC = 0;
    static final int PARAM = 1;
    static final int CATCH_ALL = 2;

    private static final char[] NO_INDICES = new char[0];

    final int kind;
    String prefix;
    /** {@link #prefix} as chars, for the matching loop. */
    char[] label;
    char[] indices = NO_INDICES;
    @SuppressWarnings("unchecked")
    Node<T>[] children = (Node<T>[]) new Node<?>[0];
    /** Routes inserted through this node; children are kept heaviest first (see {@link #promote}). */
    int weight;
    Node<T> param;
    Node<T> catchAll;
    Leaf<T> leaf;

    Node(int kind, String prefix) {
        this.kind = kind;
        this.prefix = prefix;
        this.label = prefix.toCharArray();
    }

    /** Index of the static child whose label starts with {@code c}, or -1. */
    int childIndex(char c) {
        // A linear scan over a few chars beats hashing: fan-out is small in real route sets.
        char[] idx = indices;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] == c) {
                return i;
            }
        }
        return -1;
    }

    void addChild(Node<T> child) {
        int n = indices.length;
        indices = Arrays.copyOf(indices, n + 1);
        indices[n] = child.prefix.charAt(0);
        children = Arrays.copyOf(children, n + 1);
        children[n] = child;
    }

    /**
     * Counts one more route through child {@code i} and moves it ahead of lighter
     * siblings, so the linear scan in {@link #childIndex} meets busy edges first (the
     * ordering httprouter uses). Order never affects the result: first characters are
     * distinct.
     */
    void promote(int i) {
        Node<T> child = children[i];
        child.weight++;
        while (i > 0 && children[i - 1].weight < child.weight) {
            children[i] = children[i - 1];
            indices[i] = indices[i - 1];
            i--;
        }
        children[i] = child;
        indices[i] = child.prefix.charAt(0);
    }

    /**
     * Splits this node's label at {@code at}: the head stays here (same identity, so the
     * parent's arrays stay valid), the tail moves to a new only child with the old content.
     */
    void split(int at) {
        Node<T> tail = new Node<>(STATIC, prefix.substring(at));
        tail.indices = indices;
        tail.children = children;
        tail.param = param;
        tail.catchAll = catchAll;
        tail.leaf = leaf;
        tail.weight = weight;
        prefix = prefix.substring(0, at);
        label = prefix.toCharArray();
        indices = NO_INDICES;
        @SuppressWarnings("unchecked")
        Node<T>[] none = (Node<T>[]) new Node<?>[0];
        children = none;
        param = null;
        catchAll = null;
        leaf = null;
        addChild(tail);
    }
}
