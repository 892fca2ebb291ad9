package org.genro.server.system;

import static org.genro.server.system.OpenApiEntryTest.at;
import static org.genro.server.system.OpenApiSchemasTest.json;
import static org.genro.server.system.OpenApiSchemasTest.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genro.server.AsgiServer;
import org.genro.server.files.StaticFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /_sys/openapi} over HTTP from loopback (which the system gate lets through): the
 * whole document, one app's, an unknown app, and calls made the way the document says,
 * answered the way it says.
 */
class OpenApiHttpTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static AsgiServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("public"));
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        server = AsgiServer.builder().port(0).serverDir(dir).mount("api", new OpenApiFixtures.Api())
                .mount("site", new StaticFiles(StaticFiles.Options.of(root))).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder request(AsgiServer s, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> document(AsgiServer s, String path) throws Exception {
        HttpResponse<String> r = send(request(s, path));
        assertEquals(200, r.statusCode(), r.body());
        return OpenApiFixtures.JSON.readValue(r.body(), Map.class);
    }

    @Test
    void theWholeDocumentIsJsonThatIsNeverCached() throws Exception {
        HttpResponse<String> r = send(request(server, "/_sys/openapi"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = OpenApiFixtures.JSON.readValue(r.body(), Map.class);
        assertEquals("3.1.0", doc.get("openapi"));
        assertTrue(at(doc, "paths").containsKey("/api/point") && at(doc, "paths").containsKey("/site/{path}"));
        assertTrue(at(doc, "paths").keySet().stream().noneMatch(p -> p.startsWith("/_")), "system apps are not listed");
        assertEquals(List.of("/api/reports"), doc.get("x-genro-lazy"));
    }

    @Test
    void oneAppsDocumentByPathOrByQuery() throws Exception {
        Map<String, Object> byPath = document(server, "/_sys/openapi/api");
        assertEquals(byPath, document(server, "/_sys/openapi?app=api"));
        assertTrue(at(byPath, "paths").keySet().stream().allMatch(p -> p.startsWith("/api/")));
        assertEquals(List.of("/site/{path}"), List.copyOf(at(document(server, "/_sys/openapi/site/"), "paths").keySet()));
    }

    @Test
    void anUnknownAppIsNotFound() throws Exception {
        assertEquals(404, send(request(server, "/_sys/openapi/nope")).statusCode());
        assertEquals(404, send(request(server, "/_sys/openapi?app=nope")).statusCode());
    }

    @Test
    void lazyTrueBuildsTheLazyBranchesAndDocumentsThem() throws Exception {
        try (AsgiServer own = AsgiServer.builder().port(0).mount("api", new OpenApiFixtures.Api()).start()) {
            int before = OpenApiFixtures.Reports.BUILT.get();
            assertFalse(at(document(own, "/_sys/openapi/api"), "paths").containsKey("/api/reports/daily"));
            assertEquals(before, OpenApiFixtures.Reports.BUILT.get(), "reading the document built nothing");
            Map<String, Object> built = document(own, "/_sys/openapi/api?lazy=true");
            assertTrue(at(built, "paths").containsKey("/api/reports/daily"));
            assertEquals(before + 1, OpenApiFixtures.Reports.BUILT.get());
        }
    }

    @Test
    void callsMadeAsDocumentedAreAnsweredAsDocumented() throws Exception {
        Map<String, Object> doc = document(server, "/_sys/openapi");
        at(doc, "paths", "/api/point", "get");
        assertEquals("{\"x\":3,\"y\":7}", send(request(server, "/api/point?x=3")).body(), "y defaults to 7");
        at(doc, "paths", "/api/mean", "get");
        assertEquals("1.5", send(request(server, "/api/mean?values=1&values=2")).body());
        at(doc, "paths", "/api/sum", "post", "requestBody");
        assertEquals("3", send(request(server, "/api/sum").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"values\":[1,2]}"))).body());
        at(doc, "paths", "/api/files/{root}/{path}", "get");
        assertEquals("r:a", send(request(server, "/api/files/r/a")).body());
        at(doc, "paths", "/api/tagged/{tags}/{rest}", "post");
        assertEquals("[x, y]:a/b", send(request(server, "/api/tagged/x,y/a/b").POST(HttpRequest.BodyPublishers.noBody()))
                .body());
        HttpResponse<String> ping = send(request(server, "/api/ping"));
        assertFalse(at(doc, "paths", "/api/ping", "get", "responses", "200").containsKey("content"));
        assertEquals(200, ping.statusCode());
        assertEquals("", ping.body());
        at(doc, "paths", "/site/{path}", "get");
        assertEquals("hello\n", send(request(server, "/site/hello.txt")).body());
    }

    @Test
    void errorRepliesHaveTheDocumentedShape() throws Exception {
        Map<String, Object> doc = document(server, "/_sys/openapi");
        assertEquals("#/components/responses/BadRequest", at(doc, "paths", "/api/point", "get", "responses", "400")
                .get("$ref"));
        HttpResponse<String> bad = send(request(server, "/api/point?x=nine").header("Accept", "application/json"));
        assertEquals(400, bad.statusCode());
        @SuppressWarnings("unchecked")
        Map<String, Object> body = OpenApiFixtures.JSON.readValue(bad.body(), Map.class);
        Map<String, Object> schema = at(doc, "components", "schemas", "Error");
        assertEquals(at(schema, "properties").keySet(), body.keySet());
        assertEquals(400, body.get("status"));
        assertTrue(body.get("error") instanceof String);
        assertTrue(at(doc, "paths", "/api/reset", "get", "responses").containsKey("401"));
        assertEquals(401, send(request(server, "/api/reset")).statusCode());
        assertTrue(at(doc, "paths", "/site/{path}", "get", "responses").containsKey("404"));
        assertEquals(404, send(request(server, "/site/missing.txt")).statusCode());
        assertTrue(at(doc, "paths", "/api/live/say", "post", "responses").containsKey("503"));
        assertEquals(503, send(request(server, "/api/live/say?text=hi").POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode());
        assertFalse(at(doc, "paths", "/api/live/hear", "get", "responses").containsKey("503"));
        assertEquals(200, send(request(server, "/api/live/hear")).statusCode());
    }

    @Test
    void helloGreetIsDocumentedAsItIsCalled() throws Exception {
        Path hello = Path.of("..", "config-samples", "hello").toAbsolutePath().normalize();
        try (AsgiServer s = new AsgiServer(hello, "127.0.0.1", 0, false, List.of(), null).start()) {
            Map<String, Object> doc = document(s, "/_sys/openapi/hello");
            assertEquals(json("{'tags':['hello'],"
                    + "'summary':'Greets a name, times over: ?name=Ada&times=2, or /hello/greet/Ada?times=2.',"
                    + "'description':'Greets a name, times over: ?name=Ada&times=2, or /hello/greet/Ada?times=2.\\n\\n"
                    + "The parameters may also be given as path segments, in order: /hello/greet/{name}/{times}.',"
                    + "'operationId':'hello.greet','parameters':["
                    + "{'name':'name','in':'query','required':true,'schema':{'type':'string'}},"
                    + "{'name':'times','in':'query','required':true,'schema':{'type':'integer','format':'int32'}}],"
                    + "'responses':{'200':{'description':'The result.','content':{'application/json':"
                    + "{'schema':{'$ref':'#/components/schemas/Greeting'}}}},"
                    + "'400':{'$ref':'#/components/responses/BadRequest'}}}"),
                    plain(at(doc, "paths", "/hello/greet", "get")));
            assertEquals(json("{'type':'object','properties':{'message':{'type':'string'},"
                    + "'times':{'type':'integer','format':'int32'}},'required':['message','times']}"),
                    plain(at(doc, "components", "schemas", "Greeting")));
        }
    }
}
