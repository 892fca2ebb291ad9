package org.genro.server.system;

import java.util.Objects;
import org.genro.router.Route;
import org.genro.router.RoutingClass;

/** {@code /_sys/explorer/}: not written yet. */
public final class ExplorerApp extends RoutingClass {
    private final SystemHost host;

    ExplorerApp(SystemHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** Placeholder until the app is written. */
    @Route(methods = {"GET"})
    public String index() {
        return "explorer: not written yet\n";
    }
}
