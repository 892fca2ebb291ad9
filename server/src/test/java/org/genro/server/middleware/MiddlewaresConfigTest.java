package org.genro.server.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.genro.server.config.ConfigException;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Middleware;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code middleware} section → layers, and every way a section can be wrong. */
class MiddlewaresConfigTest {
    private static final ClassLoader LOADER = MiddlewaresConfigTest.class.getClassLoader();
    private static final String AUDIT = Audit.class.getName();

    /** A custom middleware that takes options. */
    public static final class Audit implements Middleware {
        final Map<String, Object> options;

        public Audit(Map<String, Object> options) {
            this.options = options;
        }

        @Override
        public Reply handle(Exchange exchange, Next next) throws Exception {
            return next.proceed(exchange).header("X-Audit", String.valueOf(options.get("table")));
        }
    }

    /** A custom middleware without options. */
    public static final class Plain implements Middleware {
        public Plain() {
        }

        @Override
        public Reply handle(Exchange exchange, Next next) throws Exception {
            return next.proceed(exchange);
        }
    }

    /** No usable constructor. */
    public static final class Picky implements Middleware {
        public Picky(String only) {
        }

        @Override
        public Reply handle(Exchange exchange, Next next) {
            return Reply.ok();
        }
    }

    /** A constructor that fails, and one that reports its own config error. */
    public static final class Failing implements Middleware {
        public Failing(Map<String, Object> options) {
            if (options.containsKey("own")) {
                throw new ConfigException("middleware.failing.own", "not like this");
            }
            throw new IllegalStateException("boom");
        }

        @Override
        public Reply handle(Exchange exchange, Next next) {
            return Reply.ok();
        }
    }

    private static List<Layer> global(Map<String, Object> section) {
        return Middlewares.fromConfig(section, "middleware", LOADER, false);
    }

    private static List<String> names(List<Layer> layers) {
        return layers.stream().map(Layer::name).toList();
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @Test
    void anEmptyGlobalSectionGivesTheErrorsLayerOnly() {
        List<Layer> layers = global(Map.of());
        assertEquals(List.of("errors"), names(layers));
        assertEquals(100, layers.getFirst().rank());
        assertEquals(List.of("errors"), names(global(null)));
    }

    @Test
    void errorsFalseTurnsTheDefaultLayerOff() {
        assertEquals(List.of(), global(map("errors", false)));
        assertEquals(List.of(), global(map("errors", "off")));
    }

    @Test
    void anAppSectionHasNothingOnByDefault() {
        assertEquals(List.of(), Middlewares.standard(LOADER, false).app(Map.of(), "apps.shop.middleware"));
        assertEquals(List.of(), Middlewares.fromConfig(Map.of(), "apps.shop.middleware", LOADER, false, false));
        assertEquals(List.of("cors"), names(Middlewares.standard(LOADER, false)
                .app(map("cors", true), "apps.shop.middleware")));
    }

    @Test
    void builtInsTakeTheirFixedRanksAndCustomOnesSitBetween() {
        List<Layer> layers = global(map("compression", true, "cache", map(), "audit",
                map("class", AUDIT, "rank", 600, "table", "log"), "cors", null, "logging", "yes"));
        assertEquals(List.of("errors", "logging", "cors", "audit", "cache", "compression"), names(layers));
        assertEquals(List.of(100, 200, 300, 600, 850, 900), layers.stream().map(Layer::rank).toList());
        assertInstanceOf(Errors.class, layers.get(0).middleware());
        assertInstanceOf(AccessLog.class, layers.get(1).middleware());
        assertInstanceOf(Cors.class, layers.get(2).middleware());
        assertInstanceOf(Cache.class, layers.get(4).middleware());
        assertInstanceOf(Compression.class, layers.get(5).middleware());
    }

    @Test
    void customMiddlewareGetsItsOptionsWithoutClassAndRank() {
        Layer audit = global(map("audit", map("class", AUDIT, "rank", "650", "table", "log", "keep", 3))).get(1);
        assertEquals(650, audit.rank());
        assertEquals(Map.of("table", "log", "keep", 3), ((Audit) audit.middleware()).options);
        assertThrows(UnsupportedOperationException.class, () -> ((Audit) audit.middleware()).options.put("x", 1));
    }

    @Test
    void customMiddlewareWithoutOptionsMayHaveANoArgumentConstructor() {
        Layer plain = global(map("plain", map("class", Plain.class.getName(), "rank", 500))).get(1);
        assertInstanceOf(Plain.class, plain.middleware());
    }

    @Test
    void customClassesComeFromTheGivenLoader() {
        ClassLoader isolated = new URLClassLoader(new URL[0], null);
        var e = assertThrows(ConfigException.class, () -> Middlewares.fromConfig(
                map("audit", map("class", AUDIT, "rank", 600)), "middleware", isolated, false));
        assertEquals("middleware.audit.class: class not found: " + AUDIT, e.getMessage());
    }

    @Test
    void optionsReachTheBuiltIns() {
        List<Layer> layers = global(map(
                "errors", map("debug", "true"),
                "logging", map("level", "debug", "include_query", true, "include_headers", "on"),
                "cors", map("allow_origins", "https://a.example, https://b.example", "allow_methods", List.of("GET", "PUT"),
                        "allow_headers", "X-Token", "expose_headers", List.of("X-Total"), "allow_credentials", "yes",
                        "max_age", "60"),
                "cache", map("max_age", 30, "store", true, "max_entries", "10", "max_bytes", "1m"),
                "compression", map("minimum_size", "1k", "level", 9)));
        assertEquals(new Errors.Options(true), ((Errors) layers.get(0).middleware()).options());
        assertEquals(new AccessLog.Options(Level.DEBUG, true, true, AccessLog.Format.TEXT, "stderr"), ((AccessLog) layers.get(1).middleware()).options());
        assertEquals(new Cors.Options(List.of("https://a.example", "https://b.example"), List.of("GET", "PUT"),
                List.of("X-Token"), List.of("X-Total"), true, 60), ((Cors) layers.get(2).middleware()).options());
        assertEquals(new Cache.Options(OptionalInt.of(30), true, 10, 1 << 20), ((Cache) layers.get(3).middleware()).options());
        assertEquals(new Compression.Options(1024, 9), ((Compression) layers.get(4).middleware()).options());
    }

    @Test
    void errorsDebugDefaultsToTheServerDebugSetting() {
        Errors on = (Errors) Middlewares.fromConfig(Map.of(), "middleware", LOADER, true).getFirst().middleware();
        assertTrue(on.options().debug());
        Errors off = (Errors) Middlewares.fromConfig(map("errors", map("debug", false)), "middleware", LOADER, true)
                .getFirst().middleware();
        assertEquals(Errors.Options.DEFAULTS, off.options());
    }

    @Test
    void optionsWrittenBackToConfigReadTheSame() {
        Map<String, Object> section = map(
                "errors", new Errors.Options(true).toConfig(),
                "logging", new AccessLog.Options(Level.WARNING, true, false).toConfig(),
                "cors", Cors.Options.DEFAULTS.allowOrigins(List.of("https://a.example")).allowCredentials(true)
                        .exposeHeaders(List.of("X-Total")).allowHeaders(List.of("X-Token")).maxAge(5).toConfig(),
                "cache", Cache.Options.DEFAULTS.maxAge(9).store(true).maxEntries(3).maxBytes(4096).toConfig(),
                "compression", new Compression.Options(0, 1).toConfig());
        List<Layer> layers = global(section);
        assertEquals(new Errors.Options(true), ((Errors) layers.get(0).middleware()).options());
        assertEquals(new AccessLog.Options(Level.WARNING, true, false), ((AccessLog) layers.get(1).middleware()).options());
        assertEquals(new Cors.Options(List.of("https://a.example"), List.of("GET", "HEAD", "POST"), List.of("X-Token"),
                List.of("X-Total"), true, 5), ((Cors) layers.get(2).middleware()).options());
        assertEquals(new Cache.Options(OptionalInt.of(9), true, 3, 4096), ((Cache) layers.get(3).middleware()).options());
        assertEquals(new Compression.Options(0, 1), ((Compression) layers.get(4).middleware()).options());
        assertEquals(Cache.Options.DEFAULTS, ((Cache) global(map("cache", Cache.Options.DEFAULTS.toConfig()))
                .get(1).middleware()).options());
    }

    /** Section → the start of the error message. */
    static Stream<Arguments> badSections() {
        return Stream.of(
                row(map("cors", map("allow_orign", "x")), "middleware.cors.allow_orign: unknown option; expected one of: "
                        + "allow_credentials, allow_headers, allow_methods, allow_origins, expose_headers, max_age"),
                row(map("corss", true), "middleware.corss: unknown middleware; expected one of: cache, compression, "
                        + "cors, errors, logging, or a map with class and rank"),
                row(map("corss", false), "middleware.corss: unknown middleware"),
                row(map("cors", 5), "middleware.cors: expected true, false or a map of options, got 5"),
                row(map("cors", "maybe"), "middleware.cors: expected true, false or a map of options, got \"maybe\""),
                row(map("cors", map("max_age", "soon")), "middleware.cors.max_age: expected an integer >= 0, got \"soon\""),
                row(map("cors", map("max_age", -1)), "middleware.cors.max_age: expected an integer"),
                row(map("cors", map("allow_origins", List.of("https://a.example/"))),
                        "middleware.cors.allow_origins: expected * or an origin such as https://example.com:8443"),
                row(map("cors", map("allow_origins", "null")), "middleware.cors.allow_origins: expected * or an origin"),
                row(map("cors", map("allow_origins", map())), "middleware.cors.allow_origins: expected a list or a comma-separated string, got a map"),
                row(map("cors", map("allow_origins", "https://a.example,,https://b.example")),
                        "middleware.cors.allow_origins: item 1: expected a non-empty string"),
                row(map("cors", map("allow_origins", "*", "allow_credentials", true)),
                        "middleware.cors.allow_credentials: true cannot be combined with *"),
                row(map("cors", map("allow_origins", "https://a.example", "allow_headers", "*", "allow_credentials", true)),
                        "middleware.cors.allow_credentials: true cannot be combined with *"),
                row(map("cors", map("allow_credentials", "maybe")), "middleware.cors.allow_credentials: expected true or false, got \"maybe\""),
                row(map("cors", map("allow_methods", "GET, BAD METHOD")), "middleware.cors.allow_methods: expected * or names, got \"BAD METHOD\""),
                row(map("compression", map("level", 0)), "middleware.compression.level: expected an integer 1-9, got 0"),
                row(map("compression", map("level", 10)), "middleware.compression.level: expected an integer 1-9, got 10"),
                row(map("compression", map("minimum_size", "big")), "middleware.compression.minimum_size: expected a size"),
                row(map("compression", map("compression_level", 6)), "middleware.compression.compression_level: unknown option"),
                row(map("cache", map("max_entries", 0)), "middleware.cache.max_entries: expected an integer >= 1, got 0"),
                row(map("cache", map("max_bytes", "12q")), "middleware.cache.max_bytes: expected a size"),
                row(map("cache", map("store", List.of())), "middleware.cache.store: expected true or false, got a list"),
                row(map("cache", map("immutable", true)), "middleware.cache.immutable: unknown option"),
                row(map("logging", map("level", "LOUD")), "middleware.logging.level: expected one of TRACE, DEBUG, INFO, WARNING, ERROR, got \"LOUD\""),
                row(map("logging", map("logger_name", "x")), "middleware.logging.logger_name: unknown option"),
                row(map("errors", map("debug", 3)), "middleware.errors.debug: expected true or false, got 3"),
                row(map("session", true), "middleware.session: reserved for the session layer, which this server does not install"),
                row(map("auth", map("class", AUDIT, "rank", 600)), "middleware.auth: reserved for the auth layer"),
                row(map("audit", map("rank", 600)), "middleware.audit.class: missing; unknown middleware"),
                row(map("audit", map("class", 5, "rank", 600)), "middleware.audit.class: expected a class name, got 5"),
                row(map("audit", map("class", "com.nowhere.Missing", "rank", 600)),
                        "middleware.audit.class: class not found: com.nowhere.Missing"),
                row(map("audit", map("class", AUDIT)), "middleware.audit.rank: missing; expected an integer 500-800"),
                row(map("audit", map("class", AUDIT, "rank", 450)), "middleware.audit.rank: expected an integer 500-800, got 450"),
                row(map("audit", map("class", AUDIT, "rank", "high")), "middleware.audit.rank: expected an integer 500-800, got \"high\""),
                row(map("audit", map("class", String.class.getName(), "rank", 600)),
                        "middleware.audit.class: java.lang.String does not implement org.genro.server.exchange.Middleware"),
                row(map("audit", map("class", Plain.class.getName(), "rank", 600, "colour", "red")),
                        "middleware.audit.colour: unknown option; " + Plain.class.getName() + " takes no options"),
                row(map("audit", map("class", Picky.class.getName(), "rank", 600)),
                        "middleware.audit.class: " + Picky.class.getName() + " needs a public constructor taking Map<String, Object> or nothing"),
                row(map("audit", map("class", Failing.class.getName(), "rank", 600)),
                        "middleware.audit.class: constructor of " + Failing.class.getName()
                                + " failed: java.lang.IllegalStateException: boom"),
                row(map("failing", map("class", Failing.class.getName(), "rank", 600, "own", 1)),
                        "middleware.failing.own: not like this"),
                row(map("audit", true), "middleware.audit: unknown middleware"));
    }

    private static Arguments row(Map<String, Object> section, String message) {
        return Arguments.of(section, message);
    }

    @ParameterizedTest
    @MethodSource("badSections")
    void aBadSectionFailsWithAMessageStartingAtTheKey(Map<String, Object> section, String message) {
        var e = assertThrows(ConfigException.class, () -> global(section));
        assertTrue(e.getMessage().startsWith(message), () -> "got: " + e.getMessage());
    }

    @Test
    void appSectionErrorsNameTheAppPath() {
        var e = assertThrows(ConfigException.class, () -> Middlewares.fromConfig(
                map("cors", map("bogus", 1)), "apps.shop.middleware", LOADER, false, false));
        assertEquals("apps.shop.middleware.cors.bogus", e.path());
    }

    @Test
    void errorsAreMadeByTheGivenFactorySoTheyCanNameTheirOrigin() {
        var e = assertThrows(ConfigException.class, () -> Middlewares.standard(LOADER, false,
                        (path, detail) -> new ConfigException(path, "GENRO_ASGI_MIDDLEWARE__CORS__MAX_AGE", detail, null))
                .global(map("cors", map("max_age", "x")), "middleware"));
        assertTrue(e.getMessage().startsWith("middleware.cors.max_age (from GENRO_ASGI_MIDDLEWARE__CORS__MAX_AGE): "),
                e.getMessage());
    }

    @Test
    void layersInstalledElsewhereAreReadFromTheSameSection() {
        Map<String, Object> seen = new HashMap<>();
        Middleware auth = (x, next) -> next.proceed(x);
        Middlewares m = Middlewares.standard(LOADER, false).with("auth", 450, true, (options, path) -> {
            seen.put(path, options);
            return auth;
        });
        List<Layer> defaulted = m.global(map("cors", true), "middleware");
        assertEquals(List.of("errors", "cors", "auth"), names(defaulted));
        assertSame(auth, defaulted.get(2).middleware());
        assertEquals(Map.of(), seen.get("middleware.auth"));
        m.global(map("auth", map("realm", "shop")), "middleware");
        assertEquals(Map.of("realm", "shop"), seen.get("middleware.auth"));
        assertEquals(List.of("errors"), names(m.global(map("auth", false), "middleware")));
        assertEquals(List.of(), m.app(Map.of(), "apps.shop.middleware"));
        assertThrows(IllegalArgumentException.class, () -> m.with("auth", 450, false, (o, p) -> auth));
    }

    @Test
    void aReservedLayerThatIsNotInstalledMayStillBeSwitchedOff() {
        assertEquals(List.of("errors"), names(global(map("session", false))));
    }

    @Test
    void javaOptionRecordsRefuseWhatTheConfigRefuses() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Cors.Options.DEFAULTS.allowOrigins(List.of("*")).allowCredentials(true));
        assertTrue(e.getMessage().startsWith("allow_credentials: true cannot be combined with *"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Compression.Options(512, 0));
        assertThrows(IllegalArgumentException.class, () -> new Compression.Options(-1, 6));
        assertThrows(IllegalArgumentException.class, () -> Cache.Options.DEFAULTS.maxEntries(0));
        assertThrows(IllegalArgumentException.class, () -> Cache.Options.DEFAULTS.maxAge(-1));
        assertThrows(IllegalArgumentException.class, () -> new AccessLog.Options(Level.OFF, false, false));
    }
}
