package org.genro.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Best-match resolution over the {@link Shop} tree: path → (entry path, positional) or not found. */
class ResolutionTest {

    private final Shop.Root root = Shop.tree();

    static Stream<Arguments> paths() {
        return Stream.of(
                // path, expected entry path (null = not found), expected positional
                Arguments.of("", "index", List.of()),
                Arguments.of("/", "index", List.of()),
                Arguments.of("ping", "ping", List.of()),
                Arguments.of("/ping/", "ping", List.of()),
                Arguments.of("ping/extra", null, List.of()),
                Arguments.of("shop", "shop/index", List.of()),
                Arguments.of("shop/", "shop/index", List.of()),
                Arguments.of("shop/retrieve/42", "shop/retrieve", List.of("42")),
                Arguments.of("shop/retrieve", "shop/retrieve", List.of()),
                Arguments.of("shop/retrieve/42/43", null, List.of()),
                // An unknown segment falls on the deepest router's default entry, which
                // takes no argument here: not found, and no retry at the root's index.
                Arguments.of("shop/zz", null, List.of()),
                Arguments.of("shop/articles", "shop/articles/index", List.of()),
                Arguments.of("shop/articles/a/b", "shop/articles/index", List.of("a", "b")),
                Arguments.of("shop/articles/a/b/c", null, List.of()),
                Arguments.of("shop/articles/list", "shop/articles/list", List.of()),
                Arguments.of("shop/articles/listing", "shop/articles/index", List.of("listing")),
                Arguments.of("shop/articl/x", null, List.of()),
                Arguments.of("zz/yy", "index", List.of("zz", "yy")),
                Arguments.of("a//b", "index", List.of("a", "", "b")),
                Arguments.of("shopping", "index", List.of("shopping")),
                Arguments.of("@checkout", "shop/checkout", List.of()),
                Arguments.of("/@checkout", "shop/checkout", List.of()),
                // An unknown id is not found even though the root's index would take it.
                Arguments.of("@nope", null, List.of()),
                Arguments.of("items/list", "shop/articles/list", List.of()),
                Arguments.of("items", "shop/articles/index", List.of()),
                Arguments.of("items/x/y", "shop/articles/index", List.of("x", "y")),
                Arguments.of("reports", "reports/index", List.of()),
                Arguments.of("reports/monthly/3", "reports/monthly", List.of("3")),
                // Outer slashes are not segments: the rest starts after the key wherever
                // the path itself starts.
                Arguments.of("/shop/retrieve/42/", "shop/retrieve", List.of("42")),
                Arguments.of("//shop/articles/a/b//", "shop/articles/index", List.of("a", "b")),
                Arguments.of("//zz/yy", "index", List.of("zz", "yy")),
                Arguments.of("/items/x/y", "shop/articles/index", List.of("x", "y")),
                Arguments.of("/@checkout/", "shop/checkout", List.of()));
    }

    @ParameterizedTest(name = "''{0}'' → {1} {2}")
    @MethodSource("paths")
    void resolvesDeepestEntryWithRemainingSegmentsAsPositional(String path, String entry, List<String> positional) {
        Resolution r = root.router().resolve(path, Caller.anonymous());
        if (entry == null) {
            assertEquals(new Resolution.NotFound(path), r);
            assertEquals(404, r.status());
            return;
        }
        Resolution.Found found = assertInstanceOf(Resolution.Found.class, r, path);
        assertEquals(entry, found.entry().path());
        assertEquals(positional, found.positional());
        assertEquals(200, r.status());
    }

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("", "root:"),
                Arguments.of("zz/yy", "root:zz,yy"),
                Arguments.of("shop/retrieve/42", "retrieve 42"),
                Arguments.of("shop/articles/a/b", "articles a b"),
                Arguments.of("items/list", List.of("list", "all")),
                Arguments.of("shop/articles/detail/21", 42L),
                Arguments.of("reports/monthly/7", "month 7"));
    }

    @ParameterizedTest(name = "''{0}'' → {1}")
    @MethodSource("calls")
    void invokesTheResolvedHandlerWithPathArguments(String path, Object expected) throws Exception {
        Resolution.Found found = assertInstanceOf(Resolution.Found.class, root.resolve(path, null));
        assertEquals(expected, found.invoke(null, null));
    }

    @Test
    void resolvesRelativeToTheRouterAsked() {
        Router shop = root.router().at("shop").orElseThrow();
        Resolution.Found f = assertInstanceOf(Resolution.Found.class, shop.resolve("articles/list"));
        assertEquals("shop/articles/list", f.entry().path());
        assertEquals("shop/index", ((Resolution.Found) shop.resolve("")).entry().path());
    }

    @Test
    void entryExposesItsDeclaredMetadata() {
        Entry checkout = root.router().at("shop").orElseThrow().entry("checkout").orElseThrow();
        assertEquals("checkout", checkout.name());
        assertEquals("shop/checkout", checkout.path());
        assertEquals("application/json", checkout.mime());
        assertEquals(java.util.Set.of("POST"), checkout.methods());
        assertEquals("checkout", checkout.id());
        assertEquals(java.util.Map.of("summary", "Pay the cart"), checkout.meta());
        assertEquals(String.class, checkout.returnType());
        Entry byDate = root.router().at("shop").orElseThrow().entry("by-date").orElseThrow();
        assertEquals(List.of("day", "limit"), byDate.parameters().stream().map(Parameter::name).toList());
        assertEquals(List.of(true, false), byDate.parameters().stream().map(Parameter::required).toList());
        assertEquals("java.util.Optional<java.lang.Integer>", byDate.parameters().get(1).typeName());
    }
}
