package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a server leaves for its first use, so that its start loads less, seen in a class loader of
 * its own that reads the test class path itself: there nothing that ran earlier in this JVM
 * has loaded the server's classes or set Jackson up already, so what the loader holds is
 * what the server itself needed.
 */
class ColdStartTest {
    /** Jackson's date module, made only by the server's JSON mapper as it is set up. */
    private static final String JACKSON_SET_UP = "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule";

    /** Reads the class path itself instead of asking the application loader, and says what it has loaded. */
    private static final class Fresh extends URLClassLoader {
        Fresh() {
            super("cold-start", classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        private static URL[] classPath() {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                try {
                    urls.add(Path.of(entry).toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return urls.toArray(URL[]::new);
        }
    }

    private Fresh fresh;
    private Class<?> side;

    @BeforeEach
    void build() throws Exception {
        fresh = new Fresh();
        side = Class.forName(ColdStart.class.getName(), true, fresh);
        call("build");
    }

    @AfterEach
    void close() throws Exception {
        call("close");
        fresh.close();
    }

    private Object call(String name, Object... args) throws Exception {
        Class<?>[] types = new Class<?>[args.length];
        java.util.Arrays.fill(types, String.class);
        Method m = side.getMethod(name, types);
        return m.invoke(null, args);
    }

    /**
     * Neither a text answer nor a JSON one made of maps, lists, text and numbers needs
     * Jackson's mappers: a JSON answer that came before their set-up (started after the
     * first answer, on a thread of its own) waited for it, some 200 ms more to the first
     * JSON answer of a cold server.
     */
    @Test
    void textAndPlainJsonAnswersLeaveJacksonUnset() throws Exception {
        assertFalse(fresh.loaded(JACKSON_SET_UP), "building the server set Jackson up");
        assertEquals("200 plain", call("get", "/a/text"));
        assertFalse(fresh.loaded(JACKSON_SET_UP), "a text answer set Jackson up");
        assertEquals("200 {\"value\":1}", call("get", "/a/json"));
        assertFalse(fresh.loaded(JACKSON_SET_UP), "a plain JSON answer set Jackson up");
        // the probe sees Jackson once something needs it
        assertEquals("200 {\"value\":2}", call("get", "/a/record"));
        assertTrue(fresh.loaded(JACKSON_SET_UP));
    }

    /**
     * Jackson's set-up takes the second core for some 300 ms of a cold JVM: begun as the port
     * opened, it slowed the first connection's cold code down. The first answer starts it.
     */
    @Test
    void firstAnswerNotOpeningThePortStartsJacksonSetUp() throws Exception {
        call("start");
        assertEquals("false", call("warmUpStarted"), "opening the port started Jackson's set-up");
        assertFalse(fresh.loaded(JACKSON_SET_UP));
        assertEquals("200 plain", call("fetch", "/a/text"));
        // started once the answer is written, so possibly just after the client has read it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (call("warmUpStarted").equals("false")) {
            assertTrue(System.nanoTime() < deadline, "the first answer did not start Jackson's set-up");
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertEquals("true", call("awaitWarmUp"));
        assertTrue(fresh.loaded(JACKSON_SET_UP));
    }

    private static final Pattern SERVING = Pattern.compile("serving .* on http://127\\.0\\.0\\.1:(\\d+)/");

    /**
     * The JCA providers cost some 50 ms to set up on a cold JVM, and nothing before a text
     * answer needs them: not the request ids, not the authenticator's decoy and key, not the
     * name of the compiled sources' build; nor does the log line need java.util.Formatter.
     * Nor does compiling the sources load the compiler into the server. Seen in a server
     * process of its own, started twice on a directory with sources (the first start compiles
     * them), whose JVM logs every class it loads.
     */
    @Test
    void startAndTextAnswerSetUpNoJcaProviderNorFormatter(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "apps: {t: {class: t.T}}\nmiddleware: {logging: false}\n");
        Path src = Files.createDirectories(dir.resolve("src/t"));
        Files.writeString(src.resolve("T.java"), """
                package t;
                public class T extends org.genro.router.RoutingClass {
                    @org.genro.router.Route public String index(@org.genro.router.Default("1") int n) { return "plain"; }
                }
                """);
        // The compiler runs in a JVM of its own: loaded here, its classes would stay for the
        // server's whole life (the JDK does not unload them), and so would the heap it touched.
        // The class log is asked for through JAVA_TOOL_OPTIONS, which the compiler's JVM must
        // not inherit: options meant for the server (an AOT cache to write, a log file) would
        // apply to it too, and here it would write its own classes over the server's.
        Path compiling = dir.resolve("compiling-classes.log");
        serveOnce(dir, dir.resolve("compiling.log"), Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + compiling));
        String compiled = Files.readString(compiling);
        assertTrue(compiled.contains(" org.genro.server.Main "), "the class log is read");
        assertFalse(compiled.contains(" com.sun.tools.javac."), "the server's JVM loaded the compiler");
        Path classes = dir.resolve("classes.log");
        serveOnce(dir, dir.resolve("serving.log"), Map.of(), "-Xlog:class+load=info:file=" + classes);
        // the command line writes its log line in its own format (LineFormat)
        assertTrue(Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO    org\\.genro\\.server: serving ")
                .matcher(Files.readString(dir.resolve("serving.log"))).find(), () -> read(dir.resolve("serving.log")));
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains(" org.genro.server.Main "), "the class log is read");
        for (String jca : List.of("java.security.SecureRandom", "java.security.MessageDigest", "sun.security.jca.Providers")) {
            assertFalse(loaded.contains(" " + jca + " "), jca + " was loaded");
        }
        // nor java.util.Formatter (its date conversions set up the locale data): not for the
        // log line, and not for a SimpleFormatter checking the pattern as it is made
        assertFalse(loaded.contains(" java.util.Formatter "), "java.util.Formatter was loaded");
        // nor the java.time formatter, some fifty classes set up for the first answer's Date (HttpDate),
        // nor BigDecimal's division, which Duration.dividedBy used as the sweeper worked out its period
        for (String unused : List.of("java.time.format.DateTimeFormatter", "java.math.MutableBigInteger")) {
            assertFalse(loaded.contains(" " + unused + " "), unused + " was loaded");
        }
        // reading the config, on the thread the start waits for, makes no class (config's package-info),
        // nor do loading the apps and reading the other sections, which come next on the main thread,
        // nor the conversion of the app's int parameter
        Matcher made = Pattern.compile("org\\.genro\\.server\\.(config\\.(ServerConfig|ConfigSchema|ConfigTree|Section"
                + "|AppSection|Scalars|YamlFile|AddressRanges|Overrides|LimitsSection|LoadedApps)|middleware\\.Middlewares"
                + "|middleware\\.MiddlewareChain|storage\\.Storage|wsx\\.WsxSettings)\\$\\$(Lambda|TypeSwitch)"
                + "|org\\.genro\\.router\\.bind\\.Scalars\\$\\$Lambda").matcher(loaded);
        assertFalse(made.find(), () -> made.group() + " was made");
    }

    /** Starts the server on {@code dir}, gets one 200 from its app, then stops it. */
    private static void serveOnce(Path dir, Path output, Map<String, String> environment, String... jvmOptions)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of(Main.class.getName(), dir.toString(), "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process server = builder.start();
        try {
            int port = port(server, output);
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write("GET /t/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
                assertTrue(answer.endsWith("plain"), answer);
            }
        } finally {
            server.destroy();
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "the server stops on SIGTERM");
        }
    }

    /** The port the server says it serves on, polled from its output for up to a minute. */
    private static int port(Process server, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(Files.readString(output));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertTrue(server.isAlive(), () -> "the server exited: " + read(output));
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("no 'serving' line within a minute: " + read(output));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
