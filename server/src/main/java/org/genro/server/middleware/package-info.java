/**
 * The request pipeline between the connection and the app: ranked layers (errors, access
 * log, CORS, HTTP cache, gzip, custom ones), built once at startup from the {@code middleware}
 * config section or from Java. Layers see and change whole {@link org.genro.server.Reply}
 * values; they do no socket I/O, routing or authentication.
 */
package org.genro.server.middleware;
