package org.genro.server.system;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.genro.router.Router;
import org.genro.server.config.ServerConfig;

/**
 * What the system apps read from, and change in, the server that mounts them. The server
 * implements it; each call answers for the application layer serving at that moment, so a
 * reload shows at once.
 */
public interface SystemHost {

    /**
     * The user apps in mount order: each one's router, or empty for an app that answers
     * every path under its mount itself (a static app, an engine handler).
     */
    Map<String, Optional<Router>> apps();

    /** The configuration in force ({@code openapi}, {@code auth} and {@code session} sections among it). */
    ServerConfig config();

    /** The live plugin settings of the whole tree, as {@link Router#configure(String) configure("?")} gives them. */
    Map<String, Object> pluginTree();

    /** As {@code AsgiServer.pluginConfig}: one router's settings, or one entry's. */
    Map<String, Object> pluginConfig(String routerPath, String entry);

    /** As {@code AsgiServer.setPluginConfig}: a live change, not saved; {@code {"error": ...}} when refused. */
    Map<String, Object> setPluginConfig(String routerPath, String plugin, String target, Map<String, Object> values);

    /** As {@code AsgiServer.savePluginConfig}: writes {@code plugin_config.json} atomically. */
    Map<String, Object> savePluginConfig() throws IOException;

    /** As {@code AsgiServer.revertPluginConfig}: back to the saved settings. */
    Map<String, Object> revertPluginConfig();
}
