package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of ARCHITECTURE.md, checked on the compiled classes of the three
 * product modules: every reference to a genro class in a class file's constant pool
 * (types, descriptors, signatures) is an edge between packages. The modules are built
 * before the server's tests run, so their classes are read from the sibling modules'
 * {@code target/classes}.
 */
class ArchitectureTest {
    private static final Pattern REFERENCE = Pattern.compile("org/genro/((?:[a-z0-9_]+/)*)[A-Z$]");
    private static final Map<String, Set<String>> USES = new TreeMap<>();

    @BeforeAll
    static void read() {
        for (String module : List.of("../http-core", "../router", ".")) {
            Path classes = Path.of(module, "target", "classes");
            assertTrue(Files.isDirectory(classes), "not built: " + classes.toAbsolutePath());
            try (Stream<Path> files = Files.walk(classes)) {
                files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class"))
                        .forEach(ArchitectureTest::readClass);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void readClass(Path file) {
        try {
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
            String name = model.thisClass().asInternalName();
            String from = name.substring(0, name.lastIndexOf('/')).replace('/', '.');
            Set<String> uses = USES.computeIfAbsent(from, k -> new TreeSet<>());
            for (PoolEntry entry : model.constantPool()) {
                if (entry instanceof Utf8Entry text) {
                    Matcher m = REFERENCE.matcher(text.stringValue());
                    while (m.find()) {
                        String to = ("org/genro/" + m.group(1)).replace('/', '.');
                        to = to.substring(0, to.length() - 1);
                        if (!to.equals(from)) {
                            uses.add(to);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> violations(String packagePrefix, Set<String> allowedPrefixes) {
        List<String> out = new ArrayList<>();
        USES.forEach((from, uses) -> {
            if (!from.equals(packagePrefix) && !from.startsWith(packagePrefix + ".")) {
                return;
            }
            for (String to : uses) {
                if (allowedPrefixes.stream().noneMatch(a -> to.equals(a) || to.startsWith(a + "."))) {
                    out.add(from + " -> " + to);
                }
            }
        });
        return out;
    }

    @Test
    void theEngineAndTheRouterDependOnNothingOfOurs() {
        assertEquals(List.of(), violations("org.genro.http", Set.of("org.genro.http")));
        assertEquals(List.of(), violations("org.genro.router", Set.of("org.genro.router")));
    }

    @Test
    void onlyTheEngineReadsItsWirePackage() {
        List<String> out = new ArrayList<>();
        USES.forEach((from, uses) -> {
            if (uses.contains("org.genro.http.wire") && !from.equals("org.genro.http") && !from.startsWith("org.genro.http.")) {
                out.add(from);
            }
        });
        assertEquals(List.of(), out);
    }

    @Test
    void serverPackagesPointOneWay() {
        // config knows nothing of the server; exchange nothing of config, middleware or the
        // server; middleware nothing of the server that installs it; storage nothing but the
        // media type table of exchange; auth, session and wsx nothing of each other, of the built-in middleware or the server
        assertEquals(List.of(), violations("org.genro.server.storage", Set.of("org.genro.server.storage",
                "org.genro.server.exchange")));
        assertEquals(List.of(), violations("org.genro.server.auth", Set.of("org.genro.server.auth",
                "org.genro.server.exchange", "org.genro.server.config", "org.genro.http", "org.genro.router")));
        assertEquals(List.of(), violations("org.genro.server.session", Set.of("org.genro.server.session",
                "org.genro.server.exchange", "org.genro.server.config", "org.genro.server.storage", "org.genro.http",
                "org.genro.router")));
        assertEquals(List.of(), violations("org.genro.server.wsx", Set.of("org.genro.server.wsx",
                "org.genro.server.exchange", "org.genro.server.config", "org.genro.http")));
        assertEquals(List.of(), violations("org.genro.server.config", Set.of("org.genro.server.config", "org.genro.http")));
        assertEquals(List.of(), violations("org.genro.server.exchange",
                Set.of("org.genro.server.exchange", "org.genro.http", "org.genro.router")));
        assertEquals(List.of(), violations("org.genro.server.middleware", Set.of("org.genro.server.middleware",
                "org.genro.server.exchange", "org.genro.server.config", "org.genro.http", "org.genro.router")));
        // the static file app: an endpoint over a storage root, its options read with the
        // config's readers; nothing of the server, the router or the built-in middleware
        assertEquals(List.of(), violations("org.genro.server.files", Set.of("org.genro.server.files",
                "org.genro.server.exchange", "org.genro.server.config", "org.genro.server.storage", "org.genro.http")));
        // the system apps see the server only through SystemHost
        assertEquals(List.of(), violations("org.genro.server.system", Set.of("org.genro.server.system",
                "org.genro.server.exchange", "org.genro.server.config", "org.genro.http", "org.genro.router")));
    }

    @Test
    void theConfigNamesTheStaticAppWithoutDependingOnIt() {
        assertTrue(USES.containsKey("org.genro.server.files"), "the classes were read: " + USES.keySet());
        assertTrue(!USES.get("org.genro.server.config").contains("org.genro.server.files"));
    }

    @Test
    void noPackageCycles() {
        assertTrue(USES.containsKey("org.genro.server.exchange"), "the classes were read: " + USES.keySet());
        assertEquals(List.of(), cycles());
    }

    /** Strongly connected components of more than one package (Tarjan's algorithm). */
    private static List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String p : USES.keySet()) {
            if (!index.containsKey(p)) {
                connect(p, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void connect(String p, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                                Set<String> onStack, List<Set<String>> out, int[] counter) {
        index.put(p, counter[0]);
        low.put(p, counter[0]++);
        stack.push(p);
        onStack.add(p);
        for (String q : USES.getOrDefault(p, Set.of())) {
            if (!index.containsKey(q)) {
                connect(q, index, low, stack, onStack, out, counter);
                low.put(p, Math.min(low.get(p), low.get(q)));
            } else if (onStack.contains(q)) {
                low.put(p, Math.min(low.get(p), index.get(q)));
            }
        }
        if (low.get(p).equals(index.get(p))) {
            Set<String> component = new TreeSet<>();
            String q;
            do {
                q = stack.pop();
                onStack.remove(q);
                component.add(q);
            } while (!q.equals(p));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }
}
