/**
 * The built-in router plugins: {@code auth} (tag rules), {@code env} (capabilities),
 * {@code channel} (transport channels) and {@code logging} (call events), and the
 * {@link org.genro.router.plugin.TagRule} grammar the first two share. Each plugin is a
 * stateless strategy over the settings its router keeps; none holds request state.
 */
package org.genro.router.plugin;
