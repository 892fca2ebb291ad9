package org.genro.router.tree;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of a successful {@link PathTree#match}: the stored value and the captured
 * parameters, by index in pattern order (names shared with the route).
 *
 * <p>A static hit returns one shared instance per route. A parameter hit gets a fresh
 * instance holding the path and the start/end offsets of each capture, nothing more:
 * the value strings are cut from the path only when asked for, so a caller that needs
 * one parameter of three pays for one string.
 *
 * @param <T> the value type stored in the tree
 */
public final class Match<T> {

    private final Leaf<T> leaf;
    private final String path;
    /** Start and end offset in {@link #path} of each capture: {@code [s0, e0, s1, e1, ...]}. */
    private final int[] bounds;

    Match(Leaf<T> leaf, String path, int[] bounds) {
        this.leaf = leaf;
        this.path = path;
        this.bounds = bounds;
    }

    /** Records where the {@code i}-th capture lies; called once per capture while matching. */
    void capture(int i, int start, int end) {
        bounds[2 * i] = start;
        bounds[2 * i + 1] = end;
    }

    /**
     * The value stored with the matching route.
     *
     * @return the value given to {@link PathTree#insert}
     */
    public T value() {
        return leaf.value;
    }

    /**
     * The pattern of the matching route, as inserted.
     *
     * @return the route pattern
     */
    public String pattern() {
        return leaf.pattern;
    }

    /**
     * How many parameters (including a catch-all) the route captured.
     *
     * @return the parameter count, 0 for a static route
     */
    public int paramCount() {
        return bounds.length >> 1;
    }

    /**
     * The name of the {@code i}-th parameter, in pattern order.
     *
     * @param i index from 0 to {@link #paramCount()} - 1
     * @return the parameter name, without braces or {@code *}
     */
    public String paramName(int i) {
        return leaf.names[i];
    }

    /**
     * The value captured by the {@code i}-th parameter, in pattern order. Each call
     * cuts a new string from the path.
     *
     * @param i index from 0 to {@link #paramCount()} - 1
     * @return the captured text (never empty; a catch-all may contain '/')
     */
    public String paramValue(int i) {
        return path.substring(bounds[2 * i], bounds[2 * i + 1]);
    }

    /**
     * Where the {@code i}-th capture starts in the matched path, for callers that want to
     * read it without cutting a string.
     *
     * @param i index from 0 to {@link #paramCount()} - 1
     * @return index of the capture's first character in the string given to {@code match}
     */
    public int paramStart(int i) {
        return bounds[2 * i];
    }

    /**
     * Where the {@code i}-th capture ends in the matched path.
     *
     * @param i index from 0 to {@link #paramCount()} - 1
     * @return index just past the capture's last character
     */
    public int paramEnd(int i) {
        return bounds[2 * i + 1];
    }

    /**
     * The value captured by the parameter with this name.
     *
     * @param name a parameter name of the route
     * @return the captured text, or {@code null} when the route has no such parameter
     */
    public String param(String name) {
        String[] names = leaf.names;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
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
        for (int i = 0; i < paramCount(); i++) {
            map.put(leaf.names[i], paramValue(i));
        }
        return map;
    }

    @Override
    public String toString() {
        return "Match[" + leaf.pattern + " " + params() + "]";
    }
}
