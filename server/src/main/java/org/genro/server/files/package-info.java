/**
 * The static file app ({@link org.genro.server.files.StaticFiles}, {@code class: static}):
 * files under a root answered as an {@link org.genro.server.exchange.Endpoint}, with
 * validators, conditional requests, byte ranges, precompressed siblings, directory
 * indexes and listings, and a small cache of hot files. Every path goes through
 * {@link org.genro.server.storage.Root}; this package never builds a file path itself.
 * Does not compress (the gzip layer does that for small text), does not know how it was
 * mounted or configured beyond its options.
 */
package org.genro.server.files;
