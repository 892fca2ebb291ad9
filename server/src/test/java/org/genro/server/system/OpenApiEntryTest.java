package org.genro.server.system;

import static org.genro.server.system.OpenApiSchemasTest.json;
import static org.genro.server.system.OpenApiSchemasTest.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How each entry of {@link OpenApiFixtures.Api} is documented: paths, methods, where each
 * parameter goes, required and default, bodies, results, and the error responses.
 */
class OpenApiEntryTest {
    private static final Map<String, Object> DOC = OpenApiFixtures.document(Map.of(), false);

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> doc, String... keys) {
        Object node = doc;
        for (String key : keys) {
            assertTrue(node instanceof Map<?, ?> m && m.containsKey(key), "no " + key + " among " + List.of(keys)
                    + (node instanceof Map<?, ?> m ? ": " + m.keySet() : ""));
            node = ((Map<String, Object>) node).get(key);
        }
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> op(String path, String method) {
        return at(DOC, "paths", path, method);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parameters(Map<String, Object> op) {
        return (List<Map<String, Object>>) op.getOrDefault("parameters", List.of());
    }

    private static Set<String> responses(Map<String, Object> op) {
        return ((Map<?, ?>) op.get("responses")).keySet().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void pathsAreTheAppTheRouterAndTheEntryWithTheDefaultEntryAtItsRouter() {
        Set<String> paths = at(DOC, "paths").keySet();
        assertEquals(List.of("/api/", "/api/blob", "/api/files/{root}/{path}", "/api/find", "/api/mean", "/api/move",
                "/api/order", "/api/page", "/api/ping", "/api/point", "/api/purge", "/api/raw", "/api/render",
                "/api/reset", "/api/sum", "/api/tagged/{tags}/{rest}", "/api/math/", "/api/math/add", "/api/live/hear", "/api/live/say"), List.copyOf(paths),
                "the default entry first in each router, then the others as the router lists them");
        assertTrue(((String) op("/api/", "get").get("description")).contains("also answers at /api/index"));
        assertEquals("api.math.add", op("/api/math/add", "get").get("operationId"));
        assertEquals("api.index", op("/api/", "get").get("operationId"));
    }

    @Test
    void operationIdsAreUniqueAndEveryOperationIsTaggedWithItsApp() {
        Set<Object> ids = new HashSet<>();
        List<Object> all = new ArrayList<>();
        at(DOC, "paths").values().forEach(item -> ((Map<?, ?>) item).forEach((method, op) -> {
            if (op instanceof Map<?, ?> o) {
                all.add(o.get("operationId"));
                ids.add(o.get("operationId"));
                assertEquals(List.of("api"), o.get("tags"));
            }
        }));
        assertEquals(all.size(), ids.size(), all.toString());
        assertEquals(Set.of("api.mean.get", "api.mean.post"), Set.of(op("/api/mean", "get").get("operationId"),
                op("/api/mean", "post").get("operationId")));
    }

    @Test
    void summaryIsTheFirstLineOfTheDocAndTheDescriptionTheWhole() {
        Map<String, Object> index = op("/api/", "get");
        assertEquals("Plain text.", index.get("summary"));
        assertTrue(((String) index.get("description")).startsWith("Plain text.\nA second line."));
        assertNull(op("/api/sum", "post").get("summary"), "no doc, no summary");
    }

    @Test
    void declaredMethodsWinAndUndeclaredOnesFollowTheParameters() {
        assertEquals(Set.of("get"), at(DOC, "paths", "/api/point").keySet(), "all scalar: GET");
        assertEquals(Set.of("post"), at(DOC, "paths", "/api/sum").keySet(), "a list: POST with a body");
        assertEquals(Set.of("get", "post"), at(DOC, "paths", "/api/mean").keySet());
        assertEquals(Set.of("put"), at(DOC, "paths", "/api/move").keySet());
        assertEquals(Set.of("x-genro-methods"), at(DOC, "paths", "/api/purge").keySet(), "a method OpenAPI cannot name");
        assertEquals(List.of("PURGE"), at(DOC, "paths", "/api/purge").get("x-genro-methods"));
    }

    @Test
    void scalarsGoInTheQueryWithRequiredAndTypedDefaults() throws Exception {
        List<Map<String, Object>> params = parameters(op("/api/point", "get"));
        assertEquals(json("{'name':'x','in':'query','required':true,'schema':{'type':'integer','format':'int32'}}"),
                plain(params.get(0)));
        assertEquals(json("{'name':'y','in':'query','required':false,"
                + "'schema':{'type':'integer','format':'int32','default':7}}"), plain(params.get(1)));
        assertTrue(((String) op("/api/point", "get").get("description"))
                .contains("path segments, in order: /api/point/{x}/{y}"));
    }

    @Test
    void aPostOfScalarsReadsThemFromTheQueryAndAnOptionalIsNotRequired() throws Exception {
        Map<String, Object> order = op("/api/order", "post");
        assertNull(order.get("requestBody"));
        assertEquals(json("{'name':'note','in':'query','required':false,'schema':{'type':'string'}}"),
                plain(parameters(order).get(1)));
    }

    @Test
    void structuredParametersMakeAJsonObjectBody() throws Exception {
        assertEquals(json("{'required':true,'content':{'application/json':{'schema':{'type':'object',"
                + "'properties':{'values':{'type':'array','items':{'type':'integer','format':'int32'}}},"
                + "'required':['values']}}}}"), plain(at(DOC, "paths", "/api/sum", "post", "requestBody")));
        assertEquals(json("{'type':'object','properties':{'to':{'$ref':'#/components/schemas/Point'},"
                + "'colour':{'type':'string','enum':['RED','GREEN'],'default':'RED'}},'required':['to']}"),
                plain(at(DOC, "paths", "/api/move", "put", "requestBody", "content", "application/json", "schema")));
        assertTrue(parameters(op("/api/move", "put")).isEmpty(), "the body holds every parameter");
    }

    @Test
    void aGetOfAListRepeatsTheNameAndAGetOfARecordTakesJsonText() throws Exception {
        assertEquals(json("{'name':'values','in':'query','required':true,"
                + "'schema':{'type':'array','items':{'type':'number','format':'double'}}}"),
                plain(parameters(op("/api/mean", "get")).getFirst()));
        assertNull(op("/api/mean", "get").get("requestBody"));
        assertTrue(op("/api/mean", "post").containsKey("requestBody"));
        Map<String, Object> filter = parameters(op("/api/find", "get")).getFirst();
        assertEquals(json("{'application/json':{'schema':{'$ref':'#/components/schemas/Filter'}}}"),
                plain(at(filter, "content")));
        assertTrue(((String) filter.get("description")).contains("::JS"));
    }

    @Test
    void varargsPutEveryParameterInThePath() throws Exception {
        Map<String, Object> files = op("/api/files/{root}/{path}", "get");
        List<Map<String, Object>> params = parameters(files);
        assertEquals(List.of("root", "path"), params.stream().map(p -> p.get("name")).toList());
        assertTrue(params.stream().allMatch(p -> p.get("in").equals("path") && p.get("required").equals(true)));
        assertEquals(json("{'type':'string'}"), plain(at(params.get(1), "schema")), "one segment's schema");
        assertEquals(Set.of("200", "400", "404"), responses(files));
        Map<String, Object> tagged = op("/api/tagged/{tags}/{rest}", "post");
        assertNull(tagged.get("requestBody"), "a list before varargs comes from the path too, comma-separated");
        assertEquals(List.of("path", "path"), parameters(tagged).stream().map(p -> p.get("in")).toList());
    }

    @Test
    void resultsFollowTheReturnTypeAndTheDeclaredMime() throws Exception {
        assertEquals(json("{'$ref':'#/components/schemas/Point'}"),
                plain(at(DOC, "paths", "/api/point", "get", "responses", "200", "content", "application/json", "schema")));
        assertEquals(json("{'type':'array','items':{'$ref':'#/components/schemas/Point'}}"),
                plain(at(DOC, "paths", "/api/find", "get", "responses", "200", "content", "application/json", "schema")));
        assertEquals(Set.of("text/plain"), at(DOC, "paths", "/api/", "get", "responses", "200", "content").keySet());
        assertEquals(Set.of("text/html"), at(DOC, "paths", "/api/page", "get", "responses", "200", "content").keySet());
        assertEquals(Set.of("application/octet-stream"),
                at(DOC, "paths", "/api/blob", "get", "responses", "200", "content").keySet());
        assertFalse(at(DOC, "paths", "/api/raw", "get", "responses", "200").containsKey("content"), "a Reply: anything");
        assertFalse(at(DOC, "paths", "/api/ping", "get", "responses", "200").containsKey("content"), "void: empty");
        assertEquals(json("{'type':'object','additionalProperties':{'type':'number','format':'decimal'}}"), plain(at(DOC,
                "paths", "/api/render", "get", "responses", "200", "content", "application/json", "schema")));
    }

    @Test
    void errorResponsesAreThoseTheEntryCanProduce() {
        assertEquals(Set.of("200"), responses(op("/api/ping", "get")), "no parameters, no rule");
        assertEquals(Set.of("200", "400"), responses(op("/api/point", "get")), "parameters: binding can fail");
        assertEquals(Set.of("200", "401", "403"), responses(op("/api/reset", "get")), "a rule");
        assertEquals(Set.of("200", "400", "503"), responses(op("/api/render", "get")), "an env rule");
        assertEquals(Set.of("200", "400", "503"), responses(op("/api/live/say", "post")), "closed to HTTP");
        assertEquals(Set.of("200"), responses(op("/api/live/hear", "get")), "open to HTTP by a pattern");
        assertEquals(Map.of("$ref", "#/components/responses/Unauthorized"), at(DOC, "paths", "/api/reset", "get",
                "responses", "401"));
        assertTrue(at(DOC, "components", "responses", "Unauthorized", "headers").containsKey("WWW-Authenticate"));
        assertEquals(Set.of("application/json", "text/plain"),
                at(DOC, "components", "responses", "BadRequest", "content").keySet());
        assertEquals(List.of("error", "status"), at(DOC, "components", "schemas", "Error").get("required"));
    }

    @Test
    void pluginRulesAreNamedInExtensionsAndDescriptions() {
        assertEquals("admin|staff", op("/api/reset", "get").get("x-genro-auth"));
        assertTrue(((String) op("/api/reset", "get").get("description")).contains("admin|staff"));
        assertEquals("gpu", op("/api/render", "get").get("x-genro-requires"));
        assertEquals("wsx", op("/api/live/say", "post").get("x-genro-channels"));
        assertTrue(((String) op("/api/live/say", "post").get("description")).contains("over HTTP it answers 503"));
        assertEquals("ht+p, wsx", op("/api/live/hear", "get").get("x-genro-channels"));
        assertNull(op("/api/live/hear", "get").get("description"));
        assertNull(op("/api/point", "get").get("x-genro-auth"));
        assertNull(op("/api/point", "get").get("security"));
    }

    @Test
    void aliasesAreNotDocumentedTwice() {
        assertTrue(at(DOC, "paths").keySet().stream().noneMatch(p -> p.startsWith("/api/calc")));
    }
}
