/**
 * Parses HTTP/1.1 request heads and names every rule a request can break. Pure
 * functions over byte arrays: no I/O, no threads. Not exported; the connection code
 * in {@code org.genro.http} is its only caller.
 */
package org.genro.http.wire;
