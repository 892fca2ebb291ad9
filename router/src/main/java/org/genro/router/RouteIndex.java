package org.genro.router;

import java.util.HashMap;
import java.util.Map;
import org.genro.router.tree.PathTree;

/**
 * A router's subtree compiled into one {@link PathTree}, so resolution costs one tree
 * lookup whatever the depth or size of the routing tree.
 *
 * <p>Every entry and every branch name {@code k} (full path from this router) is stored
 * twice: {@code k} and {@code k/{*rest}}. The router itself is stored as the empty
 * path and {@code {*rest}}. The tree's priority rules then give exactly the best
 * match: the deepest key that ends on a segment boundary, with the rest of the path
 * as positional arguments. A path that stops inside a router, or continues with a
 * segment nothing there knows, lands on that router's key and so on its default entry.
 *
 * @param version the {@link Structure} version the index was built at
 * @param tree the compiled keys
 * @param ids endpoint id to entry, for {@code @id} paths
 */
record RouteIndex(long version, PathTree<Target> tree, Map<String, Entry> ids) {

    /** Length of {@code "{*rest}"}, the suffix of the fallback keys. */
    static final int REST = 7;

    /** What a compiled key leads to. */
    sealed interface Target {
        /** An entry. */
        record ToEntry(Entry entry) implements Target {}

        /** A router: its default entry serves the path. */
        record ToRouter(Router router) implements Target {}

        /** A lazy branch to build before resolving again. */
        record ToLazy(Router owner, String name) implements Target {}

        /** An alias to follow from the top of the tree. */
        record ToAlias(Router owner, String name, String target) implements Target {}
    }

    /**
     * Compiles a router's materialized subtree.
     *
     * @throws IllegalStateException when two entries declare the same endpoint id
     */
    static RouteIndex compile(Router root, long version) {
        PathTree<Target> tree = new PathTree<>();
        Map<String, Entry> ids = new HashMap<>();
        Target self = new Target.ToRouter(root);
        tree.insert("", self);
        tree.insert("{*rest}", self);
        add(tree, ids, root, "");
        return new RouteIndex(version, tree, Map.copyOf(ids));
    }

    private static void add(PathTree<Target> tree, Map<String, Entry> ids, Router router, String prefix) {
        for (Entry e : router.entryMap().values()) {
            key(tree, prefix + e.name(), new Target.ToEntry(e));
            if (!e.id().isEmpty()) {
                Entry other = ids.putIfAbsent(e.id(), e);
                if (other != null) {
                    throw new IllegalStateException("endpoint id '@" + e.id() + "' is declared by both "
                            + other.path() + " and " + e.path());
                }
            }
        }
        for (Map.Entry<String, Branch> b : router.branchMap().entrySet()) {
            String key = prefix + b.getKey();
            switch (b.getValue()) {
                case Branch.Attached a -> {
                    key(tree, key, new Target.ToRouter(a.router()));
                    add(tree, ids, a.router(), key + "/");
                }
                case Branch.Lazy ignored -> key(tree, key, new Target.ToLazy(router, b.getKey()));
                case Branch.Alias alias -> key(tree, key, new Target.ToAlias(router, b.getKey(), alias.target()));
            }
        }
    }

    private static void key(PathTree<Target> tree, String key, Target target) {
        tree.insert(key, target);
        tree.insert(key + "/{*rest}", target);
    }
}
