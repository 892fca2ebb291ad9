package org.genro.router.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Structural checks on a {@link PathTree}, run by the tests after every insert: the node
 * invariants documented on {@link Node}, a leaf count equal to {@link PathTree#size()},
 * each leaf sitting where its pattern's shape leads, and each route reachable by its own
 * pattern filled with marker values.
 */
final class TreeInvariants {

    private TreeInvariants() {
    }

    static void check(PathTree<?> tree) {
        List<Leaf<?>> leaves = new ArrayList<>();
        walk(tree.root, true, new StringBuilder(), 0, leaves);
        assertEquals(tree.size(), leaves.size(), "leaf count vs size()");
        Set<String> shapes = new HashSet<>();
        for (Leaf<?> leaf : leaves) {
            assertTrue(shapes.add(shape(leaf.pattern)), "two leaves with one shape: " + leaf.pattern);
            reachable(tree, leaf);
        }
    }

    private static void walk(Node<?> node, boolean root, StringBuilder shape, int params,
            List<Leaf<?>> leaves) {
        int mark = shape.length();
        switch (node.kind) {
            case Node.STATIC -> shape.append(node.prefix);
            case Node.PARAM -> shape.append("{}");
            default -> shape.append("{*}");
        }
        int depth = params + (node.kind == Node.STATIC ? 0 : 1);
        assertEquals(node.indices.length, node.children.length, "indices vs children at " + shape);
        Set<Character> firsts = new HashSet<>();
        for (int i = 0; i < node.children.length; i++) {
            Node<?> child = node.children[i];
            assertEquals(Node.STATIC, child.kind, "static slot holds a static node at " + shape);
            assertFalse(child.prefix.isEmpty(), "empty edge label under " + shape);
            assertEquals(node.indices[i], child.prefix.charAt(0), "index char at " + shape);
            assertTrue(firsts.add(node.indices[i]), "duplicate first char under " + shape);
            assertFalse(child.prefix.contains("{"), "wildcard text in a static label: " + child.prefix);
            if (node.kind == Node.PARAM) {
                assertTrue(child.prefix.startsWith("/"), "after a parameter comes '/': " + shape);
            }
            assertEquals(leafCount(child), child.weight, "weight of edge '" + child.prefix + "' under " + shape);
            if (i > 0) {
                assertTrue(node.children[i - 1].weight >= child.weight, "children heaviest first under " + shape);
            }
        }
        if (node.kind == Node.STATIC && !root && node.leaf == null && node.param == null
                && node.catchAll == null) {
            assertTrue(node.children.length >= 2, "unmerged chain node at " + shape);
        }
        if (node.kind == Node.CATCH_ALL) {
            assertNotNull(node.leaf, "catch-all without a route at " + shape);
            assertEquals(0, node.children.length, "children under a catch-all at " + shape);
            assertNull(node.param, "parameter under a catch-all at " + shape);
            assertNull(node.catchAll, "catch-all under a catch-all at " + shape);
        }
        if (node.kind == Node.PARAM) {
            assertNull(node.param, "parameter directly after a parameter at " + shape);
            assertNull(node.catchAll, "catch-all directly after a parameter at " + shape);
        }
        if (node.leaf != null) {
            assertEquals(shape(node.leaf.pattern), shape.toString(), "leaf stored off its shape");
            assertEquals(depth, node.leaf.names.length, "parameter count of " + node.leaf.pattern);
            leaves.add(node.leaf);
        }
        for (Node<?> child : node.children) {
            walk(child, false, shape, depth, leaves);
        }
        if (node.param != null) {
            walk(node.param, false, shape, depth, leaves);
        }
        if (node.catchAll != null) {
            walk(node.catchAll, false, shape, depth, leaves);
        }
        shape.setLength(mark);
    }

    private static int leafCount(Node<?> node) {
        int n = node.leaf == null ? 0 : 1;
        for (Node<?> c : node.children) {
            n += leafCount(c);
        }
        n += node.param == null ? 0 : leafCount(node.param);
        n += node.catchAll == null ? 0 : leafCount(node.catchAll);
        return n;
    }

    /** The pattern with parameter names erased: two routes conflict iff shapes are equal. */
    static String shape(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]*}", "{*}").replaceAll("\\{[^*}][^}]*}", "{}");
    }

    /**
     * Fills each parameter with a marker no static label contains. A route without a
     * catch-all must come back itself: no static edge can take a marker segment, and a
     * route of the same shape would have been a conflict. A catch-all route may be
     * outranked by a parameter route for that path, so it only has to match something.
     */
    private static void reachable(PathTree<?> tree, Leaf<?> leaf) {
        String filled = leaf.pattern.replaceAll("\\{\\*?([^}]*)}", "\u00a7$1");
        Match<?> m = tree.match(filled);
        assertNotNull(m, "route unreachable: " + leaf.pattern);
        if (leaf.pattern.contains("{*")) {
            return;
        }
        assertSame(leaf.value, m.value(), "route shadowed: " + leaf.pattern + " by " + m.pattern());
        for (int i = 0; i < m.paramCount(); i++) {
            assertEquals("\u00a7" + m.paramName(i), m.paramValue(i), "capture of " + leaf.pattern);
        }
    }
}
