package org.genro.server.system;

import java.util.Objects;
import org.genro.router.Route;
import org.genro.router.RoutingClass;

/** {@code /_sys/plugins/}: not written yet. */
public final class PluginsApp extends RoutingClass {
    private final SystemHost host;

    PluginsApp(SystemHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** Placeholder until the app is written. */
    @Route(methods = {"GET"})
    public String index() {
        return "plugins: not written yet\n";
    }
}
