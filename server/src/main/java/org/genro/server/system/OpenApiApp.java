package org.genro.server.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.genro.router.Default;
import org.genro.router.Route;
import org.genro.router.Router;
import org.genro.router.RoutingClass;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Json;
import org.genro.server.exchange.Rejection;
import org.genro.server.exchange.Reply;

/**
 * {@code /_sys/openapi}: the OpenAPI 3.1.0 document of every app the server mounts, built
 * from their routes at each request (so a reload or a plugin change shows at once);
 * {@code /_sys/openapi/<app>} the document of one app. Lazy branches are built only with
 * {@code ?lazy=true}. Who may read it is decided before this app runs.
 *
 * <p>One entry serves both forms: a path that stops here reaches {@code index}, and a
 * segment after it that names no entry reaches {@code index} too, as its first argument.
 * A second entry would take a name an app could not be given.
 */
public final class OpenApiApp extends RoutingClass {
    private final SystemHost host;

    OpenApiApp(SystemHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * The document, of every app or of the one named.
     *
     * @param app  a mount name, from the path ({@code /_sys/openapi/shop}) or the query
     * @param lazy whether to build lazy branches so as to document them
     * @return the document as JSON, never cached
     */
    @Route(methods = {"GET"}, doc = "The OpenAPI 3.1 document of every app, or of the one named "
            + "(/_sys/openapi/<app>); lazy=true builds lazy branches to document them.")
    public Reply index(Optional<String> app, @Default("false") boolean lazy) {
        Map<String, Optional<Router>> apps = host.apps();
        if (app.isPresent()) {
            Optional<Router> one = apps.get(app.get());
            if (one == null) {
                throw new HttpError(Rejection.NOT_FOUND);
            }
            Map<String, Optional<Router>> only = new LinkedHashMap<>();
            only.put(app.get(), one);
            apps = only;
        }
        Map<String, Object> document = OpenApiDocument.build(host.config(), apps, lazy);
        try {
            // no-store: it shows the server's current routes, like the other system pages
            return Reply.bytes(Json.MAPPER.writeValueAsBytes(document), "application/json")
                    .header("Cache-Control", "no-store");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document could not be written as JSON", e);
        }
    }
}
