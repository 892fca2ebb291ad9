package org.genro.serverapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genro.http.Limits;
import org.genro.server.config.AppSpec;
import org.genro.server.config.ConfigException;
import org.genro.server.config.LimitsSection;
import org.genro.server.config.LoadedApps;
import org.genro.server.config.OpenApiInfo;
import org.genro.server.config.Secrets;
import org.genro.server.config.Section;
import org.genro.server.config.ServerConfig;
import org.genro.server.config.ServerSettings;
import org.genro.server.config.TlsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Touches every public type, constructor and method of the package, so that a change to the
 * API breaks this file and shows in review (the house style's compile-only guard).
 */
class ConfigApiTest {

    @TempDir
    Path dir;

    @Test
    void publicApiCompiles() {
        ServerConfig config = new ServerConfig(dir, "127.0.0.1", 0, false, List.of(), Map.of());
        ServerConfig fromEnv = new ServerConfig(dir, null, null, null, null);
        ServerConfig fromTree = ServerConfig.fromTree(dir, Map.of("apps", Map.of("a", "x.A")));
        Path serverDir = config.serverDir();
        Optional<Path> file = config.configFile();
        ServerSettings server = config.server();
        List<AppSpec> apps = fromTree.apps();
        List<AppSpec> sysApps = config.sysApps();
        Optional<String> main = config.mainApp();
        OpenApiInfo openapi = config.openapi();
        Map<String, Object> middleware = config.middleware();
        Map<String, Map<String, Object>> plugins = config.plugins();
        Map<String, Path> storage = config.storage();
        Map<String, Object> section = config.section("session");
        Map<String, Object> tree = config.tree();
        Map<String, Object> summary = config.summary();
        Optional<String> origin = config.origin("server.port");
        ConfigException error = config.error("server.port", "bad");
        String name = ServerConfig.CONFIG_FILE;

        String host = server.host();
        int port = server.port();
        boolean reload = server.reload();
        boolean debug = server.debug();
        Optional<TlsSettings> tls = server.tls();
        Duration grace = server.shutdownGrace();
        Limits limits = server.limits();
        int fields = server.fieldLimit();
        int requestLine = limits.requestLine();
        int head = limits.head();
        int headerCount = limits.headerCount();
        long body = limits.body();
        Duration headTimeout = limits.headTimeout();
        Duration idleTimeout = limits.idleTimeout();
        int perConnection = limits.maxRequestsPerConnection();
        int connections = limits.maxConnections();
        ServerSettings defaults = ServerSettings.DEFAULTS;
        String defaultHost = ServerSettings.DEFAULT_HOST;
        int defaultPort = ServerSettings.DEFAULT_PORT;
        Duration defaultGrace = ServerSettings.DEFAULT_SHUTDOWN_GRACE;
        Limits defaultLimits = Limits.defaults();
        int defaultFields = ServerSettings.DEFAULT_FIELD_LIMIT;
        Map<String, Object> limitsTree = LimitsSection.tree(defaultLimits);

        TlsSettings tlsSettings = new TlsSettings(dir.resolve("k.p12"), "pw", TlsSettings.DEFAULT_TYPE);
        Path keystore = tlsSettings.keystore();
        String password = tlsSettings.password();
        char[] chars = tlsSettings.passwordChars();
        String type = tlsSettings.type();

        String title = openapi.title();
        String version = openapi.version();
        Optional<String> description = openapi.description();
        OpenApiInfo openapiDefaults = OpenApiInfo.DEFAULTS;

        AppSpec spec = new AppSpec("apps", "shop", "x.Shop", Map.of(), Map.of());
        AppSpec shortSpec = new AppSpec("shop", "x.Shop", Map.of(), Map.of());
        String section2 = spec.section();
        String appName = spec.name();
        String className = spec.className();
        Map<String, Object> kwargs = spec.kwargs();
        Map<String, Object> appMiddleware = spec.middleware();
        String path = shortSpec.path();

        ConfigException made = new ConfigException("a.b", "bad");
        ConfigException full = new ConfigException("a.b", "--a.b", "bad", null);
        String errorPath = made.path();
        Optional<String> errorOrigin = full.origin();
        String detail = made.detail();

        try (LoadedApps loaded = config.loadApps()) {
            ClassLoader classLoader = loaded.classLoader();
            Map<String, Object> built = loaded.apps();
            Map<String, Object> builtSys = loaded.sysApps();
            assertNotNull(List.of(classLoader, built, builtSys));
        }
        assertNotNull(List.of(fromEnv, serverDir, file, apps, sysApps, main, middleware, plugins, storage, section,
                tree, summary, origin, error, name, host, port, reload, debug, tls, grace, requestLine, head,
                headerCount, body, headTimeout, idleTimeout, perConnection, connections, defaults, defaultHost,
                defaultPort, defaultGrace, defaultLimits, fields, defaultFields, limitsTree, keystore, password, chars, type, title, version,
                description, openapiDefaults, section2, appName, className, kwargs, appMiddleware, path,
                errorPath, errorOrigin, detail));
    }

    @Test
    void sectionReadersAndSecrets() {
        Map<String, Object> values = Map.of("n", 3, "b", "yes", "s", "8k", "d", "2s", "l", "a,b", "t", "x", "m", Map.of());
        Section section = Section.of(values, "plugins.demo", ConfigException::new);
        assertEquals("plugins.demo", section.path());
        assertTrue(section.has("n"));
        section.allowOnly(values.keySet(), "option");
        assertEquals(3, section.integer("n", 0, 9, 1));
        assertEquals(3L, section.integerOrNull("n"));
        assertTrue(section.bool("b", false));
        assertEquals(Boolean.TRUE, section.booleanOrNull("b"));
        assertEquals(8192, section.size("s", 0, 1 << 20, 0));
        assertEquals(Duration.ofSeconds(2), section.duration("d", Duration.ZERO));
        assertEquals(List.of("a", "b"), section.list("l", List.of()));
        assertEquals("x", section.string("t", null));
        assertEquals("\"x\"", section.describe("t"));
        assertEquals("\"x\"", Section.quote("x"));
        assertTrue(section.error("n", "bad").getMessage().startsWith("plugins.demo.n: bad"));
        assertTrue(Secrets.isSecret("api_key") && !Secrets.isSecret("title"));
        assertTrue(ServerSettings.MAX_FIELD_LIMIT >= ServerSettings.DEFAULT_FIELD_LIMIT);
    }
}
