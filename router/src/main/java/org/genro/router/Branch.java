package org.genro.router;

import java.util.Map;
import java.util.function.Supplier;

/**
 * What a branch name of a router leads to. Maps of branches are immutable and replaced
 * whole, so a reader sees either the old or the new set.
 */
sealed interface Branch {

    /**
     * A child routing instance, attached eagerly or built from a lazy factory.
     *
     * @param router the child's router
     */
    record Attached(Router router) implements Branch {}

    /**
     * A child not built yet. A failed build leaves this branch in place, so the next
     * traversal tries again.
     */
    final class Lazy implements Branch {
        final Supplier<? extends RoutingClass> factory;
        /** The class the factory builds, when known: lets introspection list its entries unbuilt. */
        final Class<? extends RoutingClass> type;
        /** A configuration snapshot to apply once built (from {@link Router#restore}). */
        volatile Map<String, Object> pending;

        Lazy(Supplier<? extends RoutingClass> factory, Class<? extends RoutingClass> type) {
            this.factory = factory;
            this.type = type;
        }
    }

    /**
     * Another path of the same tree, resolved from the top at each traversal, so it
     * reaches whatever is mounted there at the time.
     *
     * @param target the path, without outer slashes
     */
    record Alias(String target) implements Branch {}
}
