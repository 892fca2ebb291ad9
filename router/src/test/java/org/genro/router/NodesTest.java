package org.genro.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.genro.router.json.JsonReader;
import org.genro.router.json.JsonWriter;
import org.genro.router.plugin.AuthPlugin;
import org.junit.jupiter.api.Test;

/** {@link Router#nodes} introspection. */
class NodesTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> node, String... keys) {
        Map<String, Object> m = node;
        for (String k : keys) {
            m = (Map<String, Object>) m.get(k);
        }
        return m;
    }

    @Test
    void describesEntriesWithMetadataParametersAndPluginSettings() {
        Shop.Root root = Shop.tree();
        root.router().plug(new AuthPlugin());
        Map<String, Object> nodes = root.router().nodes();
        Map<String, Object> checkout = at(nodes, "routers", "shop", "entries", "checkout");
        assertEquals("shop/checkout", checkout.get("path"));
        assertEquals(List.of("POST"), checkout.get("methods"));
        assertEquals("application/json", checkout.get("mime"));
        assertEquals("checkout", checkout.get("id"));
        assertEquals(Map.of("summary", "Pay the cart"), checkout.get("meta"));
        assertEquals("Pays the cart.\nThe order is confirmed by mail.", checkout.get("doc"), "stripped, lines kept");
        assertEquals("", at(nodes, "routers", "shop", "entries", "index").get("doc"), "no doc: empty");
        Map<String, Object> list = at(nodes, "routers", "shop", "routers", "articles", "entries", "list");
        assertEquals(List.of(Map.of("name", "tag", "type", "java.lang.String", "required", false, "default", "all",
                "variadic", false)), list.get("parameters"));
        assertEquals("java.util.List<java.lang.String>", list.get("returns"));
        Map<String, Object> secret = at(nodes, "entries", "secret", "plugins", "auth");
        assertEquals(Map.of("enabled", true, "rule", "admin"), secret.get("settings"));
        assertEquals(Map.of("rule", "admin"), secret.get("metadata"));
        assertEquals(List.of("auth"), at(nodes, "routers", "shop").get("plugins"));
    }

    @Test
    void lazyBranchesStayUnbuiltUnlessAskedAndAliasesShowTheirTarget() {
        Shop.Root root = Shop.tree();
        int before = Shop.REPORTS_BUILT.get();
        Map<String, Object> nodes = root.router().nodes();
        assertEquals(Map.of("lazy", true), at(nodes, "routers", "reports"));
        assertEquals(Map.of("alias", "shop/articles"), at(nodes, "routers", "items"));
        assertEquals(before, Shop.REPORTS_BUILT.get());
        Map<String, Object> built = root.router().nodes(null, true);
        assertEquals("reports/monthly", at(built, "routers", "reports", "entries", "monthly").get("path"));
        assertEquals(before + 1, Shop.REPORTS_BUILT.get());
    }

    @Test
    void withACallerOnlyReachableEntriesAreListedAndEmptyRoutersPruned() {
        Shop.Root root = Shop.tree();
        root.router().plug(new AuthPlugin());
        root.router().at("shop/articles").orElseThrow().configure("auth", Map.of("rule", "staff"));
        Map<String, Object> anonymous = root.router().nodes(Caller.anonymous(), false);
        assertFalse(at(anonymous, "entries").containsKey("secret"));
        assertTrue(at(anonymous, "entries").containsKey("ping"));
        assertFalse(at(anonymous, "routers", "shop", "routers").containsKey("articles"));
        Map<String, Object> staff = root.router().nodes(Caller.anonymous().withTags("staff"), false);
        assertTrue(at(staff, "routers", "shop", "routers").containsKey("articles"));
        assertFalse(at(staff, "entries").containsKey("secret"));
    }

    @Test
    void outputIsPlainJson() {
        Map<String, Object> nodes = Shop.tree().router().nodes(null, true);
        assertEquals(nodes, JsonReader.parse(JsonWriter.write(nodes)));
    }
}
