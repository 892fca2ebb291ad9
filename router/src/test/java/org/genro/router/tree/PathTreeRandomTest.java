package org.genro.router.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random inserts and lookups, with {@link NaiveMatcher} as the oracle. The segment
 * alphabet is tiny and prefix-heavy ("a", "ab", "abc", "b", "") so that edges split,
 * statics shadow parameters and backtracking happens often. A failure prints its seed.
 */
class PathTreeRandomTest {

    private static final String[] WORDS = {"a", "ab", "abc", "b", "ba", ""};
    private static final String[] PATH_WORDS = {"a", "ab", "abc", "b", "ba", "", "c", "abcd"};

    static LongStream seeds() {
        return LongStream.range(1, 41);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void treeAgreesWithNaiveMatcherOnRandomRoutesAndPaths(long seed) {
        Random rnd = new Random(seed);
        PathTree<String> tree = new PathTree<>();
        NaiveMatcher oracle = new NaiveMatcher();
        List<String> inserted = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String pattern = randomPattern(rnd);
            String expectedConflict = oracle.insert(pattern);
            try {
                tree.insert(pattern, pattern);
                assertNull(expectedConflict, () -> "seed " + seed + ": tree accepted " + pattern
                        + " which conflicts with " + expectedConflict);
                inserted.add(pattern);
            } catch (RouteConflictException e) {
                assertEquals(expectedConflict, e.existing(), "seed " + seed + ": conflict for " + pattern);
            }
            TreeInvariants.check(tree);
        }
        // One holder for every probe, as a caller on one thread would keep it.
        Captures<String> captures = new Captures<>();
        for (int i = 0; i < 400; i++) {
            String path = rnd.nextInt(3) == 0 && !inserted.isEmpty()
                    ? fill(inserted.get(rnd.nextInt(inserted.size())), rnd)
                    : randomPath(rnd);
            NaiveMatcher.Hit want = oracle.match(path);
            Match<String> got = tree.match(path);
            String held = tree.match(path, captures);
            String where = "seed " + seed + ": " + path;
            assertEquals(held, tree.find(path), where);
            if (want == null) {
                assertNull(got, () -> where + " should miss, got " + got);
                assertNull(held, where);
                assertEquals(Map.of(), captures.params(), where);
            } else {
                assertNotNull(got, () -> where + " should match " + want.pattern());
                assertEquals(want.pattern(), got.pattern(), where + ": route");
                assertEquals(want.params(), got.params(), where + ": params");
                assertEquals(want.pattern(), held, where + ": route into captures");
                assertEquals(want.params(), captures.params(), where + ": params into captures");
            }
        }
    }

    private static String randomPattern(Random rnd) {
        StringBuilder sb = new StringBuilder(rnd.nextInt(8) == 0 ? "" : "/");
        int segments = 1 + rnd.nextInt(4);
        for (int s = 0; s < segments; s++) {
            if (s > 0) {
                sb.append('/');
            }
            int roll = rnd.nextInt(10);
            if (roll < 3) {
                sb.append("{p").append(s).append('}');
            } else if (roll == 3 && s == segments - 1) {
                sb.append("{*r}");
            } else {
                sb.append(WORDS[rnd.nextInt(WORDS.length)]);
            }
        }
        return sb.toString();
    }

    private static String randomPath(Random rnd) {
        StringBuilder sb = new StringBuilder(rnd.nextInt(8) == 0 ? "" : "/");
        int segments = 1 + rnd.nextInt(5);
        for (int s = 0; s < segments; s++) {
            if (s > 0) {
                sb.append('/');
            }
            sb.append(PATH_WORDS[rnd.nextInt(PATH_WORDS.length)]);
        }
        return sb.toString();
    }

    /** A path built from a route: parameters get a word, a catch-all one or two segments. */
    private static String fill(String pattern, Random rnd) {
        String withParams = pattern.replaceAll("\\{p\\d}", PATH_WORDS[rnd.nextInt(3)]);
        return withParams.replace("{*r}", rnd.nextBoolean() ? "x" : "x/ab");
    }
}
