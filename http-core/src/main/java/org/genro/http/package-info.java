/**
 * The HTTP/1.1 engine and its public API: start an {@link org.genro.http.HttpServer},
 * give it a {@link org.genro.http.Handler}, read a {@link org.genro.http.Request} and
 * fill a {@link org.genro.http.Response}. The connection loop, body framing and
 * response writing live here, package-private; head parsing lives in the unexported
 * {@code org.genro.http.wire}.
 */
package org.genro.http;
