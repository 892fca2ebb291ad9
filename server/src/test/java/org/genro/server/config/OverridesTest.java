package org.genro.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.genro.server.config.Overrides.Layer;
import org.genro.server.config.Overrides.Assignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The argv and environment grammars, on their own. */
class OverridesTest {

    @Test
    void argvNamedOptionsMapToKeyPaths() {
        Layer layer = Overrides.fromArguments(List.of("site", "--host", "0.0.0.0", "--port=9000", "--reload",
                "--debug", "--main-app", "shop", "--config", "prod.yaml"));
        assertEquals(List.of(
                new Assignment("server.host", "0.0.0.0", "--host"),
                new Assignment("server.port", "9000", "--port"),
                new Assignment("server.reload", "true", "--reload"),
                new Assignment("server.debug", "true", "--debug"),
                new Assignment("main_app", "shop", "--main-app")), layer.values());
        assertEquals(new Assignment("server_dir", "site", "argument"), layer.serverDir());
        assertEquals(new Assignment("config", "prod.yaml", "--config"), layer.config());
    }

    @Test
    void argvDottedKeysTakeInlineOrSeparateValues() {
        Layer layer = Overrides.fromArguments(List.of("--apps.shop.kwargs.title=A=B", "--server.port", "-1"));
        assertEquals(List.of(
                new Assignment("apps.shop.kwargs.title", "A=B", "--apps.shop.kwargs.title"),
                new Assignment("server.port", "-1", "--server.port")), layer.values());
    }

    @Test
    void argvDoubleDashEndsOptions() {
        Layer layer = Overrides.fromArguments(List.of("--", "--weird-dir"));
        assertEquals("--weird-dir", layer.serverDir().value());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--colour            | --colour: unknown option; expected --host, --port, --reload",
        "-v                  | -v: unknown option",
        "--port              | --port: missing value",
        "--port --reload     | --port: missing value",
        "--server..port=1    | --server..port: empty key level in a dotted key",
        "a b                 | \"b\": unexpected argument; only one server directory may be given"})
    void argvMistakesNameTheArgument(String args, String message) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Overrides.fromArguments(List.of(args.split(" "))));
        ConfigErrorsTest.assertStartsWith(message, e.getMessage());
    }

    @Test
    void envFixedNamesAndKeyPaths() {
        Layer layer = Overrides.fromEnvironment(Map.of(
                "GENRO_ASGI_SERVER_DIR", "/srv/site",
                "GENRO_ASGI_CONFIG", "prod.yaml",
                "GENRO_ASGI_HOST", "::",
                "GENRO_ASGI_OPENAPI__TITLE", "Shop",
                "HOME", "/root"));
        assertEquals(new Assignment("server_dir", "/srv/site", "GENRO_ASGI_SERVER_DIR"), layer.serverDir());
        assertEquals(new Assignment("config", "prod.yaml", "GENRO_ASGI_CONFIG"), layer.config());
        assertEquals(List.of(
                new Assignment("openapi.title", "Shop", "GENRO_ASGI_OPENAPI__TITLE"),
                new Assignment("server.host", "::", "GENRO_ASGI_HOST")), layer.values());
    }

    @Test
    void envWithoutOurVariablesIsEmpty() {
        Layer layer = Overrides.fromEnvironment(Map.of("PATH", "/bin"));
        assertNull(layer.serverDir());
        assertNull(layer.config());
        assertEquals(List.of(), layer.values());
    }
}
