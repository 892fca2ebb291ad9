/**
 * The application server: {@link org.genro.server.AsgiServer} mounts apps by name,
 * runs each request through the middleware pipeline and the router, and turns results
 * into replies. Owns dispatch, the request context, lifespan, reload and the system
 * endpoints; the wire belongs to {@code http-core}, routing to {@code router}.
 */
package org.genro.server;
