package org.genro.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.genro.http.Headers;
import org.genro.http.Request;

/**
 * A request seen with one or two of its parts changed (the path inside a mount, the client
 * behind a proxy); everything not overridden is the underlying request's own, body included.
 */
abstract class RequestView implements Request {
    /** The request seen. */
    final Request request;

    RequestView(Request request) {
        this.request = Objects.requireNonNull(request, "request");
    }

    @Override public String method() { return request.method(); }
    @Override public String target() { return request.target(); }
    @Override public String path() { return request.path(); }
    @Override public String query() { return request.query(); }
    @Override public String version() { return request.version(); }
    @Override public String authority() { return request.authority(); }
    @Override public Headers headers() { return request.headers(); }
    @Override public long contentLength() { return request.contentLength(); }
    @Override public boolean hasBody() { return request.hasBody(); }
    @Override public InputStream body() { return request.body(); }
    @Override public byte[] bodyBytes() throws IOException { return request.bodyBytes(); }
    @Override public long bodyLimit() { return request.bodyLimit(); }
    @Override public void bodyLimit(long bytes) { request.bodyLimit(bytes); }
    @Override public Headers trailers() { return request.trailers(); }
    @Override public InetSocketAddress remoteAddress() { return request.remoteAddress(); }
    @Override public InetSocketAddress localAddress() { return request.localAddress(); }
    @Override public boolean secure() { return request.secure(); }
}
