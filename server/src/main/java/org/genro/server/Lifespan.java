package org.genro.server;

/**
 * Implemented by apps that need to act when the server starts or stops. Startup hooks
 * run in mount order before the port opens (a failure aborts the start); shutdown
 * hooks run in reverse order after requests have drained, each isolated from the
 * others' failures.
 */
public interface Lifespan {
    /** Called once before the server accepts requests. */
    default void onStartup(AsgiServer server) throws Exception {
    }

    /** Called once after the server stopped accepting and drained. */
    default void onShutdown(AsgiServer server) throws Exception {
    }
}
