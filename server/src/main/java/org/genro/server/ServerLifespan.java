package org.genro.server;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the apps' {@link Lifespan} hooks: startup in mount order (the first failure
 * undoes the ones already started, in reverse, and aborts), shutdown in reverse order
 * with each failure logged and isolated.
 */
final class ServerLifespan {
    private static final System.Logger LOG = System.getLogger("org.genro.server.lifespan");

    private final AsgiServer server;

    ServerLifespan(AsgiServer server) {
        this.server = server;
    }

    /** Runs every startup hook in order; on failure, shuts down the started ones and throws. */
    void startup(List<Object> apps) {
        List<Object> started = new ArrayList<>();
        for (Object app : apps) {
            if (app instanceof Lifespan hooks) {
                try {
                    hooks.onStartup(server);
                } catch (Exception e) {
                    shutdown(started);
                    throw new IllegalStateException("startup of " + app.getClass().getName() + " failed: " + e.getMessage(), e);
                }
                started.add(app);
            }
        }
    }

    /** Runs every shutdown hook in reverse order; failures are logged, never thrown. */
    void shutdown(List<Object> apps) {
        for (Object app : apps.reversed()) {
            if (app instanceof Lifespan hooks) {
                try {
                    hooks.onShutdown(server);
                } catch (Exception | LinkageError e) {
                    LOG.log(Level.ERROR, "shutdown of " + app.getClass().getName() + " failed", e);
                }
            }
        }
    }
}
