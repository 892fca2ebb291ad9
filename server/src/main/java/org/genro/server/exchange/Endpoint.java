package org.genro.server.exchange;

/**
 * An app that answers every path under its mount itself, with the server's request model:
 * no routing tree, no entries, but the whole pipeline around it (logging, CORS, sessions,
 * auth, cache, compression, its own middleware). {@link Exchange#appPath()} is the
 * decoded, normalized path inside the mount, and {@link Exchange#path()} the path as
 * sent. The endpoint answers every method itself, OPTIONS and 405 included.
 *
 * <p>Unlike an engine {@code Handler} mounted as an app, whose output is collected in
 * memory so that middleware can see it, an endpoint returns a {@link Reply}: a file reply
 * stays a file all the way to the socket.
 *
 * <pre>{@code
 * server.mount("hello", (Endpoint) exchange -> Reply.text("you asked for " + exchange.appPath()));
 * }</pre>
 *
 * An instance serves every request concurrently: it keeps no per-request state in fields.
 */
@FunctionalInterface
public interface Endpoint {
    /**
     * Answers one request.
     *
     * @throws Exception anything, turned into a reply as a handler's failure is
     *                   ({@link HttpError} keeps its status; the rest is a 500)
     */
    Reply serve(Exchange exchange) throws Exception;
}
