package org.genro.router.tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test oracle: a plain list of routes, each tried against the whole path, the most
 * specific match kept. Specificity is compared segment by segment (static, then
 * parameter, then catch-all), which is the rule {@link PathTree} documents. Written for
 * obviousness, not speed.
 */
final class NaiveMatcher {

    private record Route(String pattern, List<String> segments, int[] kinds) {}

    /** A match found by the oracle. */
    record Hit(String pattern, Map<String, String> params) {}

    private final List<Route> routes = new ArrayList<>();

    /** Returns the pattern this one conflicts with, or null after adding it. */
    String insert(String pattern) {
        String shape = TreeInvariants.shape(pattern);
        for (Route r : routes) {
            if (TreeInvariants.shape(r.pattern).equals(shape)) {
                return r.pattern;
            }
        }
        List<String> segments = List.of(pattern.split("/", -1));
        int[] kinds = new int[segments.size()];
        for (int i = 0; i < kinds.length; i++) {
            String s = segments.get(i);
            kinds[i] = s.startsWith("{*") ? 2 : s.startsWith("{") ? 1 : 0;
        }
        routes.add(new Route(pattern, segments, kinds));
        return null;
    }

    Hit match(String path) {
        String[] parts = path.split("/", -1);
        Route best = null;
        Map<String, String> bestParams = null;
        for (Route r : routes) {
            Map<String, String> params = tryMatch(r, parts);
            if (params != null && (best == null || moreSpecific(r, best))) {
                best = r;
                bestParams = params;
            }
        }
        return best == null ? null : new Hit(best.pattern, bestParams);
    }

    private static Map<String, String> tryMatch(Route r, String[] parts) {
        Map<String, String> params = new LinkedHashMap<>();
        List<String> segs = r.segments;
        for (int i = 0; i < segs.size(); i++) {
            String s = segs.get(i);
            if (r.kinds[i] == 2) {
                if (i >= parts.length) {
                    return null;
                }
                String rest = String.join("/", List.of(parts).subList(i, parts.length));
                if (rest.isEmpty()) {
                    return null;
                }
                params.put(s.substring(2, s.length() - 1), rest);
                return params;
            }
            if (i >= parts.length) {
                return null;
            }
            if (r.kinds[i] == 1) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                params.put(s.substring(1, s.length() - 1), parts[i]);
            } else if (!s.equals(parts[i])) {
                return null;
            }
        }
        return segs.size() == parts.length ? params : null;
    }

    private static boolean moreSpecific(Route a, Route b) {
        int n = Math.min(a.kinds.length, b.kinds.length);
        for (int i = 0; i < n; i++) {
            if (a.kinds[i] != b.kinds[i]) {
                return a.kinds[i] < b.kinds[i];
            }
        }
        throw new AssertionError("two routes of one shape matched: " + a.pattern + ", " + b.pattern);
    }
}
