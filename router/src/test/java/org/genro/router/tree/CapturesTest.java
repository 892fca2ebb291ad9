package org.genro.router.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Lookups into a caller-owned {@link Captures}, and lookups by {@link PathTree#find}: same
 * routes and captures as {@link PathTree#match(String)}, and a reused holder never shows
 * what an earlier lookup left.
 */
class CapturesTest {

    private final PathTree<String> tree = PathTreeTest.tree(List.of(
            "/", "/users/new", "/users/{id}", "/users/{id}/posts/{post}", "/static/{*path}"));

    @Test
    void parameterHitLeavesRouteAndCapturesInTheHolder() {
        Captures<String> c = new Captures<>();
        assertEquals("/users/{id}/posts/{post}", tree.match("/users/42/posts/7", c));
        assertTrue(c.matched());
        assertEquals("/users/{id}/posts/{post}", c.value());
        assertEquals("/users/{id}/posts/{post}", c.pattern());
        assertEquals(2, c.paramCount());
        assertEquals(List.of("id", "post"), List.of(c.paramName(0), c.paramName(1)));
        assertEquals(List.of("42", "7"), List.of(c.paramValue(0), c.paramValue(1)));
        assertEquals(List.of(7, 9, 16, 17), List.of(c.paramStart(0), c.paramEnd(0), c.paramStart(1), c.paramEnd(1)));
        assertEquals("7", c.param("post"));
        assertNull(c.param("missing"));
        assertEquals(Map.of("id", "42", "post", "7"), c.params());
    }

    @Test
    void catchAllTakesTheRestOfThePathSlashesIncluded() {
        Captures<String> c = new Captures<>();
        assertEquals("/static/{*path}", tree.match("/static/css/site.css", c));
        assertEquals(1, c.paramCount());
        assertEquals("path", c.paramName(0));
        assertEquals("css/site.css", c.paramValue(0));
        assertEquals("/static/".length(), c.paramStart(0));
        assertEquals("/static/css/site.css".length(), c.paramEnd(0));
    }

    @Test
    void staticHitAfterAParameterHitReportsNoParameters() {
        Captures<String> c = new Captures<>();
        tree.match("/users/42/posts/7", c);
        assertEquals("/users/new", tree.match("/users/new", c));
        assertTrue(c.matched());
        assertEquals("/users/new", c.pattern());
        assertEquals(0, c.paramCount());
        // The array still holds the earlier offsets; the holder must not hand them out.
        assertThrows(IndexOutOfBoundsException.class, () -> c.paramStart(0));
        assertThrows(IndexOutOfBoundsException.class, () -> c.paramValue(1));
        assertThrows(IndexOutOfBoundsException.class, () -> c.paramName(0));
        assertNull(c.param("id"));
        assertEquals(Map.of(), c.params());
    }

    @Test
    void missAfterAParameterHitLeavesAnEmptyHolder() {
        Captures<String> c = new Captures<>();
        tree.match("/users/42", c);
        assertNull(tree.match("/users/42/comments", c));
        assertFalse(c.matched());
        assertEquals(0, c.paramCount());
        assertThrows(IllegalStateException.class, c::value);
        assertThrows(IllegalStateException.class, c::pattern);
        assertThrows(IndexOutOfBoundsException.class, () -> c.paramStart(0));
        assertNull(c.param("id"));
        assertEquals(Map.of(), c.params());
        assertEquals("Captures[no match]", c.toString());
    }

    @Test
    void fewerParametersAfterMoreHideTheExtraOffsets() {
        Captures<String> c = new Captures<>();
        tree.match("/users/42/posts/7", c);
        assertEquals("/users/{id}", tree.match("/users/9", c));
        assertEquals(1, c.paramCount());
        assertEquals("9", c.paramValue(0));
        assertThrows(IndexOutOfBoundsException.class, () -> c.paramStart(1));
        assertNull(c.param("post"));
        assertEquals(Map.of("id", "9"), c.params());
    }

    @Test
    void oneHolderServesTreesOfDifferentDepths() {
        PathTree<String> shallow = PathTreeTest.tree(List.of("/a/{x}"));
        PathTree<String> deep = PathTreeTest.tree(List.of("/a/{x}/{y}/{z}/{*w}"));
        Captures<String> c = new Captures<>();
        shallow.match("/a/1", c);
        assertEquals(Map.of("x", "1"), c.params());
        deep.match("/a/1/2/3/4/5", c);
        assertEquals(Map.of("x", "1", "y", "2", "z", "3", "w", "4/5"), c.params());
        shallow.match("/a/6", c);
        assertEquals(Map.of("x", "6"), c.params());
        assertThrows(IndexOutOfBoundsException.class, () -> c.paramEnd(3));
        assertNull(deep.match("/a/1/2", c));
        assertFalse(c.matched());
    }

    @Test
    void rangeLookupGivesOffsetsIntoTheWholeText() {
        Captures<String> c = new Captures<>();
        String text = "GET /users/42/posts/7 HTTP/1.1";
        assertEquals("/users/{id}/posts/{post}", tree.match(text, 4, 21, c));
        assertEquals(List.of(11, 13, 20, 21), List.of(c.paramStart(0), c.paramEnd(0), c.paramStart(1), c.paramEnd(1)));
        assertEquals("42", c.param("id"));
        assertEquals("/static/{*path}", tree.match("xx/static/a/b yy", 2, 13, c));
        assertEquals("a/b", c.paramValue(0));
        assertNull(tree.match(text, 4, 20, c), "/users/42/posts/ has an empty last segment");
        assertFalse(c.matched());
    }

    @Test
    void rangeOutsideTheTextIsRefusedAndTheHolderKeepsItsLastResult() {
        Captures<String> c = new Captures<>();
        tree.match("/users/42", c);
        assertThrows(IndexOutOfBoundsException.class, () -> tree.match("/users/42", 2, 99, c));
        assertEquals("42", c.param("id"));
    }

    @Test
    void clearForgetsTheLastLookup() {
        Captures<String> c = new Captures<>();
        tree.match("/users/42", c);
        c.clear();
        assertFalse(c.matched());
        assertEquals(0, c.paramCount());
        assertThrows(IllegalStateException.class, c::value);
    }

    @Test
    void oneHolderReusedAcrossTheWholeMatchTableAgreesWithMatch() {
        // Every row of the rules table, each on its own tree, through the same holder:
        // hits of every depth, static hits and misses follow one another.
        Captures<String> c = new Captures<>();
        for (Arguments row : PathTreeTest.matches().toList()) {
            Object[] args = row.get();
            @SuppressWarnings("unchecked")
            PathTree<String> t = PathTreeTest.tree((List<String>) args[0]);
            String path = (String) args[1];
            String expected = (String) args[2];
            assertEquals(expected, t.match(path, c), path);
            assertEquals(expected, t.find(path), path);
            assertEquals(expected != null, c.matched(), path);
            assertEquals(args[3], c.params(), path);
            Match<String> m = t.match(path);
            if (m != null) {
                assertSame(m.value(), c.value(), path);
                assertEquals(m.paramCount(), c.paramCount(), path);
                for (int i = 0; i < m.paramCount(); i++) {
                    assertEquals(m.paramStart(i), c.paramStart(i), path);
                    assertEquals(m.paramEnd(i), c.paramEnd(i), path);
                }
            }
        }
    }

    @Test
    void findGivesTheValueOfTheRouteMatchWouldGive() {
        assertEquals("/users/{id}", tree.find("/users/42"));
        assertEquals("/users/new", tree.find("/users/new"));
        assertEquals("/static/{*path}", tree.find("/static/x/y"));
        assertNull(tree.find("/users/"));
        assertEquals("/users/{id}", tree.find("GET /users/42 HTTP/1.1", 4, 13));
        assertNull(tree.find("GET /users/42 HTTP/1.1", 4, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> tree.find("/users", 0, 7));
    }

    @Test
    void refusesANullValueAndLeavesTheTreeUnchanged() {
        PathTree<String> t = PathTreeTest.tree(List.of("/a"));
        NullPointerException e = assertThrows(NullPointerException.class, () -> t.insert("/b/{x}", null));
        assertTrue(e.getMessage().contains("/b/{x}"), e.getMessage());
        assertEquals(1, t.size());
        assertNull(t.find("/b/1"));
        TreeInvariants.check(t);
    }
}
