package org.genro.server.system;

import static org.genro.server.system.OpenApiEntryTest.at;
import static org.genro.server.system.OpenApiHttpTest.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.genro.server.AsgiServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document the server makes is valid OpenAPI 3.1, checked by a real validator
 * ({@code src/test/node/openapi-validate.mjs}: the official OpenAPI JSON Schema, the JSON
 * Schema 2020-12 meta-schema for every schema in it, unique operationIds and declared path
 * parameters): the whole document and each app's, for every directory in config-samples/
 * and for the fixture app that covers every rule. Broken documents must be refused, so the
 * check cannot pass by accepting anything.
 *
 * <p>Runs when Node and the packages are installed ({@code npm ci} in {@code src/test/node});
 * {@code GENRO_REQUIRE_NODE=1} (set by CI) turns their absence into a failure.
 */
class OpenApiValidationTest {
    private static final Path NODE_DIR = Path.of("src", "test", "node").toAbsolutePath();
    private static final Path SAMPLES = Path.of("..", "config-samples").toAbsolutePath().normalize();

    @BeforeAll
    static void nodeAndTheValidator() {
        boolean installed = Files.isDirectory(NODE_DIR.resolve("node_modules/@seriousme/openapi-schema-validator"))
                && Files.isDirectory(NODE_DIR.resolve("node_modules/ajv")) && onPath("node");
        if ("1".equals(System.getenv("GENRO_REQUIRE_NODE"))) {
            assertTrue(installed, "node and the validator are required: run npm ci in " + NODE_DIR);
        }
        assumeTrue(installed, "node or the validator package is missing");
    }

    /** What the validator said: its exit code and its output. */
    private record Verdict(int exit, String output) {
        boolean says(String word, Path file) {
            return output.lines().anyMatch(l -> l.equals(word + " " + file));
        }
    }

    private static Verdict validate(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "openapi-validate.mjs"));
        files.forEach(f -> command.add(f.toString()));
        Process node = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the validator ended");
        return new Verdict(node.exitValue(), output);
    }

    private static Path save(Path dir, String name, Map<String, Object> doc) throws Exception {
        Path file = dir.resolve(name + ".json");
        Files.write(file, OpenApiFixtures.JSON.writeValueAsBytes(doc));
        return file;
    }

    /** The whole document and each app's, saved under {@code dir}. */
    private static List<Path> documents(AsgiServer s, String label, Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        files.add(save(dir, label, document(s, "/_sys/openapi")));
        for (String app : s.apps().keySet()) {
            files.add(save(dir, label + "-" + app, document(s, "/_sys/openapi/" + app)));
        }
        return files;
    }

    @Test
    void everySamplesDocumentsAreValid(@TempDir Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        List<Path> samples;
        try (Stream<Path> dirs = Files.list(SAMPLES)) {
            samples = dirs.filter(d -> Files.isRegularFile(d.resolve("config.yaml"))).sorted().toList();
        }
        assertTrue(samples.size() >= 5, "samples found in " + SAMPLES + ": " + samples);
        for (Path sample : samples) {
            try (AsgiServer s = new AsgiServer(sample, "127.0.0.1", 0, false, List.of(), null).start()) {
                files.addAll(documents(s, sample.getFileName().toString(), dir));
            }
        }
        Verdict v = validate(files);
        assertEquals(0, v.exit(), v.output());
        files.forEach(f -> assertTrue(v.says("ok", f), f + " in " + v.output()));
    }

    @Test
    void theFixtureAppsDocumentsAreValidWithAndWithoutLazyBranches(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("public"));
        try (AsgiServer s = AsgiServer.builder().port(0).serverDir(dir).mount("api", new OpenApiFixtures.Api())
                .set("auth", Map.of("bearer", Map.of("ci", Map.of("token", "0123456789abcdef0123"))))
                .mount("site", new org.genro.server.files.StaticFiles(
                        org.genro.server.files.StaticFiles.Options.of(root))).start()) {
            List<Path> files = documents(s, "fixture", dir);
            files.add(save(dir, "fixture-lazy", document(s, "/_sys/openapi?lazy=true")));
            Verdict v = validate(files);
            assertEquals(0, v.exit(), v.output());
            files.forEach(f -> assertTrue(v.says("ok", f), f + " in " + v.output()));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theValidatorRefusesBrokenDocuments(@TempDir Path dir) throws Exception {
        Map<String, Object> good = OpenApiFixtures.document(Map.of(), false);
        Map<String, Object> noInfo = copy(good);
        noInfo.remove("info");
        Map<String, Object> badType = copy(good);
        ((Map<String, Object>) ((List<Object>) at(badType, "paths", "/api/point", "get").get("parameters")).getFirst())
                .put("schema", Map.of("type", "int32"));
        Map<String, Object> badRef = copy(good);
        at(badRef, "paths", "/api/point", "get", "responses", "200", "content", "application/json")
                .put("schema", Map.of("$ref", "#/components/schemas/Nowhere"));
        Map<String, Object> twice = copy(good);
        at(twice, "paths", "/api/sum", "post").put("operationId", "api.math.add");
        Map<String, Object> undeclared = copy(good);
        at(undeclared, "paths").put("/api/x/{id}", at(good, "paths", "/api/ping"));
        List<Path> files = List.of(save(dir, "good", good), save(dir, "no-info", noInfo), save(dir, "bad-type", badType),
                save(dir, "bad-ref", badRef), save(dir, "twice", twice), save(dir, "undeclared", undeclared));
        Verdict v = validate(files);
        assertEquals(1, v.exit(), v.output());
        assertTrue(v.says("ok", files.getFirst()), v.output());
        files.subList(1, files.size()).forEach(f -> assertTrue(v.says("invalid", f), f + " in " + v.output()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> doc) throws Exception {
        return OpenApiFixtures.JSON.readValue(OpenApiFixtures.JSON.writeValueAsBytes(doc), LinkedHashMap.class);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
