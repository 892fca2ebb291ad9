package org.genro.server.config;

import static org.genro.server.config.Fixtures.load;
import static org.genro.server.config.Fixtures.withConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad configuration fails at load with a message that starts with the key path. */
class ConfigErrorsTest {

    @TempDir
    Path dir;

    /** YAML snippet → the start of the expected message. */
    static Stream<Arguments> badYaml() {
        return Stream.of(
                row("colour: red", "colour: unknown key; expected one of: apps, auth, main_app,"),
                row("server: [1, 2]", "server: expected a map, got a list"),
                row("server: {colour: red}", "server.colour: unknown key; expected one of: debug, drain_delay, host,"),
                row("server: {port: abc}", "server.port: expected an integer 0-65535, got \"abc\""),
                row("server: {port: 70000}", "server.port: expected an integer 0-65535, got 70000"),
                row("server: {port: 80.5}", "server.port: expected an integer 0-65535, got 80.5"),
                row("server: {port: {a: 1}}", "server.port: expected an integer 0-65535, got a map"),
                row("server: {host: [a]}", "server.host: expected a string, got a list"),
                row("server: {host: ''}", "server.host: must not be empty"),
                row("server: {reload: maybe}", "server.reload: expected true or false, got \"maybe\""),
                row("server: {debug: 2}", "server.debug: expected true or false, got 2"),
                row("server: {shutdown_grace: -5s}",
                        "server.shutdown_grace: expected a duration such as 10s, 500ms or 2m, got \"-5s\""),
                row("server: {limits: [1]}", "server.limits: expected a map, got a list"),
                row("server: {limits: {bogus: 1}}", "server.limits.bogus: unknown key; expected one of: body,"),
                row("server: {limits: {body: 12q}}",
                        "server.limits.body: expected a size such as 512, 8k or 1m, got \"12q\""),
                row("server: {limits: {body: -1}}", "server.limits.body: expected a size such as 512"),
                row("server: {limits: {head: 3g}}",
                        "server.limits.head: expected a size from 1 to 16777216 bytes, got \"3g\""),
                // a limit at its type's maximum once overflowed the engine's arithmetic
                row("server: {limits: {request_line: 2147483647}}",
                        "server.limits.request_line: expected a size from 1 to 1048576 bytes, got 2147483647"),
                row("server: {limits: {head: 9999999999}}",
                        "server.limits.head: expected a size from 1 to 16777216 bytes, got 9999999999"),
                row("server: {limits: {body_timeout: 100000h}}",
                        "server.limits.body_timeout: expected at most 24h, got \"100000h\""),
                row("server: {limits: {request_line: 16k, head: 16k}}", "server.limits: head"),
                row("server: {limits: {request_line: 0}}",
                        "server.limits.request_line: expected a size from 1 to 1048576 bytes, got 0"),
                row("server: {limits: {head_timeout: soon}}",
                        "server.limits.head_timeout: expected a duration such as 10s, 500ms or 2m, got \"soon\""),
                row("server: {limits: {idle_timeout: [1]}}", "server.limits.idle_timeout: expected a duration"),
                row("server: {limits: {header_count: 0}}",
                        "server.limits.header_count: expected an integer 1-10000, got 0"),
                row("server: {limits: {max_connections: -1}}",
                        "server.limits.max_connections: expected an integer 1-1000000, got -1"),
                row("server: {limits: {max_requests_per_connection: x}}",
                        "server.limits.max_requests_per_connection: expected an integer >= 0, got \"x\""),
                row("server: {tls: {password: x}}", "server.tls.keystore: missing"),
                row("server: {tls: {keystore: nope.p12}}", "server.tls.keystore: file not found: "),
                row("server: {tls: {keystore: x, colour: red}}", "server.tls.colour: unknown key"),
                row("apps: [shop]", "apps: expected a map, got a list"),
                row("apps: {shop: }", "apps.shop: expected a class name or a map with class and kwargs, got null"),
                row("apps: {shop: 3}", "apps.shop: expected a class name or a map with class and kwargs, got 3"),
                row("apps: {shop: {kwargs: {}}}", "apps.shop.class: missing"),
                row("apps: {shop: {class: 'not a class'}}",
                        "apps.shop.class: expected a fully qualified Java class name such as com.example.Shop, "
                                + "got \"not a class\""),
                row("apps: {shop: {module: 'shop_app:Application'}}",
                        "apps.shop.module: expected a fully qualified Java class name"),
                row("apps: {shop: com..Shop}", "apps.shop.class: expected a fully qualified Java class name"),
                row("apps: {shop: {class: [a]}}", "apps.shop.class: expected a class name, got a list"),
                row("apps: {shop: {class: a.B, module: a.B}}", "apps.shop.module: give either class or module"),
                row("apps: {shop: {class: a.B, title: X}}", "apps.shop.title: unknown key; expected one of: "
                        + "class, kwargs, middleware, module"),
                row("apps: {shop: {class: a.B, kwargs: [1]}}", "apps.shop.kwargs: expected a map, got a list"),
                row("apps: {shop: {class: a.B, middleware: {cors: maybe}}}",
                        "apps.shop.middleware.cors: expected true, false or an options map, got \"maybe\""),
                row("apps: {_server: a.B}", "apps._server: invalid name"),
                row("apps: {'a/b': a.B}", "apps.a/b: invalid name"),
                row("sys_apps: {docs: {class: 1}}", "sys_apps.docs.class: expected a class name, got 1"),
                row("main_app: shop", "main_app: no app named \"shop\" in apps (apps is empty)"),
                row("apps: {a: x.A, b: x.B}\nmain_app: c", "main_app: no app named \"c\" in apps; apps are: a, b"),
                row("main_app: [a]", "main_app: expected a string, got a list"),
                row("middleware: 42", "middleware: expected a map of name: true/false or options, got 42"),
                row("middleware: {cors: 3}", "middleware.cors: expected true, false or an options map, got 3"),
                row("middleware: [cors, 3]", "middleware: expected middleware names, got 3"),
                row("middleware: {'bad name': true}", "middleware.bad name: invalid name"),
                row("plugins: {auth: [1]}", "plugins.auth: expected an options map, true or false, got a list"),
                row("plugins: [auth]", "plugins: expected a map, got a list"),
                row("openapi: {title: [x]}", "openapi.title: expected a string, got a list"),
                row("openapi: {colour: x}", "openapi.colour: unknown key"),
                row("openapi: {contact: x}", "openapi.contact: expected a map, got \"x\""),
                // the keys of auth are checked by the auth layer: see AuthSettingsTest
                row("auth: [basic]", "auth: expected a map, got a list"),
                row("session: 3", "session: expected a map, got 3"),
                row("static: [x]", "static: expected a map, got a list"),
                row("storage: {data: [x]}", "storage.data: expected a directory path, got a list"),
                row("storage: {data: ''}", "storage.data: expected a directory path, got \"\""));
    }

    private static Arguments row(String yaml, String messageStart) {
        return Arguments.of(yaml, messageStart);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badYaml")
    void badYamlFailsNamingTheKey(String yaml, String messageStart) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(dir, yaml));
        assertStartsWith(messageStart, e.getMessage());
    }

    @Test
    void duplicateKeyNamesFileLineAndKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(dir, "server:\n  port: 80\n  port: 81\n"));
        assertStartsWith(dir.resolve("config.yaml") + ":3:", e.getMessage());
        assertTrue(e.getMessage().contains("duplicate key port"), e.getMessage());
    }

    @Test
    void syntaxErrorNamesFileAndLineWithoutQuotingTheLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(dir, "server:\n  tls: {password: hunter2\napps: {\n"));
        assertStartsWith(dir.resolve("config.yaml") + ":", e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void topLevelListIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(dir, "- a\n- b\n"));
        assertEquals(dir.resolve("config.yaml") + ": expected a map of sections at the top level, got a list",
                e.getMessage());
    }

    @Test
    void arbitraryJavaObjectsCannotBeConstructed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(dir, "server: !!java.io.File [\"/etc/passwd\"]\n"));
        assertStartsWith(dir.resolve("config.yaml").toString(), e.getMessage());
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [");
            yaml.append(("*" + prev + ", ").repeat(9)).append('*').append(prev).append("]\n");
        }
        assertThrows(ConfigException.class, () -> load(dir, yaml.toString()));
    }

    @Test
    void envValueErrorNamesTheVariable() {
        assertMessage("server.port (from GENRO_ASGI_PORT): expected an integer 0-65535, got \"abc\"",
                () -> load(dir, Map.of("GENRO_ASGI_PORT", "abc")));
        assertMessage("server.limits.body (from GENRO_ASGI_SERVER__LIMITS__BODY): expected a size such as 512, "
                + "8k or 1m, got \"lots\"", () -> load(dir, Map.of("GENRO_ASGI_SERVER__LIMITS__BODY", "lots")));
    }

    @Test
    void envUnknownKeyNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("GENRO_ASGI_SERVER__COLOUR", "red")));
        assertStartsWith("server.colour (from GENRO_ASGI_SERVER__COLOUR): unknown key", e.getMessage());
        assertEquals("server.colour", e.path());
        assertEquals(Optional.of("GENRO_ASGI_SERVER__COLOUR"), e.origin());
        assertStartsWith("unknown key", e.detail());
    }

    @Test
    void envUnknownSectionNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("GENRO_ASGI_DEBUG", "1")));
        assertStartsWith("debug (from GENRO_ASGI_DEBUG): unknown key", e.getMessage());
    }

    @Test
    void envEmptyKeyLevelIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("GENRO_ASGI_SERVER____PORT", "1")));
        assertStartsWith("GENRO_ASGI_SERVER____PORT: empty key level", e.getMessage());
    }

    @Test
    void argvValueErrorNamesTheFlag() {
        assertMessage("server.port (from --server.port): expected an integer 0-65535, got \"abc\"",
                () -> load(dir, Map.of(), "--server.port=abc"));
        assertMessage("server.port (from --port): expected an integer 0-65535, got \"-1\"",
                () -> load(dir, Map.of(), "--port=-1"));
        assertMessage("server.reload (from --reload): expected true or false, got \"later\"",
                () -> load(dir, Map.of(), "--reload=later"));
    }

    @Test
    void constructorValueErrorNamesTheConstructor() {
        assertMessage("server.port (from constructor): expected an integer 0-65535, got 70000",
                () -> new ServerConfig(dir, null, 70000, null, List.of(), Map.of()));
    }

    @Test
    void keyBelowAScalarIsRefused() {
        withConfig(dir, "server: {port: 8000}");
        assertMessage("server.port.x (from --server.port.x): cannot set a key inside server.port, "
                + "which holds a number", () -> load(dir, Map.of(), "--server.port.x=1"));
    }

    @Test
    void missingExplicitConfigFileIsAnError() {
        assertMessage("config (from GENRO_ASGI_CONFIG): file not found: " + dir.resolve("nope.yaml"),
                () -> load(dir, Map.of("GENRO_ASGI_CONFIG", "nope.yaml")));
        assertMessage("config (from --config): file not found: " + dir.resolve("nope.yaml"),
                () -> load(dir, Map.of(), "--config", "nope.yaml"));
    }

    @Test
    void missingServerDirIsAnError() {
        Path missing = dir.resolve("missing");
        assertMessage("server_dir (from constructor): not a directory: " + missing,
                () -> new ServerConfig(missing, null, null, null, List.of(), Map.of()));
        assertMessage("server_dir (from GENRO_ASGI_SERVER_DIR): not a directory: " + missing,
                () -> new ServerConfig(null, null, null, null, List.of(),
                        Map.of("GENRO_ASGI_SERVER_DIR", missing.toString())));
        assertMessage("server_dir (from argument): not a directory: " + missing,
                () -> new ServerConfig(null, null, null, null, List.of(missing.toString()), Map.of()));
    }

    @Test
    void secretValuesAreNeverQuoted() {
        assertMessage("storage.api_token: expected a directory path, got a number",
                () -> load(dir, "storage: {api_token: 12345}"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(dir, "server: {limits: {body: hunter2}}\n"), "a sanity check: non-secrets are quoted");
        assertTrue(e.getMessage().contains("hunter2"));
    }

    private static void assertMessage(String expected, Executable load) {
        ConfigException e = assertThrows(ConfigException.class, load);
        assertEquals(expected, e.getMessage());
    }

    static void assertStartsWith(String prefix, String actual) {
        assertTrue(actual.startsWith(prefix), () -> "expected a message starting with\n  " + prefix
                + "\nbut was\n  " + actual);
    }
}
