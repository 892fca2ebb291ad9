package org.genro.router.tree;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Match} and {@link Captures} have in common: the route found, the text it
 * was found in, and the start/end offsets of each capture. The value strings are cut
 * from the text only when asked for, so a caller that needs one parameter of three pays
 * for one string.
 *
 * <p>{@link #bounds} may be longer than the route needs (a reused {@link Captures} keeps
 * the array of its deepest lookup so far); every read checks the index against
 * {@link #paramCount()}, so offsets left over from an earlier, deeper lookup can never
 * be read back.
 *
 * @param <T> the value type stored in the tree
 */
abstract sealed class AbstractMatch<T> permits Match, Captures {

    /** The route found; null only in a {@link Captures} whose last lookup missed. */
    Leaf<T> leaf;
    /** The text the route was found in. */
    String path;
    /** Start and end offset in {@link #path} of each capture: {@code [s0, e0, s1, e1, ...]}. */
    int[] bounds;

    AbstractMatch(Leaf<T> leaf, String path, int[] bounds) {
        this.leaf = leaf;
        this.path = path;
        this.bounds = bounds;
    }

    /**
     * The value stored with the matching route.
     *
     * @return the value given to {@link PathTree#insert}
     * @throws IllegalStateException when the last lookup into a {@link Captures} missed
     */
    public T value() {
        return route().value;
    }

    /**
     * The pattern of the matching route, as inserted.
     *
     * @return the route pattern
     * @throws IllegalStateException when the last lookup into a {@link Captures} missed
     */
    public String pattern() {
        return route().pattern;
    }

    /**
     * How many parameters (including a catch-all) the route captured.
     *
     * @return the parameter count: 0 for a static route, and for a {@link Captures}
     *     whose last lookup missed
     */
    public int paramCount() {
        Leaf<T> l = leaf;
        return l == null ? 0 : l.names.length;
    }

    /**
     * The name of the {@code i}-th parameter, in pattern order.
     *
     * @param i index from 0 to {@link #paramCount()} - 1
     * @return the parameter name, without braces or {@code *}
     * @throws IndexOutOfBoundsException when {@code i} is not a parameter index
     */
    public String paramName(int i) {
        return leaf.names[Objects.checkIndex(i, paramCount())];
    }

    /**
     * The value captured by the {@code i}-th parameter, in pattern order. Each call
     * cuts a new string from the path.
     *
     * @param i index from 0 to {@link #paramCount()} - 1
     * @return the captured text (never empty; a catch-all may contain '/')
     * @throws IndexOutOfBoundsException when {@code i} is not a parameter index
     */
    public String paramValue(int i) {
        return path.substring(paramStart(i), bounds[2 * i + 1]);
    }

    /**
     * Where the {@code i}-th capture starts in the matched path, for callers that want to
     * read it without cutting a string.
     *
     * @param i index from 0 to {@link #paramCount()} - 1
     * @return index of the capture's first character in the string given to {@code match}
     * @throws IndexOutOfBoundsException when {@code i} is not a parameter index
     */
    public int paramStart(int i) {
        return bounds[2 * Objects.checkIndex(i, paramCount())];
    }

    /**
     * Where the {@code i}-th capture ends in the matched path.
     *
     * @param i index from 0 to {@link #paramCount()} - 1
     * @return index just past the capture's last character
     * @throws IndexOutOfBoundsException when {@code i} is not a parameter index
     */
    public int paramEnd(int i) {
        return bounds[2 * Objects.checkIndex(i, paramCount()) + 1];
    }

    /**
     * The value captured by the parameter with this name.
     *
     * @param name a parameter name of the route
     * @return the captured text, or {@code null} when the route has no such parameter
     *     (or, in a {@link Captures}, when the last lookup missed)
     */
    public String param(String name) {
        int n = paramCount();
        for (int i = 0; i < n; i++) {
            if (leaf.names[i].equals(name)) {
                return paramValue(i);
            }
        }
        return null;
    }

    /**
     * The captured parameters as a new ordered map (allocates; for callers that prefer
     * a map over the index accessors).
     *
     * @return parameter name to captured value, in pattern order
     */
    public Map<String, String> params() {
        Map<String, String> map = new LinkedHashMap<>();
        int n = paramCount();
        for (int i = 0; i < n; i++) {
            map.put(leaf.names[i], paramValue(i));
        }
        return map;
    }

    /**
     * Records where the {@code i}-th capture lies; called once per capture while a search
     * unwinds. A route's bare match has no room and keeps nothing: a lookup for the value
     * alone ends there.
     */
    final void capture(int i, int start, int end) {
        int[] b = bounds;
        if (2 * i < b.length) {
            b[2 * i] = start;
            b[2 * i + 1] = end;
        }
    }

    private Leaf<T> route() {
        Leaf<T> l = leaf;
        if (l == null) {
            throw new IllegalStateException("no route matched the last lookup");
        }
        return l;
    }

    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        return leaf == null ? name + "[no match]" : name + "[" + leaf.pattern + " " + params() + "]";
    }
}
