package org.genro.router.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.genro.router.Caller;
import org.genro.router.Resolution;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.router.plugin.AuthPlugin;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing-class resolution as the server runs it per request: path to
 * {@link Resolution} through the compiled index, with the auth plugin checking tags,
 * and (for {@code resolveAndInvoke}) argument binding plus the handler call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResolveBenchmark {

    /** A three-level app: root, shop, shop/articles. */
    public static class Root extends RoutingClass {
        /** Builds the tree. */
        @SuppressWarnings("this-escape")
        public Root() {
            plug(new AuthPlugin());
            Shop shop = new Shop();
            branch("shop", shop);
        }

        /**
         * The root's default entry.
         *
         * @return a constant
         */
        @Route
        public String index() {
            return "root";
        }
    }

    /** The middle level. */
    public static class Shop extends RoutingClass {
        /** Builds the branch. */
        @SuppressWarnings("this-escape")
        public Shop() {
            branch("articles", new Articles());
        }

        /**
         * An entry taking one path segment.
         *
         * @param id from the path
         * @return the id doubled
         */
        @Route(auth = "customer | staff")
        public long retrieve(long id) {
            return id * 2;
        }
    }

    /** The deepest level. */
    public static class Articles extends RoutingClass {
        /**
         * A static entry.
         *
         * @param tag an optional query value
         * @return the tag
         */
        @Route
        public String list(@org.genro.router.Default("all") String tag) {
            return tag;
        }
    }

    /** Which request to resolve. */
    @Param({"shop/articles/list", "shop/retrieve/42", "shop/nothing/here"})
    public String path;

    private Root root;
    private Caller caller;
    private final Map<String, String> query = Map.of();

    /** Builds the tree and compiles its index once. */
    @Setup
    public void setup() {
        root = new Root();
        caller = Caller.anonymous().withTags("customer").withChannel("http");
        root.router().resolve(path, caller);
    }

    /**
     * Path to resolution, plugins included.
     *
     * @return the resolution
     */
    @Benchmark
    public Resolution resolve() {
        return root.router().resolve(path, caller);
    }

    /**
     * Resolution, binding and the handler call.
     *
     * @return the handler result or the resolution refusing it
     * @throws Exception never in practice
     */
    @Benchmark
    public Object resolveAndInvoke() throws Exception {
        Resolution r = root.router().resolve(path, caller);
        return r instanceof Resolution.Found f ? f.invoke(query, null) : r;
    }
}
