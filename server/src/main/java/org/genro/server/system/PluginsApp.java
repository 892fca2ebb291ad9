package org.genro.server.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.genro.server.exchange.Endpoint;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Reply;

/**
 * {@code /_sys/plugins/}: the live plugin settings of the user apps' routers, a page to
 * edit them, and the JSON API behind it over the server's get, set, save and revert.
 *
 * <pre>
 *  GET  /_sys/plugins/         the page (plugins.js and plugins.css from the resource loader)
 *  GET  /_sys/plugins/tree     the settings ({@link PluginTree})
 *  POST /_sys/plugins/set      {"router", "plugin", "target", "values"} ({@link PluginEdit}): a live change, not saved
 *  POST /_sys/plugins/save     writes plugin_config.json, applied at the next boot
 *  POST /_sys/plugins/revert   back to the saved settings
 * </pre>
 *
 * Every answer is JSON; a refused change is 400 with {@code {"error": ...}} naming what
 * is wrong, and nothing changes then. The POST calls take a JSON body (save and revert an
 * empty one or {@code {}}). The server lets only loopback clients and admins reach this
 * page, whatever {@code system.public} says, and refuses a change that comes from another
 * site's page; this app does not decide that again.
 */
final class PluginsApp implements Endpoint {
    private static final String BODY = """
            <header class=sys-head><h1>Plugin settings</h1>\
            <nav class=sys-links aria-label="System pages"><a href="../explorer/">API explorer</a></nav></header>\
            <p class=hint>Changes apply at once and last until the server stops; Save keeps them \
            (in plugin_config.json, applied at every boot); Revert goes back to what was saved.</p>\
            <div class=sys-actions><button id=save type=button>Save</button>\
            <button id=revert type=button>Revert</button></div>\
            <p id=status class=sys-status role=status aria-live=polite>Loading…</p>\
            <div class=sys-split><nav id=tree class=sys-tree aria-label="Apps and routers"></nav>\
            <main id=detail class=sys-detail><p class=hint>Choose a router to see and change its plugin settings.</p></main>\
            </div>""";

    private final SystemHost host;
    private final SystemPage page = new SystemPage("Plugin settings", "plugins", BODY)
            .get("tree", this::tree)
            .post("set", this::set)
            .post("save", this::save)
            .post("revert", this::revert);

    PluginsApp(SystemHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public Reply serve(Exchange exchange) throws IOException {
        return page.serve(exchange);
    }

    private Map<String, Object> tree(Exchange exchange) {
        Map<String, Boolean> apps = new LinkedHashMap<>();
        host.apps().forEach((name, router) -> apps.put(name, router.isPresent()));
        return PluginTree.of(host.pluginTree(), apps);
    }

    private Map<String, Object> set(Exchange exchange) throws IOException {
        PluginEdit edit = PluginEdit.read(SystemPage.object(exchange), host);
        return answered(host.setPluginConfig(edit.router(), edit.plugin(), edit.target(), edit.values()));
    }

    private Map<String, Object> save(Exchange exchange) throws IOException {
        noFields(exchange, "save");
        try {
            return answered(host.savePluginConfig());
        } catch (IOException e) {
            // the settings stay live; only the file could not be written (disk full, permissions)
            throw new HttpError(500, "could not write plugin_config.json: " + e.getMessage());
        }
    }

    private Map<String, Object> revert(Exchange exchange) throws IOException {
        noFields(exchange, "revert");
        return answered(host.revertPluginConfig());
    }

    private static void noFields(Exchange exchange, String call) throws IOException {
        Map<String, Object> body = SystemPage.object(exchange);
        if (!body.isEmpty()) {
            throw new HttpError(400, call + " takes no fields; send {} or nothing (got '"
                    + Quote.of(body.keySet().iterator().next()) + "')");
        }
    }

    /** The server's answer, or a 400 carrying its error: it refused and changed nothing. */
    private static Map<String, Object> answered(Map<String, Object> answer) {
        if (answer.get("error") instanceof String error) {
            throw new HttpError(400, error);
        }
        return answer;
    }
}
