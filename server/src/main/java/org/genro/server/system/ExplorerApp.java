package org.genro.server.system;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.genro.server.exchange.Endpoint;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Reply;

/**
 * {@code /_sys/explorer/}: the API explorer. The page shows the user apps, their routers
 * and entries as a tree, an entry's doc and parameters, and a form that calls the entry
 * and shows the reply's status, headers and body.
 *
 * <pre>
 *  GET /_sys/explorer/                the page (explorer.js and explorer.css from the resource loader)
 *  GET /_sys/explorer/tree            the tree as JSON ({@link ExplorerTree}); lazy branches as markers
 *  GET /_sys/explorer/tree?lazy=true  the same with lazy branches built
 * </pre>
 *
 * An endpoint rather than a routing class: it needs the path as sent (to send
 * {@code /_sys/explorer} to its slash form) and answers every error as JSON itself.
 */
final class ExplorerApp implements Endpoint {
    private static final String BODY = """
            <header class=sys-head><h1>API explorer</h1>\
            <nav class=sys-links aria-label="System pages"><a href="../plugins/">Plugin settings</a>\
            <a href="../openapi">OpenAPI document</a></nav></header>\
            <p id=status class=sys-status role=status aria-live=polite>Loading…</p>\
            <div class=sys-split><nav id=tree class=sys-tree aria-label="Apps, routers and entries"></nav>\
            <main id=detail class=sys-detail><p class=hint>Choose an entry to see its doc and call it.</p></main></div>""";

    private final SystemHost host;
    private final SystemPage page = new SystemPage("API explorer", "explorer", BODY).get("tree", this::tree);

    ExplorerApp(SystemHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public Reply serve(Exchange exchange) throws IOException {
        return page.serve(exchange);
    }

    private Map<String, Object> tree(Exchange exchange) {
        String lazy = exchange.query().getOrDefault("lazy", "false");
        if (!lazy.equals("true") && !lazy.equals("false")) {
            throw new HttpError(400, "lazy must be true or false, got '" + Quote.of(lazy) + "'");
        }
        return ExplorerTree.of(host.apps(), lazy.equals("true"));
    }
}
