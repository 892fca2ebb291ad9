/**
 * A generic, HTTP-agnostic radix tree that maps path patterns to values.
 * Owns pattern syntax, conflict detection and matching priority; knows nothing of
 * HTTP methods, routing classes or plugins.
 */
package org.genro.router.tree;
