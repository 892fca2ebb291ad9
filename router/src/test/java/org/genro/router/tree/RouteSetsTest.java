package org.genro.router.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Loads the public route sets of go-http-routing-benchmark (BSD-3, see
 * {@code src/test/resources/routes/README.md}) one tree per HTTP method, as the
 * benchmark does, and checks that every route is found by its own pattern with each
 * parameter filled with its own name.
 */
class RouteSetsTest {

    record Route(String method, String pattern) {}

    /** One holder for every probe of every set: hits of all depths and misses in turn. */
    private static final Captures<String> CAPTURES = new Captures<>();

    static List<Route> load(String file) throws IOException {
        List<Route> routes = new ArrayList<>();
        try (InputStream in = RouteSetsTest.class.getResourceAsStream("/routes/" + file)) {
            assertNotNull(in, file);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int space = line.indexOf(' ');
                    routes.add(new Route(line.substring(0, space), line.substring(space + 1)));
                }
            }
        }
        return routes;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"github-api.routes,203", "gplus-api.routes,13", "parse-api.routes,26", "static.routes,157"})
    void everyRouteOfAPublicSetIsFoundByItsOwnPattern(String file, int count) throws IOException {
        List<Route> routes = load(file);
        assertEquals(count, routes.size());
        Map<String, PathTree<String>> byMethod = new TreeMap<>();
        Map<String, NaiveMatcher> oracles = new TreeMap<>();
        for (Route r : routes) {
            PathTree<String> tree = byMethod.computeIfAbsent(r.method(), m -> new PathTree<>());
            tree.insert(r.pattern(), r.method() + " " + r.pattern());
            oracles.computeIfAbsent(r.method(), m -> new NaiveMatcher()).insert(r.pattern());
            TreeInvariants.check(tree);
        }
        for (Route r : routes) {
            String path = r.pattern().replaceAll("\\{\\*?([^}]*)}", "$1");
            Match<String> m = byMethod.get(r.method()).match(path);
            assertNotNull(m, path);
            assertEquals(r.method() + " " + r.pattern(), m.value());
            for (int i = 0; i < m.paramCount(); i++) {
                assertEquals(m.paramName(i), m.paramValue(i));
            }
            String parent = path.substring(0, Math.max(0, path.lastIndexOf('/')));
            for (String probe : List.of(path + "/zz", path + "x", parent, parent + "/", path + "/")) {
                agree(byMethod.get(r.method()), oracles.get(r.method()), probe);
            }
        }
    }

    /** Near-miss probes around each route: the tree must agree with the naive oracle. */
    private static void agree(PathTree<String> tree, NaiveMatcher oracle, String probe) {
        NaiveMatcher.Hit want = oracle.match(probe);
        Match<String> got = tree.match(probe);
        tree.match(probe, CAPTURES);
        if (want == null) {
            assertNull(got, probe);
            assertNull(tree.find(probe), probe);
            assertFalse(CAPTURES.matched(), probe);
        } else {
            assertNotNull(got, probe);
            assertEquals(want.pattern(), got.pattern(), probe);
            assertEquals(want.params(), got.params(), probe);
            assertSame(got.value(), tree.find(probe), probe);
            assertEquals(want.pattern(), CAPTURES.pattern(), probe);
            assertEquals(want.params(), CAPTURES.params(), probe);
        }
    }
}
