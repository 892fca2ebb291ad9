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

    /** Marks a search for the value alone (see {@link #found}); never filled, never handed out. */
    private static final Captures<?> VALUE_ONLY = new Captures<>();

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
        Node<T> node = locate(template, false);
        if (node.leaf != null) {
            throw new RouteConflictException(pattern, node.leaf.pattern);
        }
        node.leaf = new Leaf<>(pattern, value, template.names());
        size++;
        deepest = Math.max(deepest, template.names().length);
        // Second walk, over nodes that all exist now: count the route on its edges.
        locate(template, true);
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
        return (Match<T>) search(root, path, 0, path.length(), 0, null);
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
        // Without a holder the search ends on a Match: shared for a static route, else fresh.
        return (Match<T>) search(root, path, from, to, 0, null);
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
        into.reserve(deepest);
        if (search(root, path, from, to, 0, into) == null) {
            into.clear();
            return null;
        }
        return into.leaf.value;
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
        AbstractMatch<T> m = search(root, path, from, to, 0, valueOnly());
        return m == null ? null : m.leaf.value;
    }

    /**
     * Walks to (creating as needed) the node where the template ends. Nodes are only
     * created on the way to an empty slot, so a conflict found at the end means nothing
     * was created and the tree is unchanged. With {@code count}, each static edge taken
     * gains weight (see {@link Node#promote}).
     */
    private Node<T> locate(Template template, boolean count) {
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
     * failure. {@code depth} counts the parameters captured so far. Captures are written
     * as offsets while unwinding, so only the branch that wins writes anything. Where they
     * go is chosen at the route found (see {@link #found}): a caller's {@link Captures},
     * a fresh {@link Match}, or nowhere. A static edge out of a node without wildcard
     * children is followed in the loop rather than by recursion: there is nothing to come
     * back for.
     */
    private static <T> AbstractMatch<T> search(Node<T> node, String path, int pos, int end, int depth,
            Captures<T> into) {
        while (true) {
            if (pos == end) {
                Leaf<T> leaf = node.leaf;
                return leaf == null ? null : found(leaf, path, depth, into);
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
                    AbstractMatch<T> m = search(child, path, next, end, depth, into);
                    if (m != null) {
                        return m;
                    }
                }
            }
            return wildcard(node, path, pos, end, depth, into);
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

    /** The parameter child, then the catch-all child, of a node whose static way failed. */
    private static <T> AbstractMatch<T> wildcard(Node<T> node, String path, int pos, int end, int depth,
            Captures<T> into) {
        if (node.param != null) {
            // Segments are short: a plain scan beats the vectorized indexOf's setup cost.
            int stop = pos;
            while (stop < end && path.charAt(stop) != '/') {
                stop++;
            }
            if (stop > pos) {
                AbstractMatch<T> m = search(node.param, path, stop, end, depth + 1, into);
                if (m != null) {
                    m.capture(depth, pos, stop);
                    return m;
                }
            }
        }
        if (node.catchAll != null) {
            // pos < end here, so the rest is non-empty as a catch-all requires.
            AbstractMatch<T> m = found(node.catchAll.leaf, path, depth + 1, into);
            m.capture(depth, pos, end);
            return m;
        }
        return null;
    }

    /**
     * What a search returns once it reaches {@code leaf} with {@code captured} parameters
     * on the way, and what the captures are then written into while unwinding:
     * <ul>
     *   <li>a caller's holder: filled in place, nothing allocated;</li>
     *   <li>no holder ({@link #match(String)}): the route's shared bare match for a
     *       static route, else a fresh {@link Match} sized for its captures;</li>
     *   <li>{@link #VALUE_ONLY} ({@link #find}): the shared bare match, whose empty
     *       offsets array takes no writes (see {@link AbstractMatch#capture}).</li>
     * </ul>
     */
    private static <T> AbstractMatch<T> found(Leaf<T> leaf, String path, int captured, Captures<T> into) {
        if (into == null) {
            return captured == 0 ? leaf.bare : new Match<>(leaf, path, new int[2 * captured]);
        }
        return into == VALUE_ONLY ? leaf.bare : into.hold(leaf, path);
    }

    @SuppressWarnings("unchecked")
    private static <T> Captures<T> valueOnly() {
        return (Captures<T>) VALUE_ONLY;
    }
}
