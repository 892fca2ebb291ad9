package org.genro.router.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: every route tried in order against the path, segment by segment,
 * without allocating until a route matches (so the comparison is about the search, not
 * about string splitting). First match wins, which is correct for the GitHub set: no
 * static segment there shares a parent with a parameter.
 */
final class LinearMatcher {

    /** A route split into segments; a null segment is a parameter. */
    private record Compiled(int method, String pattern, String[] segments, int params) {}

    /** A hit: the route pattern and the captured values. */
    record Hit(String pattern, String[] values) {}

    private final List<Compiled> routes = new ArrayList<>();

    void add(int method, String pattern) {
        String[] parts = pattern.substring(1).split("/", -1);
        int params = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith("{")) {
                parts[i] = null;
                params++;
            }
        }
        routes.add(new Compiled(method, pattern, parts, params));
    }

    Hit match(int method, String path) {
        for (Compiled r : routes) {
            if (r.method == method && fits(r, path)) {
                return r.params == 0 ? new Hit(r.pattern, null) : new Hit(r.pattern, capture(r, path));
            }
        }
        return null;
    }

    private static boolean fits(Compiled r, String path) {
        int pos = 1;
        String[] segs = r.segments;
        for (int i = 0; i < segs.length; i++) {
            int end = path.indexOf('/', pos);
            if (end < 0) {
                end = path.length();
            }
            if (i < segs.length - 1 && end == path.length()) {
                return false;
            }
            String s = segs[i];
            if (s == null) {
                if (end == pos) {
                    return false;
                }
            } else if (end - pos != s.length() || !path.startsWith(s, pos)) {
                return false;
            }
            pos = end + 1;
        }
        return pos == path.length() + 1;
    }

    private static String[] capture(Compiled r, String path) {
        String[] values = new String[r.params];
        int pos = 1;
        int k = 0;
        for (String s : r.segments) {
            int end = path.indexOf('/', pos);
            if (end < 0) {
                end = path.length();
            }
            if (s == null) {
                values[k++] = path.substring(pos, end);
            }
            pos = end + 1;
        }
        return values;
    }
}
