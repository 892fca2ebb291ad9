package org.genro.server.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.AsgiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /_sys/plugins/} over HTTP: the page's shell, the settings tree, and every answer
 * and refusal of set, save and revert, each refusal leaving the settings as they were.
 */
class PluginsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";

    @TempDir
    Path dir;
    private AsgiServer server;
    private HttpClient client;

    /** A notes app: an open entry, one with a declared rule, and a child router. */
    public static class Notes extends RoutingClass {
        public Notes() {
            branch("drafts", new Drafts());
        }

        @Route
        public String index() {
            return "notes\n";
        }

        @Route(auth = "admin")
        public String secret() {
            return "secret\n";
        }
    }

    /** A child router. */
    public static class Drafts extends RoutingClass {
        @Route
        public String list() {
            return "drafts\n";
        }
    }

    @BeforeEach
    void start() throws Exception {
        client = HttpClient.newHttpClient();
        server = AsgiServer.builder().serverDir(dir).host("127.0.0.1").mount("notes", new Notes())
                .plugin("logging", Map.of("level", "WARNING")).start();
    }

    @AfterEach
    void stop() {
        // the client's connections first: the server then sees them end rather than
        // waiting out its shutdown grace for a connection that has just answered
        client.close();
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String call, String body, String... headers) throws Exception {
        return send("POST", "/_sys/plugins/" + call, JSON_TYPE, body, headers);
    }

    private int status(String path) throws Exception {
        return send("GET", path, null, null).statusCode();
    }

    private String treeText() throws Exception {
        HttpResponse<String> r = send("GET", "/_sys/plugins/tree", null, null);
        assertEquals(200, r.statusCode(), r.body());
        ExplorerApiTest.assertGuarded(r);
        return r.body();
    }

    /** The tree's router at {@code path}. */
    private JsonNode router(String path) throws Exception {
        JsonNode app = JSON.readTree(treeText()).path("apps").get(0);
        JsonNode node = app.path("router");
        while (!node.path("path").asText().equals(path)) {
            JsonNode next = null;
            for (JsonNode child : node.path("routers")) {
                if (path.startsWith(child.path("path").asText())) {
                    next = child;
                }
            }
            if (next == null) {
                throw new AssertionError("no router " + path + " in " + app);
            }
            node = next;
        }
        return node;
    }

    private static JsonNode plugin(JsonNode router, String name) {
        for (JsonNode p : router.path("plugins")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no plugin " + name + " in " + router);
    }

    private static JsonNode setting(JsonNode plugin, String name) {
        for (JsonNode s : plugin.path("settings")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no setting " + name + " in " + plugin);
    }

    private static String set(String router, String plugin, String target, String values) {
        return "{\"router\": \"" + router + "\", \"plugin\": \"" + plugin + "\", \"target\": \"" + target
                + "\", \"values\": " + values + "}";
    }

    @Test
    void thePageIsAShellWithStrictHeaders() throws Exception {
        HttpResponse<String> r = send("GET", "/_sys/plugins/", null, null);
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        ExplorerApiTest.assertGuarded(r);
        ExplorerApiTest.assertShell(r.body(), "plugins");
        HttpResponse<String> bare = send("GET", "/_sys/plugins", null, null);
        assertEquals(308, bare.statusCode());
        assertEquals("plugins/", bare.headers().firstValue("Location").orElse(null));
        HttpResponse<String> js = send("GET", "/_server/resource/plugins.js", null, null);
        assertEquals(200, js.statusCode());
        assertFalse(js.body().contains("innerHTML") || js.body().contains("insertAdjacentHTML"));
        assertEquals(200, send("GET", "/_server/resource/plugins.css", null, null).statusCode());
    }

    @Test
    void theTreeShowsTheAppsRoutersWithOwnAndInheritedValuesMarked() throws Exception {
        String text = treeText();
        assertFalse(text.contains("\"_sys") || text.contains("\"_server"), "the server's own routers are left out: " + text);
        JsonNode notes = router("notes");
        assertEquals("[\"index\",\"secret\"]", JSON.writeValueAsString(notes.path("entries")));
        JsonNode auth = plugin(notes, "auth");
        assertTrue(auth.path("inherited").asBoolean(), "plugged on the root");
        assertEquals(JSON.readTree("{\"name\": \"rule\", \"value\": \"\", \"kind\": \"text\", \"own\": false, \"from\": null}"),
                setting(auth, "rule"));
        assertEquals("boolean", setting(auth, "enabled").path("kind").asText());
        assertEquals(JSON.readTree("{\"secret\": {\"rule\": \"admin\"}}"), auth.path("entries"), "the declared rule is the entry's own");
        assertEquals(JSON.readTree("{\"name\": \"level\", \"value\": \"WARNING\", \"kind\": \"text\", \"own\": false, \"from\": \"\"}"),
                setting(plugin(notes, "logging"), "level"), "from the root: config's plugins section");

        assertEquals(200, post("set", set("notes", "logging", "_all_", "{\"level\": \"ERROR\"}")).statusCode());
        JsonNode level = setting(plugin(router("notes"), "logging"), "level");
        assertEquals("ERROR", level.path("value").asText());
        assertTrue(level.path("own").asBoolean());
        assertEquals("notes", level.path("from").asText());
        JsonNode below = setting(plugin(router("notes/drafts"), "logging"), "level");
        assertEquals("ERROR", below.path("value").asText());
        assertFalse(below.path("own").asBoolean());
        assertEquals("notes", below.path("from").asText(), "inherited from the router that set it");
    }

    @Test
    void setChangesASettingLiveAndAnswersAsTheServer() throws Exception {
        assertEquals(200, status("/notes/index"));
        HttpResponse<String> r = post("set", set("notes", "auth", "index", "{\"rule\": \"admin\"}"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(JSON.readTree("{\"ok\": true, \"updated\": [\"index\"]}"), JSON.readTree(r.body()));
        assertEquals(401, status("/notes/index"));
        assertEquals("admin", plugin(router("notes"), "auth").path("entries").path("index").path("rule").asText());

        assertEquals(200, post("set", set("notes", "auth", "index", "{\"rule\": \"\"}")).statusCode(), "an empty rule clears it");
        assertEquals(200, status("/notes/index"));
        assertEquals(200, post("set", set("notes", "auth", "index", "{\"rule\": null}")).statusCode(), "null inherits again");
        assertFalse(plugin(router("notes"), "auth").path("entries").has("index"));
        assertFalse(Files.exists(dir.resolve("plugin_config.json")), "set is live only");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("{\"router\": ", 400, "the body is not valid JSON"),
                Arguments.of("[1]", 400, "the body must be a JSON object, got an array"),
                Arguments.of("{\"router\": \"notes\", \"router\": \"notes\"}", 400, "the body names a field twice"),
                Arguments.of("{}", 400, "missing field 'router'"),
                Arguments.of(set("notes", "auth", "index", "{\"rule\": \"admin\"}").replace("}}", "}, \"colour\": 1}"), 400,
                        "unknown field 'colour'"),
                Arguments.of("{\"router\": 5}", 400, "field 'router' must be a string, got a number"),
                Arguments.of(set("nope", "auth", "_all_", "{\"rule\": \"admin\"}"), 400, "no app 'nope' (apps: notes)"),
                Arguments.of(set("notes/nope", "auth", "_all_", "{\"rule\": \"admin\"}"), 400, "no router at 'notes/nope'"),
                Arguments.of(set("notes", "nope", "_all_", "{\"rule\": \"admin\"}"), 400, "plugin 'nope' is not plugged"),
                Arguments.of(set("notes", "auth", "nope", "{\"rule\": \"admin\"}"), 400, "it has no entry 'nope'"),
                Arguments.of(set("notes", "auth", "*", "{\"rule\": \"admin\"}"), 400, "it has no entry '*'"),
                Arguments.of(set("notes", "auth", "_ALL_", "{\"rule\": \"admin\"}"), 400, "it has no entry '_ALL_'"),
                Arguments.of(set("notes", "auth", "index", "{\"rule\": 5}"), 400, "setting 'rule' must be text"),
                Arguments.of(set("notes", "logging", "_all_", "{\"before\": \"maybe\"}"), 400, "setting 'before' must be a boolean"),
                Arguments.of(set("notes", "auth", "index", "{\"rule\": [\"a\"]}"), 400, "rule is an array"),
                Arguments.of(set("notes", "auth", "index", "{}"), 400, "field 'values' is empty"),
                Arguments.of(set("notes", "", "index", "{\"rule\": \"x\"}"), 400, "field 'plugin' is empty"),
                Arguments.of(set("notes", "auth", "index", "{\"colour\": \"red\"}"), 400, "has no setting 'colour'"),
                Arguments.of(set("notes", "auth", "index", "{\"rule\": \"admin&\"}"), 400, "rule"),
                Arguments.of(set("_sys/plugins", "auth", "_all_", "{\"rule\": \"nobody\"}"), 400, "belongs to the server's own pages"),
                Arguments.of(set("_sys", "auth", "_all_", "{\"rule\": \"nobody\"}"), 400, "belongs to the server's own pages"),
                Arguments.of(set("_server", "auth", "_all_", "{\"rule\": \"nobody\"}"), 400, "belongs to the server's own pages"),
                Arguments.of(set("", "auth", "_all_", "{\"rule\": \"nobody\"}"), 400, "router is empty"),
                Arguments.of(set("/", "auth", "_all_", "{\"rule\": \"nobody\"}"), 400, "router is empty"),
                Arguments.of(set("notes//drafts", "auth", "_all_", "{\"rule\": \"nobody\"}"), 400, "has an empty segment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void setRefusesBadInputNamingItAndChangesNothing(String body, int status, String message) throws Exception {
        String before = treeText();
        HttpResponse<String> r = post("set", body);
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(JSON_TYPE, r.headers().firstValue("Content-Type").orElse(""));
        String error = JSON.readTree(r.body()).path("error").asText();
        assertTrue(error.contains(message), "'" + message + "' in " + error);
        assertEquals(before, treeText(), "nothing changed");
        assertEquals(200, status("/_sys/plugins/tree"), "the page still answers");
    }

    @Test
    void aChangeMustBeSentAsJson() throws Exception {
        HttpResponse<String> form = send("POST", "/_sys/plugins/set", "application/x-www-form-urlencoded",
                "router=notes&plugin=auth&target=index&values=x");
        assertEquals(415, form.statusCode());
        assertTrue(JSON.readTree(form.body()).path("error").asText().contains("application/json"), form.body());
        assertEquals(415, send("POST", "/_sys/plugins/save", null, null).statusCode());
        assertEquals(200, status("/notes/index"));
    }

    @Test
    void changesArePostOnly() throws Exception {
        for (String call : new String[] {"set", "save", "revert"}) {
            for (String method : new String[] {"GET", "PUT", "DELETE"}) {
                HttpResponse<String> r = send(method, "/_sys/plugins/" + call, null, null);
                assertEquals(405, r.statusCode(), method + " " + call);
                assertEquals("OPTIONS, POST", r.headers().firstValue("Allow").orElse(null));
                assertTrue(JSON.readTree(r.body()).has("error"), r.body());
            }
        }
        assertEquals(405, send("POST", "/_sys/plugins/tree", JSON_TYPE, "{}").statusCode());
    }

    @Test
    void aChangeFromAnotherSiteIsRefusedAndChangesNothing() throws Exception {
        String before = treeText();
        String body = set("notes", "auth", "index", "{\"rule\": \"admin\"}");
        assertEquals(403, post("set", body, "Origin", "http://evil.example").statusCode());
        assertEquals(403, post("set", body, "Referer", "http://evil.example/page").statusCode());
        assertEquals(403, post("set", body, "Sec-Fetch-Site", "cross-site").statusCode());
        assertEquals(403, post("save", "{}", "Origin", "http://evil.example").statusCode());
        assertEquals(before, treeText());
        assertEquals(200, status("/notes/index"));
        assertFalse(Files.exists(dir.resolve("plugin_config.json")));

        String own = "http://127.0.0.1:" + server.port();
        assertEquals(200, post("set", body, "Origin", own, "Sec-Fetch-Site", "same-origin").statusCode(),
                "the server's own page passes");
        assertEquals(401, status("/notes/index"));
    }

    @Test
    void saveWritesPluginConfigJsonAndRevertRestoresIt() throws Exception {
        assertEquals(200, post("set", set("notes", "auth", "index", "{\"rule\": \"admin\"}")).statusCode());
        HttpResponse<String> saved = post("save", "");
        assertEquals(200, saved.statusCode(), saved.body());
        JsonNode answer = JSON.readTree(saved.body());
        assertEquals(1, answer.path("changes").asInt(), saved.body());
        Path file = dir.resolve("plugin_config.json");
        assertEquals(file.toString(), answer.path("file").asText());
        JsonNode written = JSON.readTree(Files.readString(file));
        assertEquals("admin", written.path("changes").get(0).path("to").asText(), written.toString());

        assertEquals(200, post("set", set("notes", "auth", "index", "{\"rule\": \"\"}")).statusCode());
        assertEquals(200, status("/notes/index"), "changed live again, not saved");
        HttpResponse<String> reverted = post("revert", "{}");
        assertEquals(200, reverted.statusCode(), reverted.body());
        assertEquals(401, status("/notes/index"), "back to the saved rule");
        assertEquals("admin", plugin(router("notes"), "auth").path("entries").path("index").path("rule").asText());

        HttpResponse<String> fields = post("save", "{\"now\": true}");
        assertEquals(400, fields.statusCode());
        assertTrue(JSON.readTree(fields.body()).path("error").asText().contains("save takes no fields"), fields.body());
    }
}
