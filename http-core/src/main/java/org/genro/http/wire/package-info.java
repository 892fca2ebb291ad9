/**
 * The grammar of the wire: HTTP/1.1 request heads, parsed line by line as they arrive,
 * and chunk lines; the WebSocket opening handshake, frames, UTF-8 checking and
 * permessage-deflate's negotiation and payload transform. Names every rule a request or
 * frame can break. Works over byte arrays it is handed: no I/O, no threads. Not
 * exported; the connection code in {@code org.genro.http} is its only caller, and only
 * what that code (and the benchmarks) need is public.
 */
package org.genro.http.wire;
