package org.genro.server.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.genro.router.Default;
import org.genro.router.Route;
import org.genro.router.Router;
import org.genro.router.RoutingClass;
import org.genro.router.plugin.Plugins;
import org.genro.server.config.ServerConfig;
import org.genro.server.exchange.Reply;

/**
 * Apps whose entries cover each rule of the OpenAPI document, and a {@link SystemHost}
 * serving them with a configuration given as a tree.
 *
 * <pre>
 *  api            index, point, sum, mean, order, move, find, files, tagged, reset, ping, page, raw,
 *                 blob, purge, render (env gpu)
 *  api/math       index, add
 *  api/live       say (channel plugin: wsx only), hear (http by a pattern, and wsx)
 *  api/reports    lazy: daily (counts its constructions in Reports.BUILT)
 *  api/calc       alias of math
 * </pre>
 */
final class OpenApiFixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiFixtures() {
    }

    /** A point. */
    public record Point(int x, int y) {
    }

    /** A filter with an optional note. */
    public record Filter(String name, Optional<String> note) {
    }

    /** A colour, for enum schemas. */
    public enum Colour { RED, GREEN }

    /** The app covering every rule. */
    public static class Api extends RoutingClass {
        public Api() {
            plug(Plugins.named("env"));
            branch("math", new MathBranch());
            branch("live", new Live());
            lazyBranch("reports", Reports.class);
            alias("calc", "math");
        }

        @Route(doc = "Plain text.\nA second line.")
        public String index() {
            return "api\n";
        }

        @Route(doc = "A point from two coordinates.")
        public Point point(int x, @Default("7") int y) {
            return new Point(x, y);
        }

        @Route
        public int sum(List<Integer> values) {
            return values.stream().mapToInt(Integer::intValue).sum();
        }

        @Route(methods = {"GET", "POST"})
        public double mean(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        @Route(methods = {"POST"})
        public String order(int product, Optional<String> note) {
            return "ordered " + product + note.map(n -> " (" + n + ")").orElse("");
        }

        @Route(methods = {"PUT"})
        public Point move(Point to, @Default("RED") Colour colour) {
            return to;
        }

        @Route(methods = {"GET"})
        public List<Point> find(Filter filter) {
            return List.of(new Point(filter.name().length(), 0));
        }

        @Route
        public String files(String root, String... path) {
            return root + ":" + String.join("/", path);
        }

        @Route(methods = {"POST"})
        public String tagged(List<String> tags, String... rest) {
            return tags + ":" + String.join("/", rest);
        }

        @Route(auth = "admin|staff")
        public void reset() {
        }

        @Route
        public void ping() {
        }

        @Route(mime = "text/html")
        public String page() {
            return "<p>page";
        }

        @Route
        public Reply raw() {
            return Reply.text("raw");
        }

        @Route
        public byte[] blob() {
            return new byte[] {1, 2};
        }

        @Route(methods = {"PURGE"})
        public String purge() {
            return "purged";
        }

        @Route(env = "gpu")
        public Map<String, BigDecimal> render(LocalDate day) {
            return Map.of("cost", BigDecimal.ONE);
        }
    }

    /** A child router with a default entry and an entry of its own. */
    public static class MathBranch extends RoutingClass {
        @Route
        public String index() {
            return "math\n";
        }

        @Route(doc = "The sum of two integers.")
        public long add(long a, long b) {
            return a + b;
        }
    }

    /** A branch where the channel plugin applies. */
    public static class Live extends RoutingClass {
        public Live() {
            plug(Plugins.named("channel"));
        }

        @Route(channel = "wsx", methods = {"POST"})
        public String say(String text) {
            return text;
        }

        @Route(channel = "ht+p, wsx")
        public String hear() {
            return "heard";
        }
    }

    /** A lazy branch that counts how often it is built. */
    public static class Reports extends RoutingClass {
        static final AtomicInteger BUILT = new AtomicInteger();

        public Reports() {
            BUILT.incrementAndGet();
        }

        @Route
        public String daily() {
            return "daily";
        }
    }

    /** A host serving {@code apps} with the config the tree gives. */
    static SystemHost host(Map<String, Object> config, Map<String, Optional<Router>> apps) {
        ServerConfig parsed = ServerConfig.fromTree(Path.of("."), config);
        return new SystemHost() {
            @Override
            public Map<String, Optional<Router>> apps() {
                return apps;
            }

            @Override
            public ServerConfig config() {
                return parsed;
            }

            @Override
            public Map<String, Object> pluginTree() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, Object> pluginConfig(String routerPath, String entry) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, Object> setPluginConfig(String routerPath, String plugin, String target,
                                                       Map<String, Object> values) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, Object> savePluginConfig() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, Object> revertPluginConfig() {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** The document of a fresh {@link Api} mounted at {@code api}, under {@code config}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> document(Map<String, Object> config, boolean lazy) {
        Map<String, Optional<Router>> apps = new java.util.LinkedHashMap<>();
        apps.put("api", Optional.of(new Api().router()));
        return OpenApiDocument.build(host(config, apps).config(), apps, lazy);
    }
}
