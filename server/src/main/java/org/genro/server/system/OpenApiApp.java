package org.genro.server.system;

import java.util.Objects;
import org.genro.router.Route;
import org.genro.router.RoutingClass;

/** {@code /_sys/openapi/}: not written yet. */
public final class OpenApiApp extends RoutingClass {
    private final SystemHost host;

    OpenApiApp(SystemHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** Placeholder until the app is written. */
    @Route(methods = {"GET"})
    public String index() {
        return "openapi: not written yet\n";
    }
}
