/**
 * Reads a server directory's {@code config.yaml}, overlays environment, command line and
 * constructor values, validates the result into immutable views, and loads the application
 * classes it names. Knows nothing of HTTP, middleware behaviour or routing: other packages
 * read their own sections through {@link org.genro.server.config.ServerConfig#section}.
 *
 * <p>The config is read at every start, on a cold JVM, on the thread that start waits for.
 * Its reading keeps to loops and {@code instanceof} instead of lambdas, method references,
 * streams and pattern switches: the first run of each of those makes the JDK generate a
 * class, 0.5-1 ms apiece on a cold JVM.
 */
package org.genro.server.config;
