/**
 * The HTTP/1.1 engine and its public API: start an {@link org.genro.http.HttpServer},
 * give it a {@link org.genro.http.Handler}, read a {@link org.genro.http.Request} and
 * fill a {@link org.genro.http.Response}, or switch it to WebSocket with
 * {@link org.genro.http.Response#upgrade} and a {@link org.genro.http.WebSocketListener}.
 * The connection loop, the WebSocket frame loop, body framing and response writing live
 * here, package-private; head and frame grammar live in the unexported
 * {@code org.genro.http.wire}.
 */
package org.genro.http;
