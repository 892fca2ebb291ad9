package org.genro.router;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes which plugins apply where, with what settings, after any plug,
 * configuration or attach. Runs under {@link Structure#LOCK} in two phases: compute
 * every entry's new state (where validation may fail, changing nothing), then publish
 * them all. A failed change therefore leaves the whole subtree as it was.
 *
 * <p>Plugins: a router's own plugins in plug order, then its parent's plugins it does
 * not have itself, in the parent's order. Settings: defaults, then every router's own
 * values from the top down (key by key), then the entry's own values.
 */
final class Wiring {

    private Wiring() {
    }

    /** Re-wires a router and everything attached below it. */
    static void refresh(Router router) {
        List<Runnable> commits = new ArrayList<>();
        Router parent = router.parentRouter();
        plan(router, parent == null ? List.of() : parent.plugins(), commits);
        commits.forEach(Runnable::run);
    }

    private static void plan(Router router, List<Plugin<?>> inherited, List<Runnable> commits) {
        List<Plugin<?>> effective = effective(router.ownPlugins(), inherited);
        List<Router> chain = chain(router);
        for (Entry e : router.entryMap().values()) {
            Slot<?>[] slots = new Slot<?>[effective.size()];
            for (int i = 0; i < slots.length; i++) {
                Plugin<?> p = effective.get(i);
                try {
                    slots[i] = Slot.of(p, merged(p, chain, e.name()));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("plugin '" + p.code() + "' on entry '" + e.path() + "': "
                            + ex.getMessage(), ex);
                }
            }
            EntryState next = EntryState.of(slots, e.base());
            commits.add(() -> e.state(next));
        }
        commits.add(() -> router.plugins(effective));
        for (Branch b : router.branchMap().values()) {
            if (b instanceof Branch.Attached a) {
                plan(a.router(), effective, commits);
            }
        }
    }

    static List<Plugin<?>> effective(List<Plugin<?>> own, List<Plugin<?>> inherited) {
        List<Plugin<?>> out = new ArrayList<>(own);
        for (Plugin<?> p : inherited) {
            if (own.stream().noneMatch(o -> o.code().equals(p.code()))) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** The routers from the top of the tree down to {@code router}. */
    static List<Router> chain(Router router) {
        List<Router> chain = new ArrayList<>();
        for (Router r = router; r != null; r = r.parentRouter()) {
            chain.add(r);
        }
        Collections.reverse(chain);
        return chain;
    }

    /**
     * Merged settings of a plugin along a chain of routers, for one entry of the last
     * router (or for the router level when {@code entry} is null).
     */
    static Map<String, Object> merged(Plugin<?> plugin, List<Router> chain, String entry) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(Schema.ENABLED, Boolean.TRUE);
        m.putAll(plugin.defaults());
        for (Router r : chain) {
            m.putAll(Schema.check(plugin, r.settings().router(plugin.code()), false));
        }
        if (entry != null) {
            m.putAll(Schema.check(plugin, chain.getLast().settings().entry(plugin.code(), entry), false));
        }
        return Collections.unmodifiableMap(m);
    }
}
