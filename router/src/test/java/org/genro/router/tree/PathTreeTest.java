package org.genro.router.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathTreeTest {

    /** Builds a tree whose values are the patterns themselves, checking invariants per insert. */
    static PathTree<String> tree(List<String> routes) {
        PathTree<String> tree = new PathTree<>();
        for (String r : routes) {
            tree.insert(r, r);
            TreeInvariants.check(tree);
        }
        return tree;
    }

    static Stream<Arguments> matches() {
        return Stream.of(
                // routes, path, expected pattern (null = miss), expected params
                row(List.of("/"), "/", "/", Map.of()),
                row(List.of("/"), "", null, Map.of()),
                row(List.of(""), "", "", Map.of()),
                row(List.of("/users/new", "/users/{id}"), "/users/new", "/users/new", Map.of()),
                row(List.of("/users/new", "/users/{id}"), "/users/42", "/users/{id}", Map.of("id", "42")),
                row(List.of("/users/{id}", "/users/new"), "/users/new", "/users/new", Map.of()),
                row(List.of("/users/new", "/users/{id}"), "/users/newer", "/users/{id}", Map.of("id", "newer")),
                row(List.of("/users/new", "/users/{id}"), "/users/ne", "/users/{id}", Map.of("id", "ne")),
                row(List.of("/users/{id}", "/users/{*rest}"), "/users/42", "/users/{id}", Map.of("id", "42")),
                row(List.of("/users/{id}", "/users/{*rest}"), "/users/42/posts", "/users/{*rest}",
                        Map.of("rest", "42/posts")),
                row(List.of("/a/b/c", "/a/{x}/d"), "/a/b/d", "/a/{x}/d", Map.of("x", "b")),
                row(List.of("/a/b/c", "/a/{x}/d"), "/a/b/c", "/a/b/c", Map.of()),
                row(List.of("/a/b/c", "/a/{x}/c", "/{*all}"), "/a/b/e", "/{*all}", Map.of("all", "a/b/e")),
                row(List.of("/a/bc/{x}", "/a/{y}/d"), "/a/bc/d", "/a/bc/{x}", Map.of("x", "d")),
                row(List.of("/a/bc/{x}/e", "/a/{y}/d"), "/a/bc/d", "/a/{y}/d", Map.of("y", "bc")),
                row(List.of("/files/{*path}"), "/files/", null, Map.of()),
                row(List.of("/files/{*path}"), "/files", null, Map.of()),
                row(List.of("/files/{*path}"), "/files/a", "/files/{*path}", Map.of("path", "a")),
                row(List.of("/files/{*path}"), "/files//", "/files/{*path}", Map.of("path", "/")),
                row(List.of("/files/{*path}"), "/files/a/b/c.txt", "/files/{*path}", Map.of("path", "a/b/c.txt")),
                row(List.of("/users/{id}"), "/users/", null, Map.of()),
                row(List.of("/users/{id}"), "/users", null, Map.of()),
                row(List.of("/users/{id}"), "/users/4/", null, Map.of()),
                row(List.of("/users/{id}/posts"), "/users/4/posts", "/users/{id}/posts", Map.of("id", "4")),
                row(List.of("/users/{id}/posts"), "/users//posts", null, Map.of()),
                row(List.of("/{a}/{b}/{c}"), "/x/y/z", "/{a}/{b}/{c}", Map.of("a", "x", "b", "y", "c", "z")),
                row(List.of("/{a}/{b}/{c}"), "/x/y", null, Map.of()),
                row(List.of("/src/{*p}", "/src/{a}/x"), "/src/q/x", "/src/{a}/x", Map.of("a", "q")),
                row(List.of("/src/{*p}", "/src/{a}/x"), "/src/q/y", "/src/{*p}", Map.of("p", "q/y")),
                row(List.of("/search", "/search/", "/support"), "/search/", "/search/", Map.of()),
                row(List.of("/search", "/search/", "/support"), "/searc", null, Map.of()),
                row(List.of("/search", "/search/", "/support"), "/supports", null, Map.of()),
                row(List.of("/α/{x}", "/αβ"), "/αβ", "/αβ", Map.of()),
                row(List.of("/α/{x}", "/αβ"), "/α/é", "/α/{x}", Map.of("x", "é")),
                row(List.of("{*all}"), "anything/at/all", "{*all}", Map.of("all", "anything/at/all")),
                row(List.of("{id}", "id"), "id", "id", Map.of()),
                row(List.of("{id}", "id"), "idx", "{id}", Map.of("id", "idx")),
                row(List.of("/users", "/{x}"), "/users", "/users", Map.of()),
                row(List.of("/users", "/{x}"), "/user", "/{x}", Map.of("x", "user")),
                row(List.of("/cmd/{tool}/{sub}", "/cmd/{tool}/", "/cmd/vet", "/src/{*filepath}"),
                        "/cmd/test/", "/cmd/{tool}/", Map.of("tool", "test")),
                row(List.of("/cmd/{tool}/{sub}", "/cmd/{tool}/", "/cmd/vet", "/src/{*filepath}"),
                        "/cmd/vet/", "/cmd/{tool}/", Map.of("tool", "vet")),
                row(List.of("/cmd/{tool}/{sub}", "/cmd/{tool}/", "/cmd/vet", "/src/{*filepath}"),
                        "/cmd/test/3", "/cmd/{tool}/{sub}", Map.of("tool", "test", "sub", "3")));
    }

    private static Arguments row(List<String> routes, String path, String expected, Map<String, String> params) {
        return Arguments.of(routes, path, expected, params);
    }

    @ParameterizedTest(name = "{0} ⟵ {1}")
    @MethodSource("matches")
    void matchesByPriorityStaticThenParamThenCatchAll(List<String> routes, String path, String expected,
            Map<String, String> params) {
        Match<String> m = tree(routes).match(path);
        if (expected == null) {
            assertNull(m, () -> "expected a miss, got " + m);
            return;
        }
        assertNotNull(m, "expected " + expected);
        assertEquals(expected, m.pattern());
        assertEquals(expected, m.value());
        assertEquals(params, m.params());
    }

    static Stream<Arguments> conflicts() {
        return Stream.of(
                // existing routes, refused route, the route it is reported to collide with
                Arguments.of(List.of("/users/{id}"), "/users/{name}", "/users/{id}"),
                Arguments.of(List.of("/users/{id}"), "/users/{id}", "/users/{id}"),
                Arguments.of(List.of("/users"), "/users", "/users"),
                Arguments.of(List.of("/f/{*a}"), "/f/{*b}", "/f/{*a}"),
                Arguments.of(List.of("/a/{x}/b/{y}", "/a/{x}/c"), "/a/{p}/b/{q}", "/a/{x}/b/{y}"),
                Arguments.of(List.of("/a", "/ab", "/abc"), "/ab", "/ab"),
                Arguments.of(List.of(""), "", ""));
    }

    @ParameterizedTest(name = "{1} after {0}")
    @MethodSource("conflicts")
    void refusesConflictingRouteNamingTheOneItCollidesWith(List<String> existing, String refused,
            String collidesWith) {
        PathTree<String> tree = tree(existing);
        int before = tree.size();
        RouteConflictException e = assertThrows(RouteConflictException.class, () -> tree.insert(refused, "x"));
        assertEquals(collidesWith, e.existing());
        assertEquals(refused, e.pattern());
        assertTrue(e.getMessage().contains("'" + collidesWith + "'"), e.getMessage());
        assertEquals(before, tree.size());
        TreeInvariants.check(tree);
    }

    static Stream<Arguments> compatible() {
        return Stream.of(
                Arguments.of(List.of("/users/new", "/users/{id}", "/users/{id}/posts", "/users/{*rest}")),
                Arguments.of(List.of("/users/{id}/posts", "/users/{uid}/files")),
                Arguments.of(List.of("/a", "/a/", "/a/{x}", "/a/{x}/", "/a/{*y}")),
                Arguments.of(List.of("/", "/{*all}", "{*root}", "")),
                Arguments.of(List.of("/abc", "/ab", "/a", "/b", "/bcd", "/bc")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compatible")
    void acceptsRoutesOfDifferentShapesSideBySide(List<String> routes) {
        assertEquals(routes.size(), tree(routes).size());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("/users/{id", "unclosed"),
                Arguments.of("/users/id}", "without '{'"),
                Arguments.of("/users/{}", "empty parameter name"),
                Arguments.of("/users/{*}", "empty parameter name"),
                Arguments.of("/file.{ext}", "must start a segment"),
                Arguments.of("/{name}.png", "must end its segment"),
                Arguments.of("/{a}{b}", "must end its segment"),
                Arguments.of("/{*rest}/more", "catch-all must end"),
                Arguments.of("/{id}/{id}", "used twice"),
                Arguments.of("/{a/b}", "bad character"),
                Arguments.of("/{a{b}", "bad character"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedPatternsAndLeavesTreeUnchanged(String pattern, String reason) {
        PathTree<String> tree = tree(List.of("/users/new", "/users/{x}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tree.insert(pattern, "v"));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains(pattern), e.getMessage());
        assertEquals(2, tree.size());
        TreeInvariants.check(tree);
    }

    @Test
    void staticHitReturnsTheSameSharedMatchEveryTime() {
        PathTree<String> tree = tree(List.of("/a/b", "/a/{x}"));
        assertSame(tree.match("/a/b"), tree.match("/a/b"));
        assertEquals(0, tree.match("/a/b").paramCount());
    }

    @Test
    void matchesARangeOfALargerStringWithoutCopying() {
        PathTree<String> tree = tree(List.of("/users/{id}", "/users/new"));
        String text = "GET /users/42 HTTP/1.1";
        Match<String> m = tree.match(text, 4, 13);
        assertEquals("/users/{id}", m.pattern());
        assertEquals("42", m.param("id"));
        assertEquals("/users/new", tree.match("xx/users/new/yy", 2, 12).pattern());
        assertNull(tree.match(text, 4, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> tree.match(text, 4, 99));
    }

    @Test
    void parameterNamesAndValuesComeInPatternOrder() {
        Match<String> m = tree(List.of("/r/{owner}/{repo}/git/{*ref}")).match("/r/o/p/git/heads/main");
        assertEquals(3, m.paramCount());
        assertEquals(List.of("owner", "repo", "ref"),
                List.of(m.paramName(0), m.paramName(1), m.paramName(2)));
        assertEquals(List.of("o", "p", "heads/main"),
                List.of(m.paramValue(0), m.paramValue(1), m.paramValue(2)));
        assertNull(m.param("missing"));
        assertEquals("/r/o/p/git/".length(), m.paramStart(2));
        assertEquals("/r/o/p/git/heads/main".length(), m.paramEnd(2));
    }

    @Test
    void sameParameterPositionMayUseDifferentNamesInDifferentRoutes() {
        PathTree<String> tree = tree(List.of("/u/{id}/posts", "/u/{uid}/files"));
        assertEquals(Map.of("id", "7"), tree.match("/u/7/posts").params());
        assertEquals(Map.of("uid", "7"), tree.match("/u/7/files").params());
    }
}
