package org.genro.server.config;

import static org.genro.server.config.Fixtures.load;
import static org.genro.server.config.Fixtures.withConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genro.http.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which source wins: defaults < YAML < environment < argv < constructor. */
class ServerConfigPrecedenceTest {

    private static final String YAML = """
            server:
              host: 10.0.0.1
              port: 8001
              reload: true
              limits: {body: 1k}
            """;

    @TempDir
    Path dir;

    @Test
    void directoryWithoutConfigFileMeansDefaults() {
        ServerConfig config = load(dir);
        assertEquals(ServerSettings.DEFAULTS, config.server());
        assertEquals(Optional.empty(), config.configFile());
        assertEquals(List.of(), config.apps());
        assertEquals(OpenApiInfo.DEFAULTS, config.openapi());
    }

    @Test
    void hostPrecedenceIsYamlThenEnvThenArgvThenConstructor() {
        withConfig(dir, YAML);
        Map<String, String> env = Map.of("GENRO_ASGI_HOST", "10.0.0.2");
        assertEquals("10.0.0.1", load(dir).server().host());
        assertEquals("10.0.0.2", load(dir, env).server().host());
        assertEquals("10.0.0.3", load(dir, env, "--host", "10.0.0.3").server().host());
        assertEquals("10.0.0.4", new ServerConfig(dir, "10.0.0.4", null, null,
                List.of("--host", "10.0.0.3"), env).server().host());
    }

    @Test
    void portPrecedenceIsYamlThenEnvThenArgvThenConstructor() {
        withConfig(dir, YAML);
        Map<String, String> env = Map.of("GENRO_ASGI_PORT", "8002");
        assertEquals(8001, load(dir).server().port());
        assertEquals(8002, load(dir, env).server().port());
        assertEquals(8003, load(dir, env, "--port", "8003").server().port());
        assertEquals(8004, new ServerConfig(dir, null, 8004, null,
                List.of("--port", "8003"), env).server().port());
    }

    @Test
    void reloadPrecedenceIsYamlThenEnvThenArgvThenConstructor() {
        withConfig(dir, YAML);
        Map<String, String> env = Map.of("GENRO_ASGI_RELOAD", "off");
        assertTrue(load(dir).server().reload());
        assertFalse(load(dir, env).server().reload());
        assertTrue(load(dir, env, "--reload").server().reload());
        assertFalse(new ServerConfig(dir, null, null, false, List.of("--reload"), env).server().reload());
    }

    @Test
    void nestedKeyPrecedenceIsYamlThenEnvThenArgv() {
        withConfig(dir, YAML);
        Map<String, String> env = Map.of("GENRO_ASGI_SERVER__LIMITS__BODY", "2m");
        assertEquals(1024, load(dir).server().limits().body());
        assertEquals(2 * 1024 * 1024, load(dir, env).server().limits().body());
        assertEquals(3 * 1024, load(dir, env, "--server.limits.body=3k").server().limits().body());
        // Overriding one nested key keeps its YAML siblings.
        assertEquals(Limits.defaults().head(), load(dir, env).server().limits().head());
    }

    @Test
    void envDoubleUnderscoreNestsLowerCasedKeys() {
        ServerConfig config = load(withConfig(dir, "apps: {shop: com.example.Shop}"), Map.of(
                "GENRO_ASGI_APPS__SHOP__KWARGS__TITLE", "Hello",
                "GENRO_ASGI_SERVER__LIMITS__HEAD_TIMEOUT", "500ms",
                "GENRO_ASGI_MAIN_APP", "shop"));
        assertEquals(Map.of("title", "Hello"), config.apps().getFirst().kwargs());
        assertEquals(Duration.ofMillis(500), config.server().limits().headTimeout());
        assertEquals(Optional.of("shop"), config.mainApp());
        assertEquals(Optional.of("GENRO_ASGI_APPS__SHOP__KWARGS__TITLE"), config.origin("apps.shop.kwargs.title"));
    }

    @Test
    void envIgnoresOtherPrefixesAndEmptyValues() {
        ServerConfig config = load(dir, Map.of("GENRO_ASGI_PORT", "", "PORT", "1", "GENRO_PORT", "2"));
        assertEquals(ServerSettings.DEFAULT_PORT, config.server().port());
    }

    @Test
    void namedEnvVariableBeatsItsKeyPathSpelling() {
        ServerConfig config = load(dir, Map.of("GENRO_ASGI_PORT", "8100", "GENRO_ASGI_SERVER__PORT", "8200"));
        assertEquals(8100, config.server().port());
    }

    @Test
    void argvAcceptsInlineAndSeparateValues() {
        assertEquals(9000, load(dir, Map.of(), "--server.port=9000").server().port());
        assertEquals(9001, load(dir, Map.of(), "--server.port", "9001").server().port());
        assertEquals(9002, load(dir, Map.of(), "--port=9002").server().port());
        assertEquals(9003, load(dir, Map.of(), "--port", "9003").server().port());
    }

    @Test
    void argvLaterOccurrenceWins() {
        assertEquals(9001, load(dir, Map.of(), "--port", "9000", "--server.port=9001").server().port());
    }

    @Test
    void argvSwitchesTakeAnInlineFalse() {
        withConfig(dir, "server: {reload: true, debug: true}");
        ServerConfig config = load(dir, Map.of(), "--reload=false", "--debug=no");
        assertFalse(config.server().reload());
        assertFalse(config.server().debug());
    }

    @Test
    void argvSetsKwargsOfAnAppGivenAsBareClassName() {
        withConfig(dir, "apps: {shop: com.example.Shop}");
        AppSpec shop = load(dir, Map.of(), "--apps.shop.kwargs.title", "X").apps().getFirst();
        assertEquals("com.example.Shop", shop.className());
        assertEquals(Map.of("title", "X"), shop.kwargs());
    }

    @Test
    void argvOptionsForASwitchedOffMiddlewareTurnItOnWithThoseOptions() {
        withConfig(dir, "middleware: {cors: false}");
        ServerConfig config = load(dir, Map.of(), "--middleware.cors.max_age=60");
        assertEquals(Map.of("cors", Map.of("max_age", "60")), config.middleware());
    }

    @Test
    void serverDirPrecedenceIsEnvThenArgvThenConstructor() throws Exception {
        Path fromEnv = Files.createDirectory(dir.resolve("env"));
        Path fromArgv = Files.createDirectory(dir.resolve("argv"));
        Path fromCtor = Files.createDirectory(dir.resolve("ctor"));
        Map<String, String> env = Map.of("GENRO_ASGI_SERVER_DIR", fromEnv.toString());
        assertEquals(fromEnv, new ServerConfig(null, null, null, null, List.of(), env).serverDir());
        assertEquals(fromArgv, new ServerConfig(null, null, null, null, List.of(fromArgv.toString()), env)
                .serverDir());
        assertEquals(fromArgv, new ServerConfig(null, null, null, null,
                List.of("--server-dir", fromArgv.toString()), env).serverDir());
        assertEquals(fromCtor, new ServerConfig(fromCtor, null, null, null, List.of(fromArgv.toString()), env)
                .serverDir());
    }

    @Test
    void serverDirDefaultsToWorkingDirectory() {
        ServerConfig config = new ServerConfig(null, null, null, null, List.of(), Map.of());
        assertEquals(Path.of("").toAbsolutePath(), config.serverDir());
    }

    @Test
    void configVariableNamesAnAlternateFileInTheServerDir() {
        withConfig(dir, "server: {port: 8001}");
        Fixtures.write(dir.resolve("other.yaml"), "server: {port: 8002}");
        Fixtures.write(dir.resolve("third.yaml"), "server: {port: 8003}");
        assertEquals(8002, load(dir, Map.of("GENRO_ASGI_CONFIG", "other.yaml")).server().port());
        assertEquals(8003, load(dir, Map.of("GENRO_ASGI_CONFIG", "other.yaml"), "--config", "third.yaml")
                .server().port());
        assertEquals(Optional.of(dir.resolve("third.yaml")),
                load(dir, Map.of(), "--config=third.yaml").configFile());
    }

    @Test
    void constructorValuesNameTheConstructorAsOrigin() {
        ServerConfig config = new ServerConfig(dir, null, 8123, null, List.of(), Map.of());
        assertEquals(Optional.of("constructor"), config.origin("server.port"));
        assertEquals(Optional.empty(), config.origin("server.host"));
    }
}
