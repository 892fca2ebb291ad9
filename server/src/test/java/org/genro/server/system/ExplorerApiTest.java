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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.genro.router.Default;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.AsgiServer;
import org.genro.server.exchange.Endpoint;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /_sys/explorer/} over HTTP: the page's shell and headers, the slash redirect, the tree JSON. */
class ExplorerApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private AsgiServer server;
    private HttpClient client;

    /** A catalog app: documented entries, a child router, a lazy branch and an alias. */
    public static class Catalog extends RoutingClass {
        public Catalog() {
            branch("admin", new Admin());
            lazyBranch("reports", Reports.class);
            alias("things", "catalog/admin");
        }

        @Route(methods = {"GET"}, doc = "Finds articles by name.")
        public List<String> find(String name, @Default("10") int limit) {
            return List.of(name);
        }

        @Route(auth = "admin", mime = "text/plain")
        public String secret() {
            return "secret";
        }

        @Route
        public String files(String... path) {
            return String.join("/", path);
        }
    }

    /** A child router. */
    public static class Admin extends RoutingClass {
        @Route(methods = {"POST"})
        public String purge() {
            return "purged";
        }
    }

    /** A lazy branch that counts how often it is built. */
    public static class Reports extends RoutingClass {
        static final AtomicInteger BUILT = new AtomicInteger();

        public Reports() {
            BUILT.incrementAndGet();
        }

        @Route
        public String monthly() {
            return "monthly";
        }
    }

    // a server per test: building a lazy branch is for good
    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        client = HttpClient.newHttpClient();
        server = AsgiServer.builder().serverDir(dir).host("127.0.0.1").mount("catalog", new Catalog())
                .mount("site", (Endpoint) exchange -> Reply.text("a static app\n")).start();
    }

    @AfterEach
    void stop() {
        // the client's connections first: the server then sees them end rather than
        // waiting out its shutdown grace for a connection that has just answered
        client.close();
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode tree(String query) throws Exception {
        HttpResponse<String> r = send("GET", "/_sys/explorer/tree" + query);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(r.body());
    }

    private static JsonNode named(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no '" + name + "' in " + list);
    }

    /** Asserts the guard headers every answer of a system page carries. */
    static void assertGuarded(HttpResponse<?> r) {
        assertEquals(SystemPage.CSP, r.headers().firstValue("Content-Security-Policy").orElse(null));
        assertEquals("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'", SystemPage.CSP);
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("same-origin", r.headers().firstValue("Referrer-Policy").orElse(null));
    }

    /** Asserts that {@code html} is a shell loading {@code asset}'s files, with no inline code or style and no data. */
    static void assertShell(String html, String asset) {
        assertTrue(html.startsWith("<!doctype html>"), html);
        for (String link : List.of("/_server/resource/genro.css", "/_server/resource/" + asset + ".css",
                "/_server/resource/" + asset + ".js")) {
            assertTrue(html.contains("\"" + link + "\""), link + " in " + html);
        }
        assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "an inline script: " + html);
        assertFalse(html.contains("<style") || html.contains(" style=")
                || Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "inline style or handler: " + html);
    }

    @Test
    void thePageIsAShellWithStrictHeaders() throws Exception {
        HttpResponse<String> r = send("GET", "/_sys/explorer/");
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        assertGuarded(r);
        assertShell(r.body(), "explorer");
        assertFalse(r.body().contains("catalog"), "the data comes from tree, not inside the shell");

        HttpResponse<String> head = send("HEAD", "/_sys/explorer/");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void itsAssetsComeFromTheResourceLoader() throws Exception {
        HttpResponse<String> js = send("GET", "/_server/resource/explorer.js");
        assertEquals(200, js.statusCode());
        assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("Content-Type").orElse(""));
        assertFalse(js.body().contains("innerHTML") || js.body().contains("insertAdjacentHTML"),
                "the script never parses data as markup");
        HttpResponse<String> css = send("GET", "/_server/resource/explorer.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    }

    @Test
    void withoutTheSlashThePageRedirectsToTheSlashForm() throws Exception {
        HttpResponse<String> r = send("GET", "/_sys/explorer");
        assertEquals(308, r.statusCode());
        assertEquals("explorer/", r.headers().firstValue("Location").orElse(null), "relative, so it holds behind a prefix");
        assertGuarded(r);
        assertEquals("explorer/?a=1&b=%20", send("GET", "/_sys/explorer?a=1&b=%20").headers().firstValue("Location")
                .orElse(null));
        assertEquals(405, send("POST", "/_sys/explorer").statusCode(), "only the page's methods redirect");

        assertEquals("%65xplorer/", SystemPage.slashForm("/_sys/%65xplorer", "_sys/explorer"), "the segment as sent");
        assertEquals("./a:b/", SystemPage.slashForm("/_sys/a:b", "_sys/a:b"), "not read as a scheme");
        assertEquals("/_sys/explorer/", SystemPage.slashForm("/_sys/explorer/.", "_sys/explorer"));
        assertEquals("/_sys/explorer/", SystemPage.slashForm("/_sys/explorer/x/..", "_sys/explorer"));
    }

    @Test
    void theTreeDescribesAppsRoutersAndEntries() throws Exception {
        JsonNode apps = tree("").path("apps");
        assertEquals(2, apps.size(), "user apps only: " + apps);
        JsonNode catalog = named(apps, "catalog");
        assertEquals("routes", catalog.path("kind").asText());
        assertEquals("static", named(apps, "site").path("kind").asText());
        assertFalse(named(apps, "site").has("router"));

        JsonNode router = catalog.path("router");
        assertEquals("catalog", router.path("path").asText());
        JsonNode find = named(router.path("entries"), "find");
        assertEquals(JSON.readTree("""
                {"name": "find", "path": "catalog/find", "methods": ["GET"], "doc": "Finds articles by name.",
                 "parameters": [{"name": "name", "type": "java.lang.String", "required": true, "variadic": false},
                                {"name": "limit", "type": "int", "required": false, "default": "10", "variadic": false}],
                 "auth": "", "mime": "", "returns": "java.util.List<java.lang.String>", "id": ""}"""), find);
        JsonNode secret = named(router.path("entries"), "secret");
        assertEquals("admin", secret.path("auth").asText());
        assertEquals("text/plain", secret.path("mime").asText());
        assertEquals(JSON.readTree("[]"), secret.path("methods"), "any method");
        assertTrue(named(router.path("entries"), "files").path("parameters").get(0).path("variadic").asBoolean());

        JsonNode routers = router.path("routers");
        assertEquals("catalog/admin/purge", named(named(routers, "admin").path("entries"), "purge").path("path").asText());
        assertEquals(JSON.readTree("{\"name\": \"reports\", \"path\": \"catalog/reports\", \"lazy\": true, \"entries\": [\"monthly\"]}"),
                named(routers, "reports"));
        assertEquals("catalog/admin", named(routers, "things").path("alias").asText());
    }

    @Test
    void lazyBranchesAreBuiltOnlyWhenAsked() throws Exception {
        int before = Reports.BUILT.get();
        JsonNode marker = named(named(tree("?lazy=false").path("apps"), "catalog").path("router").path("routers"), "reports");
        assertTrue(marker.path("lazy").asBoolean(), marker.toString());
        assertEquals(before, Reports.BUILT.get(), "describing a lazy branch does not build it");

        JsonNode built = named(named(tree("?lazy=true").path("apps"), "catalog").path("router").path("routers"), "reports");
        assertFalse(built.has("lazy"), built.toString());
        assertEquals("catalog/reports/monthly", named(built.path("entries"), "monthly").path("path").asText());
        assertEquals(before + 1, Reports.BUILT.get());
    }

    @Test
    void badRequestsAreAnsweredInJson() throws Exception {
        HttpResponse<String> lazy = send("GET", "/_sys/explorer/tree?lazy=yes");
        assertEquals(400, lazy.statusCode());
        assertEquals(Map.of("error", "lazy must be true or false, got 'yes'"), JSON.readValue(lazy.body(), Map.class));
        assertGuarded(lazy);

        HttpResponse<String> unknown = send("GET", "/_sys/explorer/nope");
        assertEquals(404, unknown.statusCode());
        assertTrue(JSON.readTree(unknown.body()).path("error").asText().contains("'nope'"), unknown.body());

        HttpResponse<String> post = send("POST", "/_sys/explorer/tree");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD, OPTIONS", post.headers().firstValue("Allow").orElse(null));
        assertTrue(JSON.readTree(post.body()).has("error"), post.body());

        HttpResponse<String> options = send("OPTIONS", "/_sys/explorer/tree");
        assertEquals(204, options.statusCode());
        assertEquals("GET, HEAD, OPTIONS", options.headers().firstValue("Allow").orElse(null));
    }

    @Test
    void aForwardedClientIsNotLocalAndIsRefused() throws Exception {
        // the access rule runs before the app: a request a proxy forwarded is someone else's
        assertEquals(403, send("GET", "/_sys/explorer/tree", "X-Forwarded-For", "203.0.113.9").statusCode());
        assertEquals(403, send("GET", "/_sys/explorer/", "X-Forwarded-For", "203.0.113.9").statusCode());
    }
}
