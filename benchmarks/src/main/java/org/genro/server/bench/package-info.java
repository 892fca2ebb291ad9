/**
 * JMH benchmarks of the server's hot path in memory: a request through the middleware
 * pipeline and the dispatcher to a routing-class handler, no socket. Mirrors
 * {@code org.genro.server}.
 */
package org.genro.server.bench;
