package org.genro.router;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.genro.router.bind.Lookups;

/**
 * Changes to a router's branches: attach, declare, replace, remove, and building lazy
 * branches. Every change happens under {@link Structure#LOCK}, publishes a new
 * immutable branch map, wires plugins for the moved subtree, and validates the whole
 * tree (endpoint ids) before returning; on failure the previous state is put back.
 */
final class Mounting {

    private static final System.Logger LOG = System.getLogger("org.genro.router");

    private Mounting() {
    }

    static void attach(Router parent, String name, Router child) {
        synchronized (Structure.LOCK) {
            checkFree(parent, name);
            link(parent, name, child, null, null);
        }
        LOG.log(System.Logger.Level.DEBUG, "branch.attached path={0}", parent.childPath(name));
    }

    static void declare(Router parent, String name, Branch branch) {
        synchronized (Structure.LOCK) {
            checkFree(parent, name);
            parent.branches(with(parent.branchMap(), name, branch));
            Structure.changed();
        }
    }

    static void replace(Router parent, String name, Router child) {
        synchronized (Structure.LOCK) {
            Branch old = parent.branchMap().get(name);
            if (old == null) {
                throw new IllegalArgumentException("router '" + parent.path() + "' has no branch '" + name
                        + "' to replace");
            }
            link(parent, name, child, old, null);
        }
        LOG.log(System.Logger.Level.INFO, "branch.replaced path={0}", parent.childPath(name));
    }

    static boolean remove(Router parent, String name) {
        synchronized (Structure.LOCK) {
            Branch old = parent.branchMap().get(name);
            if (old == null) {
                return false;
            }
            Map<String, Branch> next = new LinkedHashMap<>(parent.branchMap());
            next.remove(name);
            parent.branches(Collections.unmodifiableMap(next));
            unlink(old);
            Structure.changed();
            return true;
        }
    }

    /** The router at a path of branch names, building and following as needed; null when none. */
    static Router walk(Router from, String path, Set<Branch.Alias> seen) {
        Router r = from;
        for (String segment : path.isEmpty() ? new String[0] : path.split("/")) {
            r.materialize(segment);
            switch (r.branchMap().get(segment)) {
                case Branch.Attached a -> r = a.router();
                case Branch.Alias alias -> {
                    if (!seen.add(alias)) {
                        throw new IllegalStateException("alias cycle through '" + r.childPath(segment) + "'");
                    }
                    r = walk(r.top(), alias.target(), seen);
                    if (r == null) {
                        return null;
                    }
                }
                case null, default -> {
                    return null;
                }
            }
        }
        return r;
    }

    /**
     * Builds a lazy branch. One build per branch at a time; the factory runs outside the
     * structure lock, so a slow constructor holds up only traversals of this branch.
     */
    static void materialize(Router parent, String name) {
        if (!(parent.branchMap().get(name) instanceof Branch.Lazy lazy)) {
            return;
        }
        synchronized (lazy) {
            if (parent.branchMap().get(name) != lazy) {
                return;
            }
            RoutingClass child;
            try {
                child = Objects.requireNonNull(lazy.factory.get(), "lazy factory returned null");
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "lazy.failed path={0} error={1}", parent.childPath(name),
                        e.toString());
                throw new IllegalStateException("lazy branch '" + parent.childPath(name)
                        + "' could not be built; it will be tried again on next use", e);
            }
            synchronized (Structure.LOCK) {
                if (parent.branchMap().get(name) != lazy) {
                    return;
                }
                // settings restored while the branch was unbuilt apply before it is
                // published: a first request must not run under the declared defaults
                Map<String, Object> pending = lazy.pending;
                try {
                    link(parent, name, child.router(), lazy, pending == null ? null
                            : built -> ConfigTree.restore(built, pending));
                } catch (RuntimeException e) {
                    throw new IllegalStateException("lazy branch '" + parent.childPath(name)
                            + "' could not be attached; it will be tried again on next use: " + e.getMessage(), e);
                }
            }
            LOG.log(System.Logger.Level.DEBUG, "lazy.built path={0}", parent.childPath(name));
        }
    }

    /** A factory calling the class's no-argument constructor through a prepared handle. */
    static Supplier<RoutingClass> constructor(Class<? extends RoutingClass> type) {
        MethodHandle handle;
        try {
            handle = Lookups.in(type).findConstructor(type, MethodType.methodType(void.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException(type.getName() + " needs an accessible no-argument constructor", e);
        }
        return () -> {
            try {
                return (RoutingClass) handle.invoke();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        };
    }

    private static void checkFree(Router parent, String name) {
        Names.check("branch", name);
        if (parent.entryMap().containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is already an entry of router '" + parent.path() + "'");
        }
        if (parent.branchMap().containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is already a branch of router '" + parent.path() + "'");
        }
    }

    /**
     * Links {@code child} under {@code name} in place of {@code replacing} (or as a new
     * branch), wires its plugins, runs {@code prepare} and the attach hooks of the routers
     * above, and validates the tree; undoes everything on failure.
     */
    private static void link(Router parent, String name, Router child, Branch replacing,
                             Consumer<Router> prepare) {
        if (child.parentRouter() != null) {
            throw new IllegalArgumentException(child.owner().getClass().getName() + " is already attached at '"
                    + child.path() + "'; use alias() to reach it from a second place");
        }
        for (Router r = parent; r != null; r = r.parentRouter()) {
            if (r == child) {
                throw new IllegalArgumentException("attaching '" + name + "' under '" + parent.path()
                        + "' makes a cycle");
            }
        }
        Map<String, Branch> before = parent.branchMap();
        child.link(parent, name);
        try {
            // wire the child's entries (inherited plugins such as auth) before the branch
            // is published: a request must never reach an entry whose checks are not in place
            Wiring.refresh(child);
            if (prepare != null) {
                prepare.accept(child);
            }
            for (Router r = parent; r != null; r = r.parentRouter()) {
                if (r.attachHook() != null) {
                    r.attachHook().accept(child);
                }
            }
            parent.branches(with(before, name, new Branch.Attached(child)));
            Structure.changed();
            parent.top().index();
        } catch (RuntimeException e) {
            parent.branches(before);
            child.link(null, "");
            Wiring.refresh(child);
            Structure.changed();
            throw e instanceof IllegalStateException ? new IllegalArgumentException(e.getMessage(), e) : e;
        }
        if (replacing != null) {
            unlink(replacing);
        }
    }

    /**
     * Detaches a removed or replaced child. Its entries keep their current plugin
     * wiring, so a request already resolved into it finishes under the rules it was
     * admitted with.
     */
    private static void unlink(Branch branch) {
        if (branch instanceof Branch.Attached a) {
            a.router().link(null, "");
        }
    }

    private static Map<String, Branch> with(Map<String, Branch> map, String name, Branch branch) {
        Map<String, Branch> next = new LinkedHashMap<>(map);
        next.put(name, branch);
        return Collections.unmodifiableMap(next);
    }
}
