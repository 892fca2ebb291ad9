package org.genro.router.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.genro.router.tree.Captures;
import org.genro.router.tree.Match;
import org.genro.router.tree.PathTree;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Radix-tree lookups over the GitHub API route set (203 routes), one tree per HTTP
 * method as httprouter does, against {@link LinearMatcher} on the same requests.
 *
 * <p>Method (the one go-http-routing-benchmark's "GithubAll" uses, so figures compare): one
 * invocation looks every route of a group up once, each parameter filled with its own
 * name ({@code /repos/{owner}/{repo}} is requested as {@code /repos/owner/repo}), and
 * {@link OperationsPerInvocation} divides by the group size, so scores are ns and
 * bytes per lookup. Groups: all 203 routes, the 36 static ones, the 167 parameterized
 * ones, and 203 near misses (each route's path with its last static segment
 * misspelt, see {@link RouteSet.Route#missed()}). Setup checks that both matchers agree on every
 * request, so the two scores measure the same work.
 *
 * <p>The {@code tree*} methods look up into one kept {@link Captures}, as a caller on one
 * thread would: the route and its capture offsets land in the holder, and nothing is
 * allocated. For comparison, {@code treeAllMatch} and {@code treeParamMatch} take a
 * fresh {@link Match} per parameter hit ({@link PathTree#match(String)}), and
 * {@code treeParamFind} asks for the value alone ({@link PathTree#find(String)}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PathTreeBenchmark {

    static final int ALL = 203;
    static final int STATIC = 36;
    static final int PARAM = 167;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private final PathTree<String>[] trees = new PathTree[RouteSet.METHODS.size()];
    private final LinearMatcher linear = new LinearMatcher();
    private final Captures<String> captures = new Captures<>();

    private int[] allMethods;
    private String[] allPaths;
    private int[] staticMethods;
    private String[] staticPaths;
    private int[] paramMethods;
    private String[] paramPaths;
    private String[] missPaths;

    /** Loads the set into both matchers and builds the request groups. */
    @Setup
    public void setup() {
        List<RouteSet.Route> routes = RouteSet.load("github-api.routes").routes();
        for (int m = 0; m < trees.length; m++) {
            trees[m] = new PathTree<>();
        }
        for (RouteSet.Route r : routes) {
            trees[r.method()].insert(r.pattern(), r.pattern());
            linear.add(r.method(), r.pattern());
        }
        List<RouteSet.Route> statics = routes.stream().filter(RouteSet.Route::isStatic).toList();
        List<RouteSet.Route> params = routes.stream().filter(r -> !r.isStatic()).toList();
        check(routes.size() == ALL && statics.size() == STATIC && params.size() == PARAM, "route counts");
        allMethods = methods(routes);
        allPaths = paths(routes);
        staticMethods = methods(statics);
        staticPaths = paths(statics);
        paramMethods = methods(params);
        paramPaths = paths(params);
        missPaths = routes.stream().map(RouteSet.Route::missed).toArray(String[]::new);
        for (int i = 0; i < ALL; i++) {
            Match<String> hit = trees[allMethods[i]].match(allPaths[i]);
            LinearMatcher.Hit baseline = linear.match(allMethods[i], allPaths[i]);
            check(hit != null && hit.value().equals(routes.get(i).pattern()), "tree hit " + allPaths[i]);
            check(hit.value() == trees[allMethods[i]].match(allPaths[i], captures)
                    && hit.params().equals(captures.params()), "captures hit " + allPaths[i]);
            check(baseline != null && baseline.pattern().equals(routes.get(i).pattern()), "linear hit " + allPaths[i]);
            check(trees[allMethods[i]].match(missPaths[i]) == null, "tree miss " + missPaths[i]);
            check(trees[allMethods[i]].match(missPaths[i], captures) == null && !captures.matched(),
                    "captures miss " + missPaths[i]);
            check(linear.match(allMethods[i], missPaths[i]) == null, "linear miss " + missPaths[i]);
        }
    }

    private static int[] methods(List<RouteSet.Route> routes) {
        return routes.stream().mapToInt(RouteSet.Route::method).toArray();
    }

    private static String[] paths(List<RouteSet.Route> routes) {
        return routes.stream().map(RouteSet.Route::filled).toArray(String[]::new);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark setup check failed: " + what);
        }
    }

    /**
     * Every route once.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(ALL)
    public void treeAll(Blackhole bh) {
        lookup(allMethods, allPaths, bh);
    }

    /**
     * The static routes once.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(STATIC)
    public void treeStatic(Blackhole bh) {
        lookup(staticMethods, staticPaths, bh);
    }

    /**
     * The parameterized routes once.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(PARAM)
    public void treeParam(Blackhole bh) {
        lookup(paramMethods, paramPaths, bh);
    }

    /**
     * Every route's path plus one segment: all misses.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(ALL)
    public void treeMiss(Blackhole bh) {
        lookup(allMethods, missPaths, bh);
    }

    /**
     * Every route once, each parameter hit as a fresh {@link Match}.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(ALL)
    public void treeAllMatch(Blackhole bh) {
        lookupMatch(allMethods, allPaths, bh);
    }

    /**
     * The parameterized routes once, each hit as a fresh {@link Match}.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(PARAM)
    public void treeParamMatch(Blackhole bh) {
        lookupMatch(paramMethods, paramPaths, bh);
    }

    /**
     * The parameterized routes once, value only.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(PARAM)
    public void treeParamFind(Blackhole bh) {
        PathTree<String>[] t = trees;
        for (int i = 0; i < paramPaths.length; i++) {
            bh.consume(t[paramMethods[i]].find(paramPaths[i]));
        }
    }

    /**
     * Every route once, linear matcher.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(ALL)
    public void linearAll(Blackhole bh) {
        for (int i = 0; i < allPaths.length; i++) {
            bh.consume(linear.match(allMethods[i], allPaths[i]));
        }
    }

    /**
     * The static routes once, linear matcher.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(STATIC)
    public void linearStatic(Blackhole bh) {
        for (int i = 0; i < staticPaths.length; i++) {
            bh.consume(linear.match(staticMethods[i], staticPaths[i]));
        }
    }

    /**
     * Every miss once, linear matcher.
     *
     * @param bh sink
     */
    @Benchmark
    @OperationsPerInvocation(ALL)
    public void linearMiss(Blackhole bh) {
        for (int i = 0; i < missPaths.length; i++) {
            bh.consume(linear.match(allMethods[i], missPaths[i]));
        }
    }

    private void lookup(int[] methods, String[] paths, Blackhole bh) {
        PathTree<String>[] t = trees;
        Captures<String> c = captures;
        for (int i = 0; i < paths.length; i++) {
            bh.consume(t[methods[i]].match(paths[i], c));
        }
    }

    private void lookupMatch(int[] methods, String[] paths, Blackhole bh) {
        PathTree<String>[] t = trees;
        for (int i = 0; i < paths.length; i++) {
            bh.consume(t[methods[i]].match(paths[i]));
        }
    }
}
