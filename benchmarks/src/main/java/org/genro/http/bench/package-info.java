/**
 * JMH benchmarks of the engine's request head parser. Mirrors {@code org.genro.http}
 * and {@code org.genro.http.wire}; measures, never asserts.
 */
package org.genro.http.bench;
