/**
 * Path routing for the genro server: a generic radix tree ({@code org.genro.router.tree}) and
 * the routing-class model ({@code org.genro.router}) with its built-in plugins
 * ({@code org.genro.router.plugin}). Depends on the JDK alone.
 */
module org.genro.router {
    exports org.genro.router;
    exports org.genro.router.tree;
    exports org.genro.router.plugin;
}
