/**
 * The application server: {@link org.genro.server.AsgiServer} and its builder, the request
 * context, and, package-private, everything that turns a server directory into a running
 * request pipeline (app layer, routing to apps, method rules, dispatch, reload, plugin
 * settings, system endpoints). The wire belongs to {@code http-core}, routing to
 * {@code router}, the request model to {@code exchange}.
 */
package org.genro.server;
