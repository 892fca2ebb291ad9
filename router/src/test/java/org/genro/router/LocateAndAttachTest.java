package org.genro.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.genro.router.plugin.AuthPlugin;
import org.junit.jupiter.api.Test;

/**
 * Locating an entry before the caller is known, then checking access; reaching attached
 * routers without building lazy ones; and the hook that prepares a branch before any
 * request can reach it.
 */
class LocateAndAttachTest {

    private final Shop.Root root = Shop.tree();

    LocateAndAttachTest() {
        root.router().plug(new AuthPlugin());
    }

    private String reached(String path) {
        return ((Resolution.Found) root.router().locate(path)).entry().path();
    }

    @Test
    void locateFindsAGuardedEntryWithoutCheckingTheCaller() {
        Resolution.Found found = assertInstanceOf(Resolution.Found.class, root.router().locate("secret"));
        assertEquals("secret", found.entry().path());
        assertInstanceOf(Resolution.NotAuthenticated.class, found.check(null));
        assertInstanceOf(Resolution.NotAuthorized.class, found.check(Caller.anonymous().withTags("user")));
        assertSame(found, found.check(Caller.anonymous().withTags("admin")));
    }

    @Test
    void locateFollowsIdsAndAliasesAndKeepsPositionalArguments() {
        Resolution.Found byId = assertInstanceOf(Resolution.Found.class, root.router().locate("@checkout"));
        assertEquals("shop/checkout", byId.entry().path());
        Resolution.Found positional = assertInstanceOf(Resolution.Found.class, root.router().locate("shop/retrieve/42"));
        assertEquals(List.of("42"), positional.positional());
        Resolution.Found alias = assertInstanceOf(Resolution.Found.class, root.router().locate("items/detail/4"));
        assertEquals("shop/articles/detail", alias.entry().path());
        assertInstanceOf(Resolution.NotFound.class, root.router().locate("shop/retrieve/1/2/3"));
    }

    @Test
    void checkAgreesWithResolveForEveryCaller() {
        for (String path : List.of("secret", "ping", "shop/checkout", "@checkout", "items/list")) {
            for (Caller caller : List.of(Caller.anonymous(), Caller.anonymous().withTags("admin"),
                    Caller.anonymous().withTags("user"))) {
                Resolution resolved = root.router().resolve(path, caller);
                Resolution checked = ((Resolution.Found) root.router().locate(path)).check(caller);
                assertEquals(resolved.status(), checked.status(), path + " for " + caller);
            }
        }
    }

    @Test
    void attachedReachesOnlyBuiltBranches() {
        int before = Shop.REPORTS_BUILT.get();
        assertEquals("shop/articles", root.router().attached("shop/articles").orElseThrow().path());
        assertTrue(root.router().attached("reports").isEmpty(), "a lazy branch is not built to be found");
        assertTrue(root.router().attached("items").isEmpty(), "an alias is not followed");
        assertTrue(root.router().attached("nowhere").isEmpty());
        assertSame(root.router(), root.router().attached("").orElseThrow());
        assertEquals(before, Shop.REPORTS_BUILT.get());
    }

    @Test
    void theHookRunsBeforeTheBranchCanBeReached() {
        List<String> seen = new ArrayList<>();
        root.router().beforeAttach(child -> {
            seen.add(child.path());
            // the newcomer is wired (it knows its path) but no request reaches it yet: the
            // root's catch-all index still answers the path
            assertEquals("index", reached("extra/ping"));
            child.configure("auth/ping", Map.of("rule", "admin"));
        });
        root.router().branch("extra", new BranchTest.Leaf());
        assertEquals(List.of("extra"), seen);
        assertInstanceOf(Resolution.NotAuthenticated.class, root.router().resolve("extra/ping"),
                "what the hook set is in force from the first request");
    }

    /** A lazy branch once went live under its declared settings before its saved ones were applied. */
    @Test
    void aLazyBranchIsPublishedOnlyWithItsRestoredSettings() {
        Map<String, Object> snapshot = root.router().configure("?");
        // restore a rule for reports/monthly while the branch is unbuilt
        Map<String, Object> reports = Map.of("plugins", List.of(Map.of("name", "auth",
                "settings", Map.of(), "entries", Map.of("monthly", Map.of("rule", "admin")))));
        @SuppressWarnings("unchecked")
        Map<String, Object> routers = new java.util.LinkedHashMap<>((Map<String, Object>) snapshot.get("routers"));
        routers.put("reports", reports);
        Map<String, Object> edited = new java.util.LinkedHashMap<>(snapshot);
        edited.put("routers", routers);
        root.router().restore(edited);
        List<Integer> statusWhileAttaching = new ArrayList<>();
        root.router().beforeAttach(child -> statusWhileAttaching.add(
                ((Resolution.Found) child.locate("monthly/1")).check(null).status()));
        assertEquals(401, root.router().resolve("reports/monthly/1").status());
        assertEquals(List.of(401), statusWhileAttaching, "the saved rule was in force before publication");
    }

    @Test
    void aFailingHookLeavesTheTreeAsItWas() {
        root.router().beforeAttach(child -> {
            throw new IllegalStateException("refused");
        });
        assertThrows(RuntimeException.class, () -> root.router().branch("extra", new BranchTest.Leaf()));
        assertFalse(root.router().branchNames().contains("extra"));
        assertEquals("index", reached("extra/ping"));
        int built = Shop.REPORTS_BUILT.get();
        assertThrows(IllegalStateException.class, () -> root.router().resolve("reports"));
        assertTrue(root.router().attached("reports").isEmpty(), "the lazy branch stays unbuilt");
        root.router().beforeAttach(child -> { });
        assertEquals(200, root.router().resolve("reports").status(), "and is built on the next use");
        assertEquals(built + 2, Shop.REPORTS_BUILT.get());
    }

    @Test
    void theStructureVersionMovesWithEveryChangeALookupCouldSee() {
        long start = Router.structureVersion();
        assertEquals(start, Router.structureVersion(), "a lookup changes nothing");
        reached("ping");
        assertEquals(start, Router.structureVersion());
        root.router().branch("extra", new BranchTest.Leaf());
        long attached = Router.structureVersion();
        assertTrue(attached != start, "attaching a branch");
        assertInstanceOf(Resolution.Found.class, root.router().locate("reports/monthly/3"));
        long built = Router.structureVersion();
        assertTrue(built != attached, "building a lazy branch on first use");
        assertTrue(root.router().removeBranch("extra"));
        assertTrue(Router.structureVersion() != built, "removing a branch");
    }
}
