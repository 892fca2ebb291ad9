package org.genro.server.config;

import static org.genro.server.config.Fixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genro.http.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each section reads as, typed and raw. */
class ServerConfigSectionsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFullSampleDirectory() throws URISyntaxException {
        Path sample = Path.of(getClass().getResource("/config/full/config.yaml").toURI()).getParent();
        ServerConfig config = load(sample);

        assertEquals(new ServerSettings("0.0.0.0", 9000, false, true, Optional.empty(),
                new Limits(4096, 16384, 50, 2 * 1024 * 1024, Duration.ofSeconds(5),
                        Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(30), 1000, 500, 16 * 1024, 256, 256,
                        1 << 20, Duration.ofSeconds(60), Duration.ofSeconds(5)),
                Duration.ofMillis(1500), ServerSettings.DEFAULT_FIELD_LIMIT, true, Duration.ZERO, AddressRanges.NONE), config.server());
        assertEquals(List.of("shop", "reports", "legacy", "site"), config.apps().stream().map(AppSpec::name).toList());
        AppSpec shop = config.apps().getFirst();
        assertEquals("com.example.shop.ShopApp", shop.className());
        assertEquals(Map.of("title", "Shop", "page_size", 20, "released", "2025-01-15"), shop.kwargs());
        assertEquals(Boolean.FALSE, shop.middleware().get("cache"));
        assertEquals("com.example.legacy.Legacy", config.apps().get(2).className());
        assertEquals(List.of(new AppSpec("sys_apps", "swagger", "org.genro.server.sys.Swagger", Map.of(), Map.of())),
                config.sysApps());
        assertEquals(Optional.of("shop"), config.mainApp());
        assertEquals(new OpenApiInfo("Shop API", "2.10", Optional.of("Orders and catalogue")), config.openapi());
        assertEquals(Map.of("name", "Shop team"), config.section("openapi").get("contact"));
        assertEquals(List.of("errors", "logging", "cors", "compression"), List.copyOf(config.middleware().keySet()));
        assertEquals(Boolean.TRUE, config.middleware().get("compression"));
        assertEquals(Map.of("logging", Map.of(), "auth", Map.of()), config.plugins());
        assertEquals(Boolean.FALSE, config.section("plugins").get("channel"));
        assertEquals(Map.of("data", sample.resolve("data"), "uploads", Path.of("/var/uploads")), config.storage());
        assertEquals("shop", config.section("auth").get("realm"));
        assertEquals(Map.of("ttl", "1h", "secure", true), config.section("session"));
        assertEquals(Map.of("root", "public", "index", "index.html"), config.apps().getLast().kwargs());
    }

    @Test
    void middlewareAcceptsListAndCommaForms() {
        assertEquals(Map.of("cors", true, "gzip", true), load(dir, "middleware: [cors, gzip]").middleware());
        assertEquals(List.of("cors", "gzip"),
                List.copyOf(load(dir, "middleware: 'cors, gzip'").middleware().keySet()));
    }

    @Test
    void mainAppDefaultsToTheOnlyApp() {
        assertEquals(Optional.of("shop"), load(dir, "apps: {shop: a.Shop}").mainApp());
        assertEquals(Optional.empty(), load(dir, "apps: {shop: a.Shop, blog: a.Blog}").mainApp());
        assertEquals(Optional.empty(), load(dir).mainApp());
    }

    @Test
    void staticSectionMountsStaticAppsAfterTheApps() {
        ServerConfig config = load(dir, """
                apps: {shop: a.Shop}
                static: {docs: public, files: {root: data, listing: true}}
                main_app: docs
                """);
        assertEquals(List.of("shop", "docs", "files"), config.apps().stream().map(AppSpec::name).toList());
        AppSpec docs = config.apps().get(1);
        assertEquals(AppSection.STATIC_APP, docs.className());
        assertEquals(Map.of("root", "public"), docs.kwargs());
        assertEquals("static.docs", docs.path());
        assertEquals(Map.of("root", "data", "listing", true), config.apps().get(2).kwargs());
        assertEquals(Optional.of("docs"), config.mainApp(), "a static mount may be the main app");
        ServerConfig again = ServerConfig.fromTree(dir, config.tree());
        assertEquals(config.apps(), again.apps(), "the tree keeps static apps in their own section");
    }

    @Test
    void staticSectionRefusesNameClashesMissingRootsAndOtherValues() {
        assertTrue(assertThrows(ConfigException.class, () -> load(dir, "apps: {docs: a.Docs}\nstatic: {docs: public}"))
                .getMessage().contains("static.docs"));
        assertTrue(assertThrows(ConfigException.class, () -> load(dir, "static: {docs: {listing: true}}"))
                .getMessage().contains("static.docs.root"));
        assertThrows(ConfigException.class, () -> load(dir, "static: {docs: 3}"));
        assertThrows(ConfigException.class, () -> load(dir, "static: {docs: ''}"));
        assertThrows(ConfigException.class, () -> load(dir, "static: {_docs: public}"));
    }

    @Test
    void sectionsAreReadOnly() {
        ServerConfig config = load(dir, "middleware: {cors: {allow_origins: [a]}}");
        assertThrows(UnsupportedOperationException.class, () -> config.section("middleware").put("x", true));
        @SuppressWarnings("unchecked")
        Map<String, Object> cors = (Map<String, Object>) config.middleware().get("cors");
        assertThrows(UnsupportedOperationException.class, () -> cors.put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) cors.get("allow_origins")).clear());
        assertThrows(UnsupportedOperationException.class, () -> config.apps().clear());
    }

    @Test
    void absentSectionsReadAsEmptyMaps() {
        ServerConfig config = load(dir);
        for (String name : List.of("apps", "sys_apps", "middleware", "plugins", "auth", "session", "static",
                "storage")) {
            assertEquals(Map.of(), config.section(name), name);
        }
        assertThrows(IllegalArgumentException.class, () -> config.section("nonsense"));
    }

    @Test
    void treeRoundTripsThroughFromTree() {
        ServerConfig config = load(dir, """
                server: {port: 9001, limits: {body: 2m, head_timeout: 1500ms}}
                apps: {shop: {class: a.Shop, kwargs: {n: 1}}}
                middleware: [cors]
                """);
        ServerConfig again = ServerConfig.fromTree(dir, config.tree());
        assertEquals(config.tree(), again.tree());
        assertEquals(config.server(), again.server());
        assertEquals(config.apps(), again.apps());
    }

    @Test
    void fromTreeValidatesLikeAFile() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("server", Map.of("port", "abc"));
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.fromTree(dir, tree));
        assertEquals("server.port: expected an integer 0-65535, got \"abc\"", e.getMessage());
        assertThrows(ConfigException.class, () -> ServerConfig.fromTree(dir, Map.of("server", Map.of("host",
                new Object()))));
    }

    @Test
    void errorHelperAttributesOverriddenValues() {
        ServerConfig config = load(dir, Map.of("GENRO_ASGI_MIDDLEWARE__CORS__MAX_AGE", "x"));
        assertEquals("middleware.cors.max_age (from GENRO_ASGI_MIDDLEWARE__CORS__MAX_AGE): expected seconds",
                config.error("middleware.cors.max_age", "expected seconds").getMessage());
        assertEquals("middleware.cors.other: bad", config.error("middleware.cors.other", "bad").getMessage());
    }

    @Test
    void relativeServerDirIsMadeAbsolute() {
        ServerConfig config = new ServerConfig(Path.of("."), null, null, null, List.of(), Map.of());
        assertEquals(Path.of("").toAbsolutePath(), config.serverDir());
    }
}
