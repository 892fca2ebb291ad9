/**
 * The built-in middleware (errors, access log, CORS, HTTP cache, gzip), the reader that
 * turns a {@code middleware} config section into ranked layers, and the chain that
 * composes them. Layers see and change whole {@link org.genro.server.exchange.Reply}
 * values; they do no socket I/O and no routing. Depends on {@code exchange} and
 * {@code config}, never on the server that installs it.
 */
package org.genro.server.middleware;
