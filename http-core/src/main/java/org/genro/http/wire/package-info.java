/**
 * Parses HTTP/1.1 request heads, line by line as they arrive, and chunk lines, and
 * names every rule a request can break. Works over byte arrays it is handed: no I/O,
 * no threads. Not exported; the connection code in {@code org.genro.http} is its only
 * caller, and only what that code needs is public.
 */
package org.genro.http.wire;
