/**
 * Reads a server directory's {@code config.yaml}, overlays environment, command line and
 * constructor values, validates the result into immutable views, and loads the application
 * classes it names. Knows nothing of HTTP, middleware behaviour or routing: other packages
 * read their own sections through {@link org.genro.server.config.ServerConfig#section}.
 */
package org.genro.server.config;
