package org.genro.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.genro.router.json.JsonReader;
import org.genro.router.json.JsonWriter;
import org.genro.router.plugin.AuthPlugin;
import org.genro.router.plugin.ChannelPlugin;
import org.genro.router.plugin.LoggingPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Plugin inheritance, call-layer order, live configuration, and the "?" snapshot round trip. */
class PluginWiringTest {

    /** Records the order in which layers run, and has one setting to configure. */
    record Tracer(String code, List<String> trail) implements Plugin<String> {
        @Override
        public Map<String, Object> defaults() {
            return Map.of("label", code);
        }

        @Override
        public String compile(Map<String, Object> settings) {
            return (String) settings.get("label");
        }

        @Override
        public boolean wraps() {
            return true;
        }

        @Override
        public Object around(String label, Invocation invocation, Handler next) throws Exception {
            trail.add(label);
            return next.call(invocation);
        }
    }

    /** Refuses everyone unless {@code open}, counting the times it is asked. */
    static final class Gate implements Plugin<Boolean> {
        int asked;

        @Override
        public String code() {
            return "gate";
        }

        @Override
        public Map<String, Object> defaults() {
            return Map.of("open", true);
        }

        @Override
        public Boolean compile(Map<String, Object> settings) {
            return (Boolean) settings.get("open");
        }

        @Override
        public boolean mayRefuse(Boolean open) {
            return !open;
        }

        @Override
        public Access access(Boolean open, Entry entry, Caller caller) {
            asked++;
            return open ? Access.ALLOWED : Access.NOT_AUTHORIZED;
        }
    }

    static class Node extends RoutingClass {
        @Route
        public String index() {
            return "index";
        }

        @Route
        public String admin() {
            return "admin";
        }

        @Route
        public String staff() {
            return "staff";
        }
    }

    private static int status(RoutingClass root, String path, Caller caller) {
        return root.resolve(path, caller).status();
    }

    @Test
    void branchesInheritTheParentsPluginsWhetherPluggedBeforeOrAfterAttaching() {
        Node root = new Node();
        Node early = new Node();
        root.router().branch("early", early);
        root.router().plug(new AuthPlugin());
        root.router().configure("auth", Map.of("rule", "member"));
        Node late = new Node();
        Node grandchild = new Node();
        late.router().branch("deep", grandchild);
        root.router().branch("late", late);
        for (String path : List.of("index", "early/admin", "late/staff", "late/deep/index")) {
            assertEquals(401, status(root, path, Caller.anonymous()), path);
            assertEquals(200, status(root, path, Caller.anonymous().withTags("member")), path);
        }
        assertEquals(List.of("auth"), grandchild.router().plugins().stream().map(Plugin::code).toList());
    }

    /**
     * A plugin whose settings allow everyone is not asked on the request path, and a live
     * change that makes it refuse (or disables it) takes effect at the next resolution.
     */
    @Test
    void onlyPluginsThatMayRefuseAreAskedAndLiveChangesReachTheRequestPath() {
        Node root = new Node();
        Gate gate = new Gate();
        root.router().plug(gate);
        assertEquals(200, status(root, "index", Caller.anonymous()));
        assertEquals(0, gate.asked, "open: never asked");
        root.router().configure("gate", Map.of("open", false));
        assertEquals(403, status(root, "index", Caller.anonymous()));
        assertEquals(1, gate.asked, "closed: asked");
        root.router().configure("gate", Map.of("enabled", false));
        assertEquals(200, status(root, "index", Caller.anonymous()));
        assertEquals(1, gate.asked, "disabled: not asked");
    }

    @Test
    void ownPluginsWrapOutsideInheritedOnesAndFirstPluggedIsOutermost() throws Exception {
        List<String> trail = new ArrayList<>();
        Node root = new Node();
        root.router().plug(new Tracer("a", trail)).plug(new Tracer("b", trail));
        Node child = new Node();
        child.router().plug(new Tracer("c", trail));
        root.router().branch("child", child);
        assertEquals(List.of("c", "a", "b"), child.router().plugins().stream().map(Plugin::code).toList());
        ((Resolution.Found) root.resolve("child/index", null)).invoke(null, null);
        assertEquals(List.of("c", "a", "b"), trail);
    }

    @Test
    void childPluginOfTheSameCodeTakesPrecedenceButSettingsStillFlowDown() {
        Node root = new Node();
        root.router().plug(new Tracer("t", new ArrayList<>()));
        root.router().configure("t", Map.of("label", "from-root"));
        Node child = new Node();
        Tracer own = new Tracer("t", new ArrayList<>());
        child.router().plug(own);
        root.router().branch("child", child);
        assertEquals(List.of(own), child.router().plugins());
        assertEquals("from-root", child.router().entry("index").orElseThrow().settings("t").get("label"));
    }

    @Test
    void settingsFlowDownKeyByKeyAndFollowLiveChanges() {
        Node root = new Node();
        root.router().plug(new LoggingPlugin());
        Node child = new Node();
        root.router().branch("child", child);
        child.router().configure("logging", Map.of("before", false));
        root.router().configure("logging", Map.of("level", "DEBUG", "before", true));
        Map<String, Object> seen = child.router().entry("admin").orElseThrow().settings("logging");
        assertEquals("DEBUG", seen.get("level"), "a key the child never set follows the parent");
        assertEquals(false, seen.get("before"), "a key the child set stays");
        child.router().configure("logging/admin", Map.of("after", false));
        root.router().configure("logging", Map.of("after", true));
        assertEquals(false, child.router().entry("admin").orElseThrow().settings("logging").get("after"));
        assertEquals(true, child.router().entry("staff").orElseThrow().settings("logging").get("after"));
    }

    @Test
    void nullValueRemovesAnOverrideSoTheInheritedValueShowsAgain() {
        Node root = new Node();
        root.router().plug(new AuthPlugin());
        root.router().configure("auth", Map.of("rule", "member"));
        root.router().configure("auth/admin", Map.of("rule", "admin"));
        assertEquals("admin", root.router().entry("admin").orElseThrow().authRule());
        Map<String, Object> unset = new HashMap<>();
        unset.put("rule", null);
        root.router().configure("auth/admin", unset);
        assertEquals("member", root.router().entry("admin").orElseThrow().authRule());
    }

    @Test
    void configureSelectsEntriesByNameOrGlobs() {
        Node root = new Node();
        root.router().plug(new AuthPlugin());
        assertEquals(List.of("_all_"), root.router().configure("auth/_ALL_", Map.of("rule", "x")));
        assertEquals(List.of("admin"), root.router().configure("auth/admin", Map.of("rule", "a")));
        assertEquals(List.of("admin", "staff"), root.router().configure("auth/adm*, st?ff", Map.of("rule", "b")));
        assertEquals(List.of("index", "staff"), root.router().configure("auth/[!a]*", Map.of("rule", "c")));
        assertEquals("b", root.router().entry("admin").orElseThrow().authRule());
        assertEquals("c", root.router().entry("index").orElseThrow().authRule());
    }

    static Stream<Arguments> badConfigure() {
        return Stream.of(
                Arguments.of("logging", Map.of("level", "DEBUG"), "plugin 'logging' is not plugged"),
                Arguments.of("auth", Map.of("rul", "x"), "has no setting 'rul' (settings: enabled, rule)"),
                Arguments.of("auth", Map.of("rule", 5L), "must be text"),
                Arguments.of("auth", Map.of("enabled", "maybe"), "must be a boolean"),
                Arguments.of("auth", Map.of(), "without values"),
                Arguments.of("auth/nothing*", Map.of("rule", "x"), "no entry of router '' matches 'nothing*'"),
                Arguments.of("", Map.of("rule", "x"), "target is empty"),
                Arguments.of("auth/admin", Map.of("rule", "(x"), "missing ')'"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("badConfigure")
    void badConfigureIsRefusedAndChangesNothing(String target, Map<String, Object> values, String reason) {
        Node root = new Node();
        root.router().plug(new AuthPlugin());
        root.router().configure("auth/admin", Map.of("rule", "admin"));
        Map<String, Object> before = root.router().configure("?");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> root.router().configure(target, values));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(before, root.router().configure("?"));
        assertThrows(IllegalArgumentException.class, () -> root.router().configure("help"));
    }

    @Test
    void pluggingTheSameCodeTwiceIsRefused() {
        Node root = new Node();
        root.router().plug(new AuthPlugin());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> root.router().plug(new AuthPlugin()));
        assertTrue(e.getMessage().contains("configure it instead"), e.getMessage());
    }

    /** A configured tree, built the same way every time. */
    private static Shop.Root configuredShop() {
        Shop.Root root = Shop.tree();
        root.router().plug(new AuthPlugin());
        root.router().plug(new ChannelPlugin());
        root.router().configure("channel", Map.of("channels", "http,wsx"));
        return root;
    }

    private static void customize(Shop.Root root) {
        Router shop = root.router().at("shop").orElseThrow();
        shop.configure("auth", Map.of("rule", "customer"));
        shop.configure("auth/index", Map.of("enabled", false));
        shop.configure("channel/checkout", Map.of("channels", "http"));
        root.router().at("shop/articles").orElseThrow().configure("auth/detail", Map.of("rule", "staff"));
        root.router().at("reports").orElseThrow().configure("auth", Map.of("rule", "manager"));
        Map<String, Object> unset = new HashMap<>();
        unset.put("rule", null);
        root.router().configure("auth/secret", unset);
    }

    private static final List<String> PATHS = List.of("", "secret", "shop", "shop/checkout", "shop/retrieve/1",
            "shop/articles/list", "shop/articles/detail/1", "reports", "reports/monthly/2", "items/detail/4");
    private static final List<Caller> CALLERS = List.of(Caller.anonymous().withChannel("http"),
            Caller.anonymous().withChannel("wsx").withTags("customer"),
            Caller.anonymous().withChannel("http").withTags("customer", "staff", "manager"));

    private static List<Integer> outcomes(Shop.Root root) {
        List<Integer> out = new ArrayList<>();
        for (String path : PATHS) {
            for (Caller caller : CALLERS) {
                out.add(root.resolve(path, caller).status());
            }
        }
        return out;
    }

    @Test
    void snapshotSurvivesJsonAndRestoresTheSameStateOnAFreshTree() {
        Shop.Root original = configuredShop();
        customize(original);
        Map<String, Object> snapshot = original.router().configure("?");
        String json = JsonWriter.write(snapshot);
        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) JsonReader.parse(json);

        Shop.Root fresh = configuredShop();
        // Built before the restore here, so its settings apply directly; the lazy case is below.
        fresh.router().at("reports").orElseThrow();
        fresh.router().restore(read);

        assertEquals(json, JsonWriter.write(fresh.router().configure("?")));
        assertEquals(outcomes(original), outcomes(fresh));
        assertTrue(json.contains("\"settings\":{\"rule\":\"customer\"}"), json);
    }

    @Test
    void snapshotForAnUnbuiltLazyBranchIsAppliedWhenItIsBuilt() {
        Shop.Root original = configuredShop();
        customize(original);
        Map<String, Object> snapshot = original.router().configure("?");
        Shop.Root fresh = configuredShop();
        fresh.router().restore(snapshot);
        assertEquals(Map.of("lazy", true), ((Map<?, ?>) fresh.router().configure("?").get("routers")).get("reports"));
        assertEquals(outcomes(original), outcomes(fresh));
        assertEquals(JsonWriter.write(snapshot), JsonWriter.write(fresh.router().configure("?")));
    }

    @Test
    void restoreRefusesUnknownNamesAndChangesNothing() {
        Shop.Root root = configuredShop();
        Map<String, Object> before = root.router().configure("?");
        String json = JsonWriter.write(before).replace("\"checkout\"", "\"gone\"");
        Map<String, Object> tampered = new HashMap<>(before);
        tampered.put("routers", Map.of("nowhere", Map.of("plugins", List.of())));
        assertThrows(IllegalArgumentException.class, () -> root.router().restore(tampered));
        @SuppressWarnings("unchecked")
        Map<String, Object> withBadRule = (Map<String, Object>) JsonReader.parse(JsonWriter.write(before)
                .replace("\"settings\":{}", "\"settings\":{\"rule\":\"(bad\"}"));
        assertThrows(IllegalArgumentException.class, () -> root.router().restore(withBadRule));
        assertEquals(before, root.router().configure("?"));
        assertTrue(json.contains("gone"));
    }
}
