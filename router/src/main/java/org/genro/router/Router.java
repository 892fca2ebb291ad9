package org.genro.router;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The router of one {@link RoutingClass} instance: its entries, its branches (child
 * instances, lazy factories, aliases), its plugins and their settings.
 *
 * <h2>Resolution</h2>
 * Paths are '/'-separated and relative to this router; outer slashes are ignored.
 * <pre>
 *  path                      reaches
 *  ""                        this router's default entry (see RoutingClass.defaultEntry)
 *  "list"                    entry list
 *  "shop/articles/list"      entry list of branch articles of branch shop
 *  "shop/retrieve/42"        entry retrieve of shop, with "42" as first argument
 *  "shop/articles"           default entry of articles
 *  "shop/zz/1"               default entry of shop with ("zz", "1"): the deepest router
 *                            reached serves the rest; there is no backtracking upward
 *  "@checkout"               the entry whose @Route id is "checkout", wherever it sits
 *  "items/list"              through alias items -&gt; "shop/articles": shop/articles/list
 * </pre>
 * Segments beyond what the handler takes make the path not found, as does a missing
 * default entry. A lazy branch is built the first time a path goes through it; if its
 * factory fails, the failure propagates and the next traversal tries again.
 *
 * <h2>Threads</h2>
 * Resolution is lock-free and may run while branches are attached, replaced, or
 * plugins configured: changes are copy-on-write and published whole (see the
 * package's {@code Structure}). Entry and branch names share one namespace per router.
 */
public final class Router {

    private final RoutingClass owner;
    private final Map<String, Entry> entries;
    private final SettingsStore settings = new SettingsStore();
    private final Object compiling = new Object();
    private volatile String name = "";
    private volatile Router parent;
    private volatile Map<String, Branch> branches = Map.of();
    private volatile List<Plugin<?>> ownPlugins = List.of();
    private volatile List<Plugin<?>> plugins = List.of();
    private volatile RouteIndex index;
    private Consumer<Router> attachHook; // guarded by Structure.LOCK

    Router(RoutingClass owner) {
        this.owner = owner;
        Map<String, Entry> map = new LinkedHashMap<>();
        for (DeclaredRoute d : RouteTable.of(owner.getClass())) {
            map.put(d.name(), new Entry(this, d));
            d.settings().forEach((code, values) -> settings.updateEntry(code, d.name(), values));
        }
        this.entries = Collections.unmodifiableMap(map);
    }

    /**
     * The routing instance this router belongs to.
     *
     * @return the owner
     */
    public RoutingClass owner() {
        return owner;
    }

    /**
     * The name this router is attached under; empty for a top router.
     *
     * @return the branch name
     */
    public String name() {
        return name;
    }

    /**
     * The path from the top of the tree, e.g. {@code shop/articles}; empty for the top.
     *
     * @return the path
     */
    public String path() {
        Router p = parent;
        if (p == null) {
            return "";
        }
        String above = p.path();
        return above.isEmpty() ? name : above + "/" + name;
    }

    /**
     * The router this one is attached to.
     *
     * @return the parent, empty for a top router
     */
    public Optional<Router> parent() {
        return Optional.ofNullable(parent);
    }

    /**
     * The entry serving paths that stop at this router or continue with an unknown segment.
     *
     * @return the default entry name, from {@link RoutingClass#defaultEntry()}
     */
    public String defaultEntry() {
        return owner.defaultEntry();
    }

    /**
     * The entries, sorted by name.
     *
     * @return the entries
     */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /**
     * One entry by name.
     *
     * @param name the entry name
     * @return the entry, if there is one
     */
    public Optional<Entry> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /**
     * The branch names, in attach order.
     *
     * @return branch names (children, lazy branches and aliases)
     */
    public List<String> branchNames() {
        return List.copyOf(branches.keySet());
    }

    /**
     * Resolves a path for an anonymous caller.
     *
     * @param path a path relative to this router
     * @return the outcome
     */
    public Resolution resolve(String path) {
        return resolve(path, Caller.anonymous());
    }

    /**
     * Resolves a path for a caller: finds the entry and checks the caller against the
     * entry's plugins, in plug order. See the class documentation for the path rules.
     *
     * @param path a path relative to this router
     * @param caller who is asking; null means {@link Caller#anonymous()}
     * @return the outcome; never null
     * @throws IllegalStateException when a lazy branch on the way fails to build or an
     *     alias chain loops
     */
    public Resolution resolve(String path, Caller caller) {
        return Resolver.resolve(this, path, caller == null ? Caller.anonymous() : caller);
    }

    /**
     * Finds the entry a path reaches without asking who calls: the first half of
     * {@link #resolve(String, Caller)}. A server uses it to learn which app owns a path
     * (through aliases and {@code @id}s) before its middleware has identified the caller,
     * then checks access with {@link Resolution.Found#check}.
     *
     * @param path a path relative to this router
     * @return {@link Resolution.Found} (access not checked yet) or {@link Resolution.NotFound}
     * @throws IllegalStateException as for {@link #resolve(String, Caller)}
     */
    public Resolution locate(String path) {
        return Resolver.resolve(this, path, null);
    }

    /**
     * A number that moves whenever any routing tree in this JVM changes: a branch attached,
     * replaced or removed, an alias added, a lazy branch built, a plugin plugged or
     * configured. What {@link #locate} answers for a path holds while this number stays
     * the same, so a caller may remember answers and check the number on each use.
     *
     * @return the current version; compare for equality only
     */
    public static long structureVersion() {
        return Structure.version();
    }

    /**
     * The router at a path of branch names (building lazy branches, following aliases).
     *
     * @param path branch names separated by '/'; empty for this router
     * @return the router, or empty when a name does not lead to a router
     */
    public Optional<Router> at(String path) {
        return Optional.ofNullable(Mounting.walk(this, Names.strip(path), new HashSet<>()));
    }

    /**
     * The router at a path of branch names, only through branches already attached: no
     * lazy branch is built and no alias is followed.
     *
     * @param path branch names separated by '/'; empty for this router
     * @return the router, or empty when a name is not an attached branch
     */
    public Optional<Router> attached(String path) {
        Router r = this;
        String stripped = Names.strip(path);
        for (String segment : stripped.isEmpty() ? new String[0] : stripped.split("/")) {
            if (!(r.branches.get(segment) instanceof Branch.Attached a)) {
                return Optional.empty();
            }
            r = a.router();
        }
        return Optional.of(r);
    }

    /**
     * Runs {@code hook} on every router about to join the tree below this one: a branch
     * being attached or replacing another, and a lazy branch just built. The hook runs
     * after the newcomer's plugins are wired and before any request can reach it, so the
     * settings it applies are in force from the first request. If it throws, the branch
     * is not attached (a lazy one is tried again on next use) and the exception reaches
     * whoever attached it. Hooks of every router above the newcomer run, nearest first.
     *
     * @param hook receives the router about to be published; replaces an earlier hook
     */
    public void beforeAttach(Consumer<Router> hook) {
        synchronized (Structure.LOCK) {
            attachHook = Objects.requireNonNull(hook, "hook");
        }
    }

    /**
     * Attaches a child instance under a name; its plugins are wired to inherit this
     * router's.
     *
     * @param name the branch name (one path segment)
     * @param child the child, not attached anywhere yet
     * @throws IllegalArgumentException when the name is taken, the child is attached
     *     elsewhere, the attachment would make a cycle, or an endpoint id collides
     */
    public void branch(String name, RoutingClass child) {
        Mounting.attach(this, name, Objects.requireNonNull(child, "child").router());
    }

    /**
     * Declares a branch built on first traversal (or when introspection asks for it).
     *
     * @param name the branch name
     * @param factory builds the child; called again next time if it throws
     */
    public void lazyBranch(String name, Supplier<? extends RoutingClass> factory) {
        Mounting.declare(this, name, new Branch.Lazy(Objects.requireNonNull(factory, "factory"), null));
    }

    /**
     * Declares a branch built on first traversal with the class's no-argument
     * constructor; introspection can list its entries without building it.
     *
     * @param name the branch name
     * @param type the routing class to instantiate
     * @throws IllegalArgumentException when the class has no accessible no-argument constructor
     */
    public void lazyBranch(String name, Class<? extends RoutingClass> type) {
        Mounting.declare(this, name, new Branch.Lazy(Mounting.constructor(type), type));
    }

    /**
     * Declares a branch that stands for another path of the tree (resolved from the top,
     * at each traversal). The target's own plugins apply, and entries report their real
     * path.
     *
     * @param name the branch name
     * @param target a path from the top of the tree, e.g. {@code "shop/articles"}
     */
    public void alias(String name, String target) {
        String stripped = Names.strip(Objects.requireNonNull(target, "target"));
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("alias '" + name + "' has an empty target");
        }
        Mounting.declare(this, name, new Branch.Alias(stripped));
    }

    /**
     * Atomically replaces a branch with a new child: concurrent resolutions see either
     * the old branch or the new one, never neither. Used for reloading an app.
     *
     * @param name an existing branch name
     * @param child the new child, not attached anywhere yet
     * @throws IllegalArgumentException when there is no such branch, or as for {@link #branch}
     */
    public void replaceBranch(String name, RoutingClass child) {
        Mounting.replace(this, name, Objects.requireNonNull(child, "child").router());
    }

    /**
     * Removes a branch; a removed child keeps working for requests already inside it.
     *
     * @param name the branch name
     * @return whether there was such a branch
     */
    public boolean removeBranch(String name) {
        return Mounting.remove(this, name);
    }

    /**
     * Adds a plugin after those already plugged here (the first plugged is the outermost
     * call layer and the first asked about access). Branches without a plugin of the
     * same code inherit it.
     *
     * @param plugin the plugin
     * @return this router
     * @throws IllegalArgumentException when a plugin with that code is plugged here
     *     already, or declared settings of an entry are invalid for it
     */
    public Router plug(Plugin<?> plugin) {
        Objects.requireNonNull(plugin, "plugin");
        Names.check("plugin", plugin.code());
        synchronized (Structure.LOCK) {
            List<Plugin<?>> before = ownPlugins;
            if (before.stream().anyMatch(p -> p.code().equals(plugin.code()))) {
                throw new IllegalArgumentException("plugin '" + plugin.code() + "' is already plugged on router '"
                        + path() + "'; configure it instead");
            }
            List<Plugin<?>> next = new ArrayList<>(before);
            next.add(plugin);
            ownPlugins = List.copyOf(next);
            try {
                Wiring.refresh(this);
            } catch (RuntimeException e) {
                ownPlugins = before;
                throw e;
            }
        }
        return this;
    }

    /**
     * The plugins applying here: this router's own, then those inherited.
     *
     * @return plugins in call order (outermost first)
     */
    public List<Plugin<?>> plugins() {
        return plugins;
    }

    /**
     * Changes plugin settings live.
     *
     * @param target {@code "plugin"} or {@code "plugin/_all_"} for the router level
     *     (inherited by branches key by key), {@code "plugin/entry"} or
     *     {@code "plugin/glob1,glob2"} for entries of this router
     * @param values settings to set; a null value removes this level's value
     * @return what was updated: {@code ["_all_"]} or the entry names
     * @throws IllegalArgumentException for an unknown plugin, setting, entry, or an
     *     invalid value (nothing is changed then)
     */
    public List<String> configure(String target, Map<String, Object> values) {
        return ConfigTree.configure(this, target, values);
    }

    /**
     * Reads the configuration tree of this router and everything attached below.
     *
     * @param query must be {@code "?"}
     * @return a JSON-like snapshot that {@link #restore} accepts
     * @throws IllegalArgumentException for any other query
     */
    public Map<String, Object> configure(String query) {
        if (!"?".equals(query)) {
            throw new IllegalArgumentException("configure(\"" + query + "\") needs values; only \"?\" reads");
        }
        return ConfigTree.snapshot(this);
    }

    /**
     * Applies a snapshot taken with {@code configure("?")}: each router's and entry's
     * own values are replaced by the snapshot's. Unbuilt lazy branches receive theirs
     * when built.
     *
     * @param snapshot the snapshot (e.g. read back from JSON)
     * @throws IllegalArgumentException when it names unknown plugins, entries or branches,
     *     or holds invalid values (nothing is changed then)
     */
    public void restore(Map<String, Object> snapshot) {
        ConfigTree.restore(this, Objects.requireNonNull(snapshot, "snapshot"));
    }

    /**
     * Describes this router and everything below, without building lazy branches.
     *
     * @return a JSON-like tree (see {@link #nodes(Caller, boolean)})
     */
    public Map<String, Object> nodes() {
        return nodes(null, false);
    }

    /**
     * Describes this router and everything below: entries with metadata, parameters and
     * plugin settings; branches; lazy branches as markers unless {@code build}.
     *
     * @param caller when not null, only entries this caller may reach are listed
     * @param build whether to build lazy branches in order to describe them
     * @return a JSON-like tree
     */
    public Map<String, Object> nodes(Caller caller, boolean build) {
        return NodeTree.describe(this, caller, build);
    }

    /**
     * Whether this router's owner or one of its ancestors' owners offers a capability.
     *
     * @param capability a capability name
     * @return true when some owner on the way up lists it
     */
    public boolean hasCapability(String capability) {
        for (Router r = this; r != null; r = r.parent) {
            if (r.owner.capabilities().contains(capability)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Router[" + path() + " " + owner.getClass().getSimpleName() + "]";
    }

    // ---- package internals -------------------------------------------------------

    Map<String, Entry> entryMap() {
        return entries;
    }

    Map<String, Branch> branchMap() {
        return branches;
    }

    Router parentRouter() {
        return parent;
    }

    List<Plugin<?>> ownPlugins() {
        return ownPlugins;
    }

    void plugins(List<Plugin<?>> effective) {
        plugins = effective;
    }

    SettingsStore settings() {
        return settings;
    }

    Router top() {
        Router r = this;
        while (r.parent != null) {
            r = r.parent;
        }
        return r;
    }

    String childPath(String child) {
        String p = path();
        return p.isEmpty() ? child : p + "/" + child;
    }

    /** The compiled index of this subtree, rebuilt when the structure version moved. */
    RouteIndex index() {
        RouteIndex idx = index;
        if (idx != null && idx.version() == Structure.version()) {
            return idx;
        }
        synchronized (compiling) {
            long version = Structure.version();
            idx = index;
            if (idx == null || idx.version() != version) {
                idx = RouteIndex.compile(this, version);
                index = idx;
            }
            return idx;
        }
    }

    /** Builds a lazy branch if {@code name} is one; a no-op otherwise. */
    void materialize(String name) {
        Mounting.materialize(this, name);
    }

    /** The hook set by {@link #beforeAttach}, or null (under the structure lock). */
    Consumer<Router> attachHook() {
        return attachHook;
    }

    /** Publishes a new branch map (under the structure lock). */
    void branches(Map<String, Branch> next) {
        branches = next;
    }

    /** Sets or clears the primary attachment (under the structure lock). */
    void link(Router newParent, String newName) {
        parent = newParent;
        name = newName;
    }
}
