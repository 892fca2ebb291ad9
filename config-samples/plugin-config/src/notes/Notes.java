package notes;

import java.util.Map;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.AsgiServer;
import org.genro.server.Context;

/**
 * A notes app whose plugin settings can be read and changed at runtime through its own
 * entries (local clients only, like the server's other admin endpoints).
 *
 * <pre>
 * GET  /notes/                          → open to all
 * GET  /notes/settings                  → the live plugin settings of this app
 * POST /notes/lock?entry=index          → sets auth rule "admin" on an entry (live)
 * POST /notes/unlock?entry=index        → clears it
 * POST /notes/save                      → writes plugin_config.json (applied at next boot)
 * POST /notes/revert                    → back to the saved file
 * GET  /notes/gpu                       → 503: needs the "gpu" capability
 * </pre>
 */
public class Notes extends RoutingClass {

    @Route(doc = "A line of text, open to everyone unless an entry lock closes it.")
    public String index() {
        return "notes: open to everyone unless locked\n";
    }

    @Route(env = "gpu", doc = "Needs the gpu capability, which this server lacks: answers 503.")
    public String gpu() {
        return "rendered\n";
    }

    @Route(methods = {"GET"}, doc = "The live plugin settings of this app (local clients only).")
    public Map<String, Object> settings() {
        return server().pluginConfig("notes", "");
    }

    @Route(methods = {"POST"}, doc = "Sets the auth rule admin on one entry of this app, live (local clients only).")
    public Map<String, Object> lock(String entry) {
        return server().setPluginConfig("notes", "auth", entry, Map.of("rule", "admin"));
    }

    @Route(methods = {"POST"}, doc = "Clears the auth rule of one entry of this app, live (local clients only).")
    public Map<String, Object> unlock(String entry) {
        return server().setPluginConfig("notes", "auth", entry, Map.of("rule", ""));
    }

    @Route(methods = {"POST"}, doc = "Writes the live plugin settings to plugin_config.json (local clients only).")
    public Map<String, Object> save() throws Exception {
        return server().savePluginConfig();
    }

    @Route(methods = {"POST"}, doc = "Goes back to the plugin settings last saved (local clients only).")
    public Map<String, Object> revert() {
        return server().revertPluginConfig();
    }

    private static AsgiServer server() {
        if (!Context.request().remoteAddress().getAddress().isLoopbackAddress()) {
            throw new org.genro.server.exchange.HttpError(403, "local clients only");
        }
        return Context.server();
    }
}
