/**
 * JMH benchmarks for the router module: radix-tree lookups over the GitHub API route
 * set against a linear matcher, and routing-class resolution. Measures only; nothing
 * here is used by the server.
 */
package org.genro.router.bench;
