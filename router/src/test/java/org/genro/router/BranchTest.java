package org.genro.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Eager, lazy and alias branches: attach rules, lazy build and retry, alias resolution, ids. */
class BranchTest {

    static class Leaf extends RoutingClass {
        @Route
        public String index() {
            return "leaf";
        }

        @Route(id = "leaf-ping")
        public String ping() {
            return "pong";
        }
    }

    static class Other extends RoutingClass {
        @Route(id = "leaf-ping")
        public String ping() {
            return "other";
        }
    }

    private static String found(Router router, String path) {
        return assertInstanceOf(Resolution.Found.class, router.resolve(path), path).entry().path();
    }

    @Test
    void lazyBranchIsBuiltOnFirstTraversalOnly() {
        AtomicInteger built = new AtomicInteger();
        Section root = new Section();
        root.router().lazyBranch("leaf", () -> {
            built.incrementAndGet();
            return new Leaf();
        });
        assertEquals(0, built.get(), "declaring builds nothing");
        root.router().nodes();
        assertEquals(0, built.get(), "introspection builds nothing");
        assertEquals("leaf/ping", found(root.router(), "leaf/ping"));
        assertEquals("leaf/index", found(root.router(), "leaf"));
        assertEquals(1, built.get());
    }

    @Test
    void failingLazyFactoryIsRetriedOnNextTraversal() {
        AtomicInteger attempts = new AtomicInteger();
        Section root = new Section();
        root.router().lazyBranch("leaf", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("database not ready");
            }
            return new Leaf();
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> root.router().resolve("leaf/ping"));
        assertTrue(e.getMessage().contains("'leaf'"), e.getMessage());
        assertEquals("database not ready", e.getCause().getMessage());
        assertEquals("leaf/ping", found(root.router(), "leaf/ping"));
        assertEquals(2, attempts.get());
    }

    @Test
    void lazyBranchFromAClassListsItsEntriesWithoutBuilding() {
        Section root = new Section();
        root.router().lazyBranch("leaf", Leaf.class);
        Map<?, ?> marker = (Map<?, ?>) ((Map<?, ?>) root.router().nodes().get("routers")).get("leaf");
        assertEquals(Map.of("lazy", true, "entries", List.of("index", "ping")), marker);
        assertEquals("leaf/ping", found(root.router(), "leaf/ping"));
    }

    @Test
    void endpointIdInAnUnbuiltLazyBranchIsFoundOnlyOnceBuilt() {
        Section root = new Section();
        root.router().lazyBranch("leaf", Leaf::new);
        assertInstanceOf(Resolution.NotFound.class, root.router().resolve("@leaf-ping"));
        found(root.router(), "leaf");
        assertEquals("leaf/ping", found(root.router(), "@leaf-ping"));
    }

    @Test
    void aliasReachesTheTargetSubtreeAndReportsTheRealPath() {
        Shop.Root root = Shop.tree();
        assertEquals("shop/articles/detail", found(root.router(), "items/detail/3"));
        Section deep = new Section();
        root.router().at("shop").orElseThrow().branch("deep", deep);
        deep.router().alias("up", "shop/articles");
        assertEquals("shop/articles/list", found(root.router(), "shop/deep/up/list"));
    }

    @Test
    void aliasToALazyBranchBuildsIt() {
        Section root = new Section();
        AtomicInteger built = new AtomicInteger();
        root.router().lazyBranch("leaf", () -> {
            built.incrementAndGet();
            return new Leaf();
        });
        root.router().alias("short", "leaf");
        assertEquals("leaf/ping", found(root.router(), "short/ping"));
        assertEquals(1, built.get());
    }

    @Test
    void brokenAliasIsNotFoundEvenWhenTheRootIndexTakesAnything() {
        Shop.Root root = Shop.tree();
        root.router().alias("broken", "does/not/exist");
        assertEquals(new Resolution.NotFound("broken/ping"), root.router().resolve("broken/ping"));
        assertEquals(new Resolution.NotFound("broken"), root.router().resolve("broken"));
    }

    @Test
    void aliasCycleIsReportedNotLooped() {
        Section root = new Section();
        root.router().alias("a", "b");
        root.router().alias("b", "a");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> root.router().resolve("a/x"));
        assertTrue(e.getMessage().contains("alias cycle"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> root.router().at("a"));
    }

    static Stream<Arguments> collisions() {
        return Stream.of(
                Arguments.of("ping", "already an entry"),
                Arguments.of("shop", "already a branch"),
                Arguments.of("items", "already a branch"),
                Arguments.of("reports", "already a branch"),
                Arguments.of("a/b", "contains '/'"),
                Arguments.of("{x}", "contains '{'"),
                Arguments.of("@x", "reserved"),
                Arguments.of("_all_", "reserved"),
                Arguments.of("", "empty"));
    }

    @ParameterizedTest(name = "''{0}'' {1}")
    @MethodSource("collisions")
    void branchNameMustBeFreeAndAValidSegment(String name, String reason) {
        Shop.Root root = Shop.tree();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> root.router().branch(name, new Leaf()));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void childAttachedElsewhereIsRefused() {
        Leaf leaf = new Leaf();
        Section a = new Section();
        Section b = new Section();
        a.router().branch("leaf", leaf);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.router().branch("x", leaf));
        assertTrue(e.getMessage().contains("already attached at 'leaf'"), e.getMessage());
    }

    @Test
    void attachingAnAncestorIsRefused() {
        Section a = new Section();
        Section b = new Section();
        a.router().branch("b", b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.router().branch("a", a));
        assertTrue(e.getMessage().contains("already attached") || e.getMessage().contains("cycle"), e.getMessage());
        Section top = new Section();
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class,
                () -> top.router().branch("me", top));
        assertTrue(self.getMessage().contains("cycle"), self.getMessage());
    }

    @Test
    void duplicateEndpointIdIsRefusedAtAttachAndNothingChanges() {
        Section root = new Section();
        root.router().branch("leaf", new Leaf());
        Other other = new Other();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> root.router().branch("other", other));
        assertTrue(e.getMessage().contains("'@leaf-ping'"), e.getMessage());
        assertEquals(List.of("leaf"), root.router().branchNames());
        assertTrue(other.router().parent().isEmpty());
        assertEquals("leaf/ping", found(root.router(), "@leaf-ping"));
    }

    @Test
    void replaceBranchSwapsTheChildAndDetachesTheOldOne() {
        Section root = new Section();
        Leaf first = new Leaf();
        root.router().branch("app", first);
        assertEquals("leaf", invoke(root, "app"));
        Shop.Reports second = new Shop.Reports();
        root.router().replaceBranch("app", second);
        assertEquals("reports", invoke(root, "app"));
        assertTrue(first.router().parent().isEmpty());
        assertSame(root.router(), second.router().parent().orElseThrow());
        assertEquals("app", second.router().path());
        assertThrows(IllegalArgumentException.class, () -> root.router().replaceBranch("nope", new Leaf()));
    }

    @Test
    void removeBranchMakesItsPathsFallBackAndReportsWhetherItExisted() {
        Shop.Root root = Shop.tree();
        assertTrue(root.router().removeBranch("shop"));
        assertFalse(root.router().removeBranch("shop"));
        assertEquals("index", found(root.router(), "shop/retrieve/1"));
        assertInstanceOf(Resolution.NotFound.class, root.router().resolve("@checkout"));
    }

    @Test
    void atWalksBranchesBuildsLazyOnesAndFollowsAliases() {
        Shop.Root root = Shop.tree();
        assertEquals("shop/articles", root.router().at("/shop/articles/").orElseThrow().path());
        assertEquals("shop/articles", root.router().at("items").orElseThrow().path());
        assertEquals("reports", root.router().at("reports").orElseThrow().path());
        assertTrue(root.router().at("shop/nothing").isEmpty());
        assertTrue(root.router().at("ping").isEmpty(), "an entry is not a router");
        assertSame(root.router(), root.router().at("").orElseThrow());
    }

    private static Object invoke(RoutingClass root, String path) {
        try {
            return assertInstanceOf(Resolution.Found.class, root.resolve(path, null)).invoke(null, null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
