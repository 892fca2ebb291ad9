package org.genro.router.tree;

import java.util.Objects;

/**
 * A radix tree from path patterns to values of any type.
 *
 * <h2>Matching rules, as worked examples</h2>
 * <pre>
 *  routes                          path               result
 *  /users/new, /users/{id}         /users/new         /users/new            static beats parameter
 *  /users/new, /users/{id}         /users/42          /users/{id}  id=42
 *  /users/{id}, /users/{*rest}     /users/42          /users/{id}  id=42    parameter beats catch-all
 *  /users/{id}, /users/{*rest}     /users/42/posts    /users/{*rest} rest=42/posts
 *  /a/b/c, /a/{x}/d                /a/b/d             /a/{x}/d  x=b         backtracks out of the static /a/b
 *  /files/{*path}                  /files/            no match              a catch-all needs one character
 *  /users/{id}                     /users/            no match              so does a parameter
 *  /users/{id}                     /users/4/          no match              no trailing-slash folding
 *  /users/{id}/posts               /users/4/posts     id=4                  a parameter stops at '/'
 * </pre>
 * At every node the tree tries, in order, the static child that continues the path,
 * then the parameter child, then the catch-all child, and backtracks when a branch
 * fails further down. The first complete match wins, which makes a route's priority a
 * segment-by-segment comparison: static before {@code {name}} before {@code {*name}}.
 *
 * <h2>Patterns</h2>
 * Literal text, {@code {name}} (one non-empty segment, i.e. up to the next '/') and a
 * final {@code {*name}} (the non-empty rest of the path, '/' included). A parameter owns
 * a whole segment: {@code /file.{ext}} is refused. Two patterns conflict when they
 * match exactly the same paths, whatever their parameter names:
 * <pre>
 *  /users/{id}    then /users/{name}     RouteConflictException naming /users/{id}
 *  /f/{*a}        then /f/{*b}           RouteConflictException naming /f/{*a}
 *  /users/{id}    then /users/{id}/x     fine: different shapes
 * </pre>
 * Conflicts and malformed patterns are reported at insert time and leave the tree
 * unchanged.
 *
 * <h2>Lookups</h2>
 * Three ways to look a path up, all following the rules above:
 * <pre>
 *  call                          returns                     allocates per lookup
 *  match(path)                   a Match, or null            nothing on a static hit or a miss;
 *                                                            a Match and its offsets on a parameter hit
 *  match(path, captures)         the value, or null; route   nothing (the holder's array grows once
 *                                and offsets in the holder   per tree deeper than any before)
 *  find(path)                    the value, or null          nothing
 * </pre>
 * Each has a form taking a range of a larger string. A lookup walks the path once per
 * tried branch; no step depends on the number of routes. Captures are kept as offsets
 * into the path, and the value strings are cut only when asked for.
 *
 * <h2>Threads</h2>
 * Inserts are not synchronized. Build the tree, then publish it safely (a final or
 * volatile field); any number of threads may then look up concurrently, each into a
 * {@link Captures} of its own.
 *
 * @param <T> the value type
 */
public final class PathTree<T> {

    final Node<T> root = new Node<>(Node.STATIC, "");
    private int size;
    /** The most parameters any route has: how much room a {@link Captures} may need. */
    private int deepest;

    /** Creates an empty tree. */
    public PathTree() {
    }

    /**
     * Adds a route.
     *
     * @param pattern the route pattern, see the class documentation
     * @param value the value to return for paths matching it; not null, because a null
     *     value is what {@link #find} and {@link #match(String, Captures)} return for a miss
     * @throws RouteConflictException when an existing route matches the same paths
     * @throws IllegalArgumentException when the pattern is malformed
     * @throws NullPointerException when the value is null
     */
    public void insert(String pattern, T value) {
        Template template = Template.parse(pattern);
        Objects.requireNonNull(value, () -> "null value for route '" + pattern + "'");
        Node<T> node = place(template, false);
        if (node.leaf != null) {
            throw new RouteConflictException(pattern, node.leaf.pattern);
        }
        node.leaf = new Leaf<>(template, value);
        size++;
        deepest = Math.max(deepest, template.names().length);
        // Second walk, over nodes that all exist now: count the route on its edges.
        place(template, true);
    }

    /**
     * Number of routes inserted.
     *
     * @return the route count
     */
    public int size() {
        return size;
    }

    /**
     * Finds the route for a whole path.
     *
     * @param path the path to match
     * @return the match, or {@code null} when no route matches
     */
    public Match<T> match(String path) {
        return match(path, 0, path.length());
    }

    /**
     * Finds the route for {@code path.substring(from, to)} without copying it.
     *
     * @param path the text holding the path
     * @param from index of the first character of the path
     * @param to index just past the last character of the path
     * @return the match, or {@code null} when no route matches
     * @throws IndexOutOfBoundsException when the range is not inside {@code path}
     */
    public Match<T> match(String path, int from, int to) {
        Objects.checkFromToIndex(from, to, path.length());
        Leaf<T> leaf = search(root, path, from, to);
        if (leaf == null) {
            return null;
        }
        if (leaf.staticMatch != null) {
            return leaf.staticMatch;
        }
        int[] bounds = new int[2 * leaf.names.length];
        locate(leaf, path, from, to, bounds);
        return new Match<>(leaf, path, bounds);
    }

    /**
     * Finds the route for a whole path and leaves it, with the offsets of its captures,
     * in a holder the caller owns and reuses: no allocation, whatever the route.
     *
     * @param path the path to match
     * @param into where to leave the result; what it held before is replaced, on a miss too
     * @return the value of the matching route, or {@code null} when no route matches
     */
    public T match(String path, Captures<T> into) {
        return match(path, 0, path.length(), into);
    }

    /**
     * Finds the route for {@code path.substring(from, to)} without copying it, and leaves
     * it in {@code into}, as {@link #match(String, Captures)} does. Capture offsets are
     * indexes into {@code path}.
     *
     * @param path the text holding the path
     * @param from index of the first character of the path
     * @param to index just past the last character of the path
     * @param into where to leave the result; what it held before is replaced, on a miss too
     * @return the value of the matching route, or {@code null} when no route matches
     * @throws IndexOutOfBoundsException when the range is not inside {@code path}
     *     ({@code into} is then left as it was)
     */
    public T match(String path, int from, int to, Captures<T> into) {
        Objects.checkFromToIndex(from, to, path.length());
        Leaf<T> leaf = search(root, path, from, to);
        if (leaf == null) {
            into.clear();
            return null;
        }
        locate(leaf, path, from, to, into.reserve(deepest));
        into.hold(leaf, path);
        return leaf.value;
    }

    /**
     * The value of the route for a whole path, for callers that need no captures.
     *
     * @param path the path to match
     * @return the value of the matching route, or {@code null} when no route matches
     */
    public T find(String path) {
        return find(path, 0, path.length());
    }

    /**
     * The value of the route for {@code path.substring(from, to)}, for callers that
     * need no captures; allocates nothing.
     *
     * @param path the text holding the path
     * @param from index of the first character of the path
     * @param to index just past the last character of the path
     * @return the value of the matching route, or {@code null} when no route matches
     * @throws IndexOutOfBoundsException when the range is not inside {@code path}
     */
    public T find(String path, int from, int to) {
        Objects.checkFromToIndex(from, to, path.length());
        Leaf<T> leaf = search(root, path, from, to);
        return leaf == null ? null : leaf.value;
    }

    /**
     * Walks to (creating as needed) the node where the template ends. Nodes are only
     * created on the way to an empty slot, so a conflict found at the end means nothing
     * was created and the tree is unchanged. With {@code count}, each static edge taken
     * gains weight (see {@link Node#promote}).
     */
    private Node<T> place(Template template, boolean count) {
        Node<T> node = root;
        for (Template.Piece piece : template.pieces()) {
            node = switch (piece) {
                case Template.Literal literal -> descend(node, literal.text(), count);
                case Template.Param ignored -> {
                    if (node.param == null) {
                        node.param = new Node<>(Node.PARAM, "");
                    }
                    yield node.param;
                }
                case Template.CatchAll ignored -> {
                    if (node.catchAll == null) {
                        node.catchAll = new Node<>(Node.CATCH_ALL, "");
                    }
                    yield node.catchAll;
                }
            };
        }
        return node;
    }

    /** Follows static edges for {@code text}, splitting an edge where the text diverges. */
    private Node<T> descend(Node<T> node, String text, boolean count) {
        int pos = 0;
        while (pos < text.length()) {
            int i = node.childIndex(text.charAt(pos));
            if (i < 0) {
                Node<T> child = new Node<>(Node.STATIC, text.substring(pos));
                node.addChild(child);
                return child;
            }
            Node<T> child = node.children[i];
            int common = commonPrefix(child.prefix, text, pos);
            if (common < child.prefix.length()) {
                child.split(common);
            }
            if (count) {
                node.promote(i);
            }
            pos += common;
            node = child;
        }
        return node;
    }

    private static int commonPrefix(String label, String text, int from) {
        int max = Math.min(label.length(), text.length() - from);
        int n = 0;
        while (n < max && label.charAt(n) == text.charAt(from + n)) {
            n++;
        }
        return n;
    }

    /**
     * Depth-first search: static child, then parameter, then catch-all, backtracking on
     * failure. A static edge out of a node without wildcard children is followed in the
     * loop rather than by recursion: there is nothing to come back for.
     *
     * <p>It returns the route and records nothing on the way. Carrying an offsets array
     * down the recursion to fill while unwinding made every lookup slower, {@link #find}
     * included (about 7 ns per parameter hit on the GitHub routes, measured as CPU time with
     * the variants interleaved in one JVM); {@link #locate} then charges the captures only
     * to the callers that want them.
     */
    private static <T> Leaf<T> search(Node<T> node, String path, int pos, int end) {
        while (true) {
            if (pos == end) {
                return node.leaf;
            }
            int i = node.childIndex(path.charAt(pos));
            if (i >= 0) {
                Node<T> child = node.children[i];
                int next = follow(child.label, path, pos, end);
                if (next >= 0) {
                    if (node.param == null && node.catchAll == null) {
                        node = child;
                        pos = next;
                        continue;
                    }
                    Leaf<T> leaf = search(child, path, next, end);
                    if (leaf != null) {
                        return leaf;
                    }
                }
            }
            // The static way failed: the parameter child, then the catch-all child.
            if (node.param != null) {
                int stop = segmentEnd(path, pos, end);
                if (stop > pos) {
                    Leaf<T> leaf = search(node.param, path, stop, end);
                    if (leaf != null) {
                        return leaf;
                    }
                }
            }
            // pos < end here, so the rest is non-empty as a catch-all requires.
            return node.catchAll == null ? null : node.catchAll.leaf;
        }
    }

    /**
     * Compares an edge label with the path at {@code pos}; the first character is already
     * known to match (it selected the edge).
     *
     * @return the position after the label, or -1 when the path differs or is too short
     */
    private static int follow(char[] label, String path, int pos, int end) {
        int n = label.length;
        if (end - pos < n) {
            return -1;
        }
        for (int k = 1; k < n; k++) {
            if (path.charAt(pos + k) != label[k]) {
                return -1;
            }
        }
        return pos + n;
    }

    /** Where a parameter starting at {@code pos} ends: at the next '/', or at {@code end}. */
    private static int segmentEnd(String path, int pos, int end) {
        // Segments are short: a plain scan beats the vectorized indexOf's setup cost.
        int stop = pos;
        while (stop < end && path.charAt(stop) != '/') {
            stop++;
        }
        return stop;
    }

    /**
     * Writes the start and end of each of {@code leaf}'s captures in {@code path[from, to)}
     * into {@code bounds}, given that the search found {@code leaf} for that path. The
     * search took literal text character for character, each parameter up to the next
     * '/' (never less: see {@link #search}) and a catch-all the whole rest, so the
     * offsets follow from the route's shape: skip each capture's literal gap, then take
     * the segment, or the rest for a final catch-all. Only the captured characters are
     * read again.
     */
    static void locate(Leaf<?> leaf, String path, int from, int to, int[] bounds) {
        int[] gaps = leaf.gaps;
        int segments = leaf.catchAll ? gaps.length - 1 : gaps.length;
        int pos = from;
        for (int i = 0; i < segments; i++) {
            pos += gaps[i];
            int stop = segmentEnd(path, pos, to);
            bounds[2 * i] = pos;
            bounds[2 * i + 1] = stop;
            pos = stop;
        }
        if (segments < gaps.length) {
            bounds[2 * segments] = pos + gaps[segments];
            bounds[2 * segments + 1] = to;
        }
    }
}
