/**
 * JMH benchmarks of the engine: its request head parser, WebSocket frames, and a
 * connection's whole path over loopback. Mirrors {@code org.genro.http} and
 * {@code org.genro.http.wire}; measures, never asserts.
 */
package org.genro.http.bench;
