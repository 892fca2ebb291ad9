/**
 * Routing classes (the genro-routes model): {@link org.genro.router.RoutingClass} objects
 * with {@link org.genro.router.Route @Route} methods, attached into a tree of branches and
 * resolved by path into {@link org.genro.router.Resolution} values, plus the plugin SPI.
 * Knows nothing of HTTP beyond the method names an entry declares.
 */
package org.genro.router;
