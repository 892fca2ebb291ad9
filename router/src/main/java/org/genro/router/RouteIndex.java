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
 * <p>Each key's value says where the rest of the path begins, so a lookup needs the
 * value alone ({@link PathTree#find}, which allocates nothing): {@code {*rest}} is the
 * only parameter of any key and always its last, and everything before it is literal
 * text the path matched character for character.
 *
 * @param version the {@link Structure} version the index was built at
 * @param tree the compiled keys
 * @param ids endpoint id to entry, for {@code @id} paths
 */
record RouteIndex(long version, PathTree<Key> tree, Map<String, Entry> ids) {

    /**
     * One compiled key.
     *
     * @param target what the key leads to
     * @param length length of the key without its {@code /{*rest}}: how much of the path
     *     the key names
     * @param rest where the rest of the path begins, counted from the start of the
     *     matched path; -1 for a key that takes the whole path
     */
    record Key(Target target, int length, int rest) {}

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
        PathTree<Key> tree = new PathTree<>();
        Map<String, Entry> ids = new HashMap<>();
        Target self = new Target.ToRouter(root);
        tree.insert("", new Key(self, 0, -1));
        tree.insert("{*rest}", new Key(self, 0, 0));
        add(tree, ids, root, "");
        return new RouteIndex(version, tree, Map.copyOf(ids));
    }

    private static void add(PathTree<Key> tree, Map<String, Entry> ids, Router router, String prefix) {
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

    private static void key(PathTree<Key> tree, String key, Target target) {
        tree.insert(key, new Key(target, key.length(), -1));
        tree.insert(key + "/{*rest}", new Key(target, key.length(), key.length() + 1));
    }
}
