package org.genro.server.system;

import static org.genro.server.system.OpenApiEntryTest.at;
import static org.genro.server.system.OpenApiSchemasTest.json;
import static org.genro.server.system.OpenApiSchemasTest.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genro.router.Router;
import org.genro.server.config.ConfigException;
import org.genro.server.config.ServerConfig;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;

/**
 * The document as a whole: info from the config, security schemes from the auth and session
 * settings, lazy branches left alone unless asked, static apps, one app's document.
 */
class OpenApiDocumentTest {

    private static Map<String, Object> tree(String yamlish) throws Exception {
        return yamlish.isEmpty() ? Map.of() : json(yamlish);
    }

    @Test
    void infoComesFromTheOpenapiSection() throws Exception {
        Map<String, Object> doc = OpenApiFixtures.document(tree("{'openapi':{'title':'Shop','version':'2.1',"
                + "'description':'Orders.','summary':'A shop','terms_of_service':'https://shop.example/terms',"
                + "'contact':{'email':'api@shop.example','name':'Shop team'},'license':{'name':'MIT','identifier':'MIT'}}}"),
                false);
        assertEquals("3.1.0", doc.get("openapi"));
        assertEquals(json("{'title':'Shop','version':'2.1','summary':'A shop','description':'Orders.',"
                + "'termsOfService':'https://shop.example/terms','contact':{'name':'Shop team','email':'api@shop.example'},"
                + "'license':{'name':'MIT','identifier':'MIT'}}"), plain(at(doc, "info")));
        assertEquals(List.of("title", "version", "summary", "description", "termsOfService", "contact", "license"),
                List.copyOf(at(doc, "info").keySet()), "the order OpenAPI lists them in");
        assertFalse(doc.containsKey("servers"), "paths are relative to the host that served the document");
    }

    @Test
    void infoHasDefaultsWithoutTheSection() throws Exception {
        assertEquals(json("{'title':'genro-server API','version':'0.1.0'}"),
                plain(at(OpenApiFixtures.document(Map.of(), false), "info")));
    }

    @Test
    void contactAndLicenseAreCheckedWhenTheConfigIsRead() throws Exception {
        ConfigException noName = assertThrows(ConfigException.class, () -> ServerConfig.fromTree(Path.of("."),
                tree("{'openapi':{'license':{'url':'https://x.example'}}}")));
        assertTrue(noName.getMessage().contains("openapi.license.name: missing"), noName.getMessage());
        ConfigException both = assertThrows(ConfigException.class, () -> ServerConfig.fromTree(Path.of("."),
                tree("{'openapi':{'license':{'name':'MIT','identifier':'MIT','url':'https://x.example'}}}")));
        assertTrue(both.getMessage().contains("openapi.license.url: give either identifier"), both.getMessage());
        ConfigException phone = assertThrows(ConfigException.class, () -> ServerConfig.fromTree(Path.of("."),
                tree("{'openapi':{'contact':{'phone':'123'}}}")));
        assertTrue(phone.getMessage().contains("openapi.contact.phone: unknown key"), phone.getMessage());
        ConfigException list = assertThrows(ConfigException.class, () -> ServerConfig.fromTree(Path.of("."),
                tree("{'openapi':{'contact':{'name':['a']}}}")));
        assertTrue(list.getMessage().contains("openapi.contact.name: expected a string"), list.getMessage());
    }

    private static final String USERS = "'basic':{'ann':{'password':'pw','tags':['admin']}}";
    private static final String TOKENS = "'bearer':{'ci':{'token':'0123456789abcdef0123'}}";
    private static final String JWTS = "'jwt':{'partner':{'algorithm':'HS256','secret':'0123456789abcdef0123456789abcdef'}}";

    @SuppressWarnings("unchecked")
    private static List<Object> securityOfReset(Map<String, Object> doc) {
        return (List<Object>) at(doc, "paths", "/api/reset", "get").get("security");
    }

    @Test
    void eachConfiguredWayOfSigningInIsASchemeAndARuledEntryAcceptsAnyOfThem() throws Exception {
        Map<String, Object> doc = OpenApiFixtures.document(tree("{'auth':{'plain_passwords':true," + USERS + ","
                + TOKENS + "," + JWTS + "},'session':{'cookie':'sid'}}"), false);
        assertEquals(json("{'basic':{'type':'http','scheme':'basic'},'bearer':{'type':'http','scheme':'bearer'},"
                + "'jwt':{'type':'http','scheme':'bearer','bearerFormat':'JWT'},"
                + "'session':{'type':'apiKey','in':'cookie','name':'sid'}}"),
                withoutDescriptions(at(doc, "components", "securitySchemes")));
        assertEquals(json("{'s':[{'basic':[]},{'bearer':[]},{'jwt':[]},{'session':[]}]}").get("s"), securityOfReset(doc));
        assertEquals("admin|staff", at(doc, "paths", "/api/reset", "get").get("x-genro-auth"));
        assertNull(at(doc, "paths", "/api/point", "get").get("security"), "no rule, no security");
    }

    @Test
    void onlyTheConfiguredSchemesAreListed() throws Exception {
        Map<String, Object> bearerOnly = OpenApiFixtures.document(tree("{'auth':{" + TOKENS + "}}"), false);
        assertEquals(List.of("bearer", "session"), List.copyOf(at(bearerOnly, "components", "securitySchemes").keySet()));
        assertEquals("session_id", at(bearerOnly, "components", "securitySchemes", "session").get("name"),
                "the default cookie");
        Map<String, Object> jwtNoSession = OpenApiFixtures.document(tree("{'auth':{" + JWTS + "},"
                + "'middleware':{'session':false}}"), false);
        assertEquals(List.of("jwt"), List.copyOf(at(jwtNoSession, "components", "securitySchemes").keySet()));
        assertEquals(List.of(Map.of("jwt", List.of())), securityOfReset(jwtNoSession));
    }

    @Test
    void withNoSchemeARuledEntryStillNamesItsRule() throws Exception {
        Map<String, Object> doc = OpenApiFixtures.document(tree("{'auth':{" + USERS + "},"
                + "'middleware':{'session':false,'auth':false}}"), false);
        assertFalse(at(doc, "components").containsKey("securitySchemes"), "nothing reads credentials");
        assertNull(securityOfReset(doc));
        assertEquals("admin|staff", at(doc, "paths", "/api/reset", "get").get("x-genro-auth"));
    }

    @Test
    void lazyBranchesAreNotBuiltUnlessAsked() throws Exception {
        int before = OpenApiFixtures.Reports.BUILT.get();
        Map<String, Object> doc = OpenApiFixtures.document(Map.of(), false);
        assertEquals(before, OpenApiFixtures.Reports.BUILT.get(), "the lazy branch's constructor did not run");
        assertEquals(List.of("/api/reports"), doc.get("x-genro-lazy"));
        assertTrue(at(doc, "paths").keySet().stream().noneMatch(p -> p.startsWith("/api/reports")));

        Map<String, Object> built = OpenApiFixtures.document(Map.of(), true);
        assertEquals(before + 1, OpenApiFixtures.Reports.BUILT.get(), "built once, when asked");
        assertEquals("api.reports.daily", at(built, "paths", "/api/reports/daily", "get").get("operationId"));
        assertFalse(built.containsKey("x-genro-lazy"));
    }

    @Test
    void anAppWithoutARouterIsOnePathOfGetAndHead() throws Exception {
        Map<String, Optional<Router>> apps = new LinkedHashMap<>();
        apps.put("site", Optional.empty());
        Map<String, Object> doc = OpenApiDocument.build(ServerConfig.fromTree(Path.of("."), Map.of()), apps, false);
        Map<String, Object> item = at(doc, "paths", "/site/{path}");
        assertEquals(List.of("get", "head"), List.copyOf(item.keySet()));
        assertEquals(json("{'name':'path','in':'path','required':true}"), plain(pick(at(item, "get"), "name", "in",
                "required")));
        assertEquals(List.of("200", "404"), List.copyOf(at(item, "head", "responses").keySet()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pick(Map<String, Object> op, String... keys) {
        Map<String, Object> p = ((List<Map<String, Object>>) op.get("parameters")).getFirst();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, p.get(k));
        }
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAppServesOneAppsDocumentAndRefusesAnUnknownApp() throws Exception {
        Map<String, Optional<Router>> apps = new LinkedHashMap<>();
        apps.put("api", Optional.of(new OpenApiFixtures.Api().router()));
        apps.put("site", Optional.empty());
        OpenApiApp app = new OpenApiApp(OpenApiFixtures.host(Map.of(), apps));
        Reply whole = app.index(Optional.empty(), false);
        assertEquals("application/json", whole.contentType());
        assertEquals("no-store", whole.headers().first("Cache-Control"));
        Map<String, Object> all = OpenApiFixtures.JSON.readValue(whole.body(), Map.class);
        assertTrue(at(all, "paths").containsKey("/site/{path}") && at(all, "paths").containsKey("/api/point"));
        Map<String, Object> one = OpenApiFixtures.JSON.readValue(app.index(Optional.of("api"), false).body(), Map.class);
        assertTrue(at(one, "paths").keySet().stream().allMatch(p -> p.startsWith("/api/")), at(one, "paths").keySet()
                .toString());
        HttpError missing = assertThrows(HttpError.class, () -> app.index(Optional.of("nope"), false));
        assertEquals(404, missing.status());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutDescriptions(Map<String, Object> schemes) throws Exception {
        Map<String, Object> out = plain(schemes);
        out.values().forEach(s -> ((Map<String, Object>) s).remove("description"));
        return out;
    }
}
