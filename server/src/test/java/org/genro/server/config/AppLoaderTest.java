package org.genro.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apps compiled at test time into a server directory's {@code classes/} and {@code lib/*.jar},
 * then loaded and built from kwargs. Each test class reports its constructor arguments through
 * {@code Supplier<Map>}, a JDK type both class loaders share.
 */
class AppLoaderTest {

    private static final String STATE = "implements java.util.function.Supplier<java.util.Map<String, Object>>";

    @TempDir
    Path dir;

    private AppLoader loader;

    @BeforeEach
    void compileApps() throws IOException {
        Path classes = dir.resolve("classes");
        compile(classes, true, Map.of(
                "com.example.Mode", "public enum Mode { FAST, SAFE }",
                "com.example.Shop", """
                        public class Shop %s {
                            private final java.util.Map<String, Object> state = new java.util.LinkedHashMap<>();
                            public Shop() { state.put("ctor", "none"); }
                            public Shop(String title, int size, boolean open, java.nio.file.Path data,
                                        java.util.List<Integer> ids, java.util.Map<String, Object> opts,
                                        java.time.Duration ttl, Mode mode, long big, double ratio, Object any) {
                                state.put("title", title); state.put("size", size); state.put("open", open);
                                state.put("data", data); state.put("ids", ids); state.put("opts", opts);
                                state.put("ttl", ttl); state.put("mode", mode.name()); state.put("big", big);
                                state.put("ratio", ratio); state.put("any", any);
                            }
                            public java.util.Map<String, Object> get() { return state; }
                        }""".formatted(STATE),
                "com.example.Single", """
                        public class Single {
                            public Single(String title, int size) { }
                        }""",
                "com.example.Overloaded", """
                        public class Overloaded %s {
                            private final Object n;
                            public Overloaded(int n) { this.n = n; }
                            public Overloaded(java.util.List<String> n) { this.n = n; }
                            public java.util.Map<String, Object> get() { return java.util.Map.of("n", n); }
                        }""".formatted(STATE),
                "com.example.Boom", """
                        public class Boom {
                            public Boom() { throw new IllegalStateException("boom"); }
                        }""",
                "com.example.Abstract", "public abstract class Abstract { public Abstract() { } }",
                "com.example.Hidden", "class Hidden { public Hidden() { } }",
                "com.example.Secretive", "public class Secretive { public Secretive(int password) { } }",
                "com.example.Dep", "public class Dep { }",
                "com.example.NeedsDep", "public class NeedsDep extends Dep { public NeedsDep() { } }"));
        compile(classes, false, Map.of(
                "com.example.NoNames", "public class NoNames { public NoNames(String title) { } }"));
        // A class whose superclass is missing at run time: linking it must fail by name.
        Files.delete(classes.resolve("com/example/Dep.class"));

        Path jarClasses = dir.resolve("jar-build");
        compile(jarClasses, true, Map.of("com.example.Bag", """
                public class Bag %s {
                    private final java.util.Map<String, Object> kwargs;
                    public Bag(java.util.Map<String, Object> kwargs) { this.kwargs = kwargs; }
                    public java.util.Map<String, Object> get() { return kwargs; }
                }""".formatted(STATE)));
        jar(jarClasses, dir.resolve("lib/bag.jar"));
        loader = new AppLoader(dir, AppLoaderTest.class.getClassLoader());
    }

    @AfterEach
    void closeLoader() {
        loader.close();
    }

    @Test
    void bindsKwargsToConstructorParametersByName() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("title", "Shop");
        kwargs.put("size", 3);
        kwargs.put("open", "yes");
        kwargs.put("data", "db/shop.db");
        kwargs.put("ids", List.of(1, "2"));
        kwargs.put("opts", Map.of("a", 1));
        kwargs.put("ttl", "10s");
        kwargs.put("mode", "fast");
        kwargs.put("big", "5000000000");
        kwargs.put("ratio", 2);
        kwargs.put("any", List.of("x"));
        Map<String, Object> state = state(loader.instantiate(spec("shop", "com.example.Shop", kwargs)));
        assertEquals("Shop", state.get("title"));
        assertEquals(3, state.get("size"));
        assertEquals(true, state.get("open"));
        assertEquals(dir.resolve("db/shop.db"), state.get("data"));
        assertEquals(List.of(1, 2), state.get("ids"));
        assertEquals(Map.of("a", 1), state.get("opts"));
        assertEquals(Duration.ofSeconds(10), state.get("ttl"));
        assertEquals("FAST", state.get("mode"));
        assertEquals(5_000_000_000L, state.get("big"));
        assertEquals(2.0, state.get("ratio"));
        assertEquals(List.of("x"), state.get("any"));
    }

    @Test
    void usesNoArgumentConstructorWhenKwargsAreEmpty() {
        assertEquals(Map.of("ctor", "none"), state(loader.instantiate(spec("shop", "com.example.Shop", Map.of()))));
    }

    @Test
    void passesKwargsToAMapConstructorFromALibJar() {
        Object bag = loader.instantiate(spec("bag", "com.example.Bag", Map.of("anything", 1, "goes", "x")));
        assertEquals(Map.of("anything", 1, "goes", "x"), state(bag));
        assertThrows(UnsupportedOperationException.class, () -> state(bag).put("k", "v"));
        assertTrue(bag.getClass().getProtectionDomain().getCodeSource().getLocation().toString()
                .endsWith("lib/bag.jar"));
    }

    @Test
    void appClassesComeFromTheirOwnLoader() {
        Object shop = loader.instantiate(spec("shop", "com.example.Shop", Map.of()));
        assertEquals(loader.classLoader(), shop.getClass().getClassLoader());
        assertEquals(List.of(dir.resolve("classes").toUri(), dir.resolve("lib/bag.jar").toUri()),
                loader.classPath().stream().map(url -> {
                    try {
                        return url.toURI();
                    } catch (java.net.URISyntaxException e) {
                        throw new AssertionError(e);
                    }
                }).toList());
    }

    @Test
    void aFreshLoaderGivesFreshClassesAndAClosedOneLoadsNoMore() {
        Class<?> first = loader.load(spec("shop", "com.example.Shop", Map.of()));
        try (AppLoader again = new AppLoader(dir, AppLoaderTest.class.getClassLoader())) {
            assertNotSame(first, again.load(spec("shop", "com.example.Shop", Map.of())));
        }
        loader.close();
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load(spec("bag", "com.example.Bag", Map.of())));
        ConfigErrorsTest.assertStartsWith("apps.bag.class: class not found: com.example.Bag", e.getMessage());
    }

    @Test
    void missingClassNamesTheClassKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.instantiate(spec("shop", "com.x.Shop", Map.of())));
        ConfigErrorsTest.assertStartsWith("apps.shop.class: class not found: com.x.Shop (looked in "
                + dir.resolve("classes"), e.getMessage());
    }

    @Test
    void sysAppErrorsNameTheSysAppsSection() {
        AppSpec spec = new AppSpec("sys_apps", "docs", "com.x.Docs", Map.of(), Map.of());
        ConfigException e = assertThrows(ConfigException.class, () -> loader.instantiate(spec));
        ConfigErrorsTest.assertStartsWith("sys_apps.docs.class: class not found: com.x.Docs", e.getMessage());
    }

    @Test
    void unknownKwargNamesTheParameter() {
        assertMessage("apps.single.kwargs.colour: no such parameter in Single(String title, int size)",
                spec("single", "com.example.Single", Map.of("title", "x", "size", 1, "colour", "red")));
    }

    @Test
    void missingKwargNamesTheParameter() {
        assertMessage("apps.single.kwargs.size: missing; required by Single(String title, int size)",
                spec("single", "com.example.Single", Map.of("title", "x")));
    }

    @Test
    void wrongKwargTypeNamesTheParameter() {
        assertMessage("apps.single.kwargs.size: expected an int, got \"big\"",
                spec("single", "com.example.Single", Map.of("title", "x", "size", "big")));
        assertMessage("apps.single.kwargs.size: expected an int, got 5000000000",
                spec("single", "com.example.Single", Map.of("title", "x", "size", 5_000_000_000L)));
        assertMessage("apps.single.kwargs.title: expected a string, got a map",
                spec("single", "com.example.Single", Map.of("title", Map.of(), "size", 1)));
    }

    @Test
    void listElementErrorsNameTheIndex() {
        Map<String, Object> kwargs = new LinkedHashMap<>(Map.of("title", "t", "size", 1, "open", true,
                "data", "d", "opts", Map.of(), "ttl", "1s", "mode", "safe", "big", 1, "ratio", 1, "any", 1));
        kwargs.put("ids", List.of(1, "two"));
        assertMessage("apps.shop.kwargs.ids.1: expected an int, got \"two\"", spec("shop", "com.example.Shop", kwargs));
        kwargs.put("ids", List.of(1));
        kwargs.put("mode", "slow");
        assertMessage("apps.shop.kwargs.mode: expected one of FAST, SAFE, got \"slow\"",
                spec("shop", "com.example.Shop", kwargs));
    }

    @Test
    void overloadWhoseTypesFitIsChosen() {
        assertEquals(Map.of("n", 7), state(loader.instantiate(spec("o", "com.example.Overloaded", Map.of("n", "7")))));
        assertEquals(Map.of("n", List.of("a", "b")),
                state(loader.instantiate(spec("o", "com.example.Overloaded", Map.of("n", "a,b")))));
    }

    @Test
    void constructorExceptionNamesTheClassKeyAndKeepsTheCause() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.instantiate(spec("boom", "com.example.Boom", Map.of())));
        assertEquals("apps.boom.class: constructor of com.example.Boom failed: java.lang.IllegalStateException: boom",
                e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void abstractAndHiddenClassesAreRefused() {
        assertMessage("apps.a.class: com.example.Abstract must be a public, concrete class",
                spec("a", "com.example.Abstract", Map.of()));
        assertMessage("apps.h.class: com.example.Hidden must be a public, concrete class",
                spec("h", "com.example.Hidden", Map.of()));
        assertMessage("apps.m.class: com.example.Mode must be a public, concrete class",
                spec("m", "com.example.Mode", Map.of()));
    }

    @Test
    void missingDependencyIsReportedAgainstTheClassKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.instantiate(spec("n", "com.example.NeedsDep", Map.of())));
        ConfigErrorsTest.assertStartsWith("apps.n.class: cannot load com.example.NeedsDep: "
                + "java.lang.NoClassDefFoundError: com/example/Dep", e.getMessage());
    }

    @Test
    void classesWithoutParameterNamesAskForMinusParameters() {
        assertMessage("apps.n.kwargs: parameter names of NoNames(String arg0) are not available; "
                + "compile the app with -parameters", spec("n", "com.example.NoNames", Map.of("title", "x")));
    }

    @Test
    void secretKwargValuesAreNotEchoed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.instantiate(spec("s", "com.example.Secretive", Map.of("password", "hunter2"))));
        assertEquals("apps.s.kwargs.password: expected an int, got a string", e.getMessage());
    }

    @Test
    void overriddenKwargErrorsNameTheirOrigin() {
        Fixtures.withConfig(dir, "apps: {single: com.example.Single}");
        ServerConfig config = new ServerConfig(dir, null, null, null,
                List.of("--apps.single.kwargs.title=x", "--apps.single.kwargs.size=big"), Map.of());
        try (AppLoader fromConfig = new AppLoader(config)) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> fromConfig.instantiate(config.apps().getFirst()));
            assertEquals("apps.single.kwargs.size (from --apps.single.kwargs.size): expected an int, got \"big\"",
                    e.getMessage());
        }
    }

    @Test
    void appNamedByConfigIsBuiltFromItsSpec() {
        Fixtures.withConfig(dir, """
                apps:
                  bag: {module: com.example.Bag, kwargs: {title: Hello}}
                """);
        ServerConfig config = Fixtures.load(dir);
        try (AppLoader fromConfig = new AppLoader(config)) {
            assertEquals(Map.of("title", "Hello"), state(fromConfig.instantiate(config.apps().getFirst())));
        }
    }

    private void assertMessage(String expected, AppSpec spec) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.instantiate(spec));
        assertEquals(expected, e.getMessage());
    }

    private static AppSpec spec(String name, String className, Map<String, Object> kwargs) {
        return new AppSpec(name, className, kwargs, Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(Object app) {
        return ((Supplier<Map<String, Object>>) app).get();
    }

    private static void compile(Path out, boolean withNames, Map<String, String> sources) throws IOException {
        Path src = Files.createTempDirectory(out.getParent(), "src");
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-proc:none"));
        if (withNames) {
            args.add("-parameters");
        }
        for (Map.Entry<String, String> e : sources.entrySet()) {
            String pkg = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Fixtures.write(file, "package " + pkg + ";\n" + e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "test apps must compile");
    }

    private static void jar(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        assertFalse(Files.notExists(jar));
    }
}
