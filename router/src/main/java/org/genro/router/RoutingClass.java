package org.genro.router;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Base class of routed application objects. Public methods annotated {@link Route}
 * become entries; child instances attached with {@link #branch} become path segments.
 *
 * <pre>{@code
 * public class Shop extends RoutingClass {
 *     public Shop() {
 *         plug(new AuthPlugin());
 *         branch("articles", new Articles());          // shop/articles/...
 *         lazyBranch("reports", Reports.class);        // built on first use
 *         alias("items", "shop/articles");             // another way to the same branch
 *     }
 *     @Route public String index() { return "welcome"; }
 *     @Route(auth = "admin") public Order retrieve(long id) { ... }   // shop/retrieve/42
 * }
 * }</pre>
 * The constructor of {@code RoutingClass} scans the class's {@code @Route} methods
 * (once per class) and creates this instance's {@link Router}; configure it from the
 * subclass constructor or later through {@link #router()}.
 */
public abstract class RoutingClass {

    private final Router router;

    /** Creates the instance's router from the class's {@code @Route} methods. */
    // The router only keeps the reference and reads getClass(); it calls no overridable
    // method until the subclass constructor has run.
    @SuppressWarnings("this-escape")
    protected RoutingClass() {
        this.router = new Router(this);
    }

    /**
     * This instance's router: resolution, branches, plugins, configuration, introspection.
     *
     * @return the router
     */
    public final Router router() {
        return router;
    }

    /**
     * Shorthand for {@code router().resolve(path, caller)}.
     *
     * @param path a path relative to this instance
     * @param caller who is asking, or null for anonymous
     * @return the outcome
     */
    public final Resolution resolve(String path, Caller caller) {
        return router.resolve(path, caller);
    }

    /**
     * The entry serving a path that stops here or continues with an unknown segment.
     * Read at resolution time, so an override may depend on constructor state.
     *
     * @return the entry name; "index" unless overridden
     */
    protected String defaultEntry() {
        return "index";
    }

    /**
     * Capabilities this instance offers to the {@code env} plugin (for itself and
     * everything below it). Asked on each resolution, so the answer may change.
     *
     * @return capability names; none unless overridden
     */
    protected Set<String> capabilities() {
        return Set.of();
    }

    /**
     * Attaches a child instance; see {@link Router#branch}.
     *
     * @param name the branch name
     * @param child the child instance
     */
    protected final void branch(String name, RoutingClass child) {
        router.branch(name, child);
    }

    /**
     * Declares a branch built on first traversal; see {@link Router#lazyBranch(String, Supplier)}.
     *
     * @param name the branch name
     * @param factory builds the child
     */
    protected final void lazyBranch(String name, Supplier<? extends RoutingClass> factory) {
        router.lazyBranch(name, factory);
    }

    /**
     * Declares a branch built on first traversal with a no-argument constructor; see
     * {@link Router#lazyBranch(String, Class)}.
     *
     * @param name the branch name
     * @param type the class to build
     */
    protected final void lazyBranch(String name, Class<? extends RoutingClass> type) {
        router.lazyBranch(name, type);
    }

    /**
     * Declares an alias to another path of the tree; see {@link Router#alias}.
     *
     * @param name the branch name
     * @param target the path from the top of the tree
     */
    protected final void alias(String name, String target) {
        router.alias(name, target);
    }

    /**
     * Plugs a plugin into this instance's router; see {@link Router#plug}.
     *
     * @param plugin the plugin
     */
    protected final void plug(Plugin<?> plugin) {
        router.plug(plugin);
    }
}
