package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.exchange.Destination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing decisions are remembered only where deciding again would give the same answer. */
class DecisionsTest {
    private AsgiServer server;
    private AppLayer layer;
    private Decisions decisions;

    /** A branch attached while the server runs. */
    public static class Extra extends RoutingClass {
        @Route
        public String index() {
            return "extra";
        }
    }

    @BeforeEach
    void build() {
        server = AsgiServer.builder().mount("shop", new ShopApp("p")).build();
        layer = server.layer();
        decisions = new Decisions(server.router());
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aFixedEntryIsDecidedOnceAndTheSameDecisionServesAgain() {
        Destination first = decisions.decide("/shop/raw", layer);
        assertEquals("shop", first.app());
        assertNotNull(first.found());
        assertSame(first, decisions.decide(new String("/shop/raw"), layer), "an equal path, not only the same String");
    }

    @Test
    void pathsCarryingArgumentsAreNotRememberedWhole() {
        Destination first = decisions.decide("/shop/retrieve/42", layer);
        assertEquals(List.of("42"), first.found().positional());
        assertNotSame(first, decisions.decide("/shop/retrieve/42", layer));
    }

    @Test
    void anEntrysOneArgumentIsDecidedByThePrefixBeforeIt() {
        assertFalse(decisions.remembersPrefixOf("/shop/retrieve/43", layer));
        Destination first = decisions.decide("/shop/retrieve/42", layer);
        assertTrue(decisions.remembersPrefixOf("/shop/retrieve/43", layer), "the prefix /shop/retrieve/ is remembered");
        Destination sibling = decisions.decide("/shop/retrieve/43", layer);
        assertSame(first.found().entry(), sibling.found().entry());
        assertEquals(List.of("43"), sibling.found().positional());
        assertEquals(Routes.decide("/shop/retrieve/43", layer, server.router()), sibling, "as deciding it afresh");
        assertEquals("retrieve/43", sibling.appPath());
        assertEquals("shop/retrieve/43", sibling.routePath());
    }

    /** Routing classes whose entries take arguments in each of the ways a path can give them. */
    public static class Catalog extends RoutingClass {
        @Route
        public String item(String id) {
            return id;
        }

        @Route(id = "pick")
        public String pick(String id) {
            return id;
        }

        @Route
        public String pair(String a, String b) {
            return a + b;
        }

        @Route
        public String none() {
            return "none";
        }

        @Override
        protected String defaultEntry() {
            return "item";
        }
    }

    /**
     * Whatever sibling path warmed the table first, every path is decided as it would be
     * afresh: the remembered prefix must serve only paths that the routing tree would send
     * to the same entry with the last segment as its one argument. The paths below differ
     * from a remembered one by an escape, a dot, an empty or an extra segment, a trailing
     * slash, one character of the entry's name, or go through an id, an alias, a router's
     * default entry, the main app or a system app.
     */
    @Test
    void aRememberedPrefixNeverAnswersAPathThatWouldBeDecidedOtherwise() {
        server.close();
        server = AsgiServer.builder().mount("shop", new ShopApp("p")).mount("cat", new Catalog()).mainApp("cat").build();
        server.router().alias("short", "cat/item");
        layer = server.layer();
        decisions = new Decisions(server.router());
        List<String> warm = List.of("/cat/item/1", "/cat/pick/1", "/cat/pair/1", "/cat/none/1", "/shop/retrieve/1",
                "/cat/1", "/item/1", "/@pick/1", "/short/1", "/_sys/openapi/1");
        List<String> paths = List.of("/cat/item/2", "/cat/item/%32", "/cat/item/.2", "/cat/item/..", "/cat/item/2/",
                "/cat/item//2", "/cat/item/2/3", "/cat/item/", "/cat/item", "/cat/itemx/2", "/cat/ite/2", "/cat/item/a%2Fb",
                "/cat/pick/2", "/@pick/2", "/short/2", "/short/2/3", "/cat/2", "/cat/x/2", "/item/2", "/2", "/cat/pair/2",
                "/cat/pair/2/3", "/cat/none/2", "/cat/none", "/cat/pick", "/cat/item", "/shop/retrieve/2", "/shop/retrieve/x", "/shop/retrieve/2/3",
                "/_sys/openapi/2", "/_server/health/2", "/cat/item/2?x", "/cat/item/\u00e9");
        for (String w : warm) {
            for (String p : paths) {
                Decisions fresh = new Decisions(server.router()); // only w remembered, not what p's siblings left
                fresh.decide(w, layer);
                assertEquals(described(Routes.decide(p, layer, server.router())), described(fresh.decide(p, layer)),
                        () -> p + " after " + w);
            }
            decisions.decide(w, layer);
        }
        assertTrue(decisions.remembersPrefixOf("/cat/item/9", layer));
        assertTrue(decisions.remembersPrefixOf("/cat/pair/9", layer), "pair given one of its two: still its prefix");
        assertFalse(decisions.remembersPrefixOf("/cat/pair/9/10", layer), "given both, the prefix holds an argument");
        assertFalse(decisions.remembersPrefixOf("/item/9", layer), "the main app's paths are routed with its name added");
        assertFalse(decisions.remembersPrefixOf("/@pick/9", layer), "an id names no path");
        assertFalse(decisions.remembersPrefixOf("/short/9", layer), "an alias leads to an entry of another path");
        assertFalse(decisions.remembersPrefixOf("/cat/x/9", layer), "the default entry: x is an argument, not a name");
    }

    /** A destination as text, its refusal by class and message (each decision makes its own). */
    private static String described(Destination d) {
        RuntimeException r = d.refusal();
        return d.app() + " | " + d.appPath() + " | " + d.routePath() + " | " + d.found()
                + " | " + (r == null ? null : r.getClass().getName() + ": " + r.getMessage());
    }

    @Test
    void aRememberedPrefixIsDroppedWhenTheTreesChange() {
        decisions.decide("/shop/retrieve/42", layer);
        assertTrue(decisions.remembersPrefixOf("/shop/retrieve/43", layer));
        server.router().branch("extra", new Extra());
        assertFalse(decisions.remembersPrefixOf("/shop/retrieve/43", layer));
        AppLayer other = new AppLayer(layer.config(), layer.apps(), layer.sysApps(), layer.mainApp(), layer.global(),
                layer.pipelines(), layer.loaded(), layer.authenticator(), layer.sessions(), layer.access(), layer.names());
        decisions.decide("/shop/retrieve/42", layer);
        assertFalse(decisions.remembersPrefixOf("/shop/retrieve/43", other), "another layer");
    }

    @Test
    void aChangeToTheRoutingTreesOrAnotherLayerDecidesAgain() {
        Destination first = decisions.decide("/shop/raw", layer);
        server.router().branch("extra", new Extra());
        Destination afterChange = decisions.decide("/shop/raw", layer);
        assertNotSame(first, afterChange, "the trees changed");
        AppLayer other = new AppLayer(layer.config(), layer.apps(), layer.sysApps(), layer.mainApp(), layer.global(),
                layer.pipelines(), layer.loaded(), layer.authenticator(), layer.sessions(), layer.access(), layer.names());
        assertNotSame(afterChange, decisions.decide("/shop/raw", other), "another layer");
    }

    @Test
    void aPathSharingASlotIsNeverAnsweredWithTheOtherPathsDecision() {
        decisions.decide("/shop/raw", layer);
        String other = null;
        for (int i = 0; other == null; i++) {
            String candidate = "/shop/none" + i;
            if (Decisions.slot(candidate) == Decisions.slot("/shop/raw")) {
                other = candidate;
            }
        }
        assertNull(decisions.decide(other, layer).found(), other + " leads nowhere, whatever its slot holds");
        assertNotNull(decisions.decide("/shop/raw", layer).found());
    }
}
