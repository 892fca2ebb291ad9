package org.genro.server;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.genro.http.Headers;
import org.genro.http.Request;

/** An engine request built in memory, for {@link AsgiServer#handle}. */
record TestRequest(String method, String path, String query, Headers headers, byte[] bytes) implements Request {
    TestRequest(String method, String path, String query) {
        this(method, path, query, new Headers().add("Host", "test"), new byte[0]);
    }

    @Override public String target() { return query.isEmpty() ? path : path + "?" + query; }
    @Override public String version() { return "HTTP/1.1"; }
    @Override public String authority() { return "test"; }
    @Override public long contentLength() { return bytes.length; }
    @Override public boolean hasBody() { return bytes.length > 0; }
    @Override public InputStream body() { return new ByteArrayInputStream(bytes); }
    @Override public byte[] bodyBytes() { return bytes.clone(); }
    @Override public long bodyLimit() { return 1 << 20; }
    @Override public void bodyLimit(long limit) { }
    @Override public Headers trailers() { return new Headers(0); }
    @Override public InetSocketAddress remoteAddress() { return new InetSocketAddress("127.0.0.1", 40000); }
    @Override public InetSocketAddress localAddress() { return new InetSocketAddress("127.0.0.1", 8000); }
    @Override public boolean secure() { return false; }

    @Override
    public String toString() {
        return method + " " + target() + " " + new String(bytes, StandardCharsets.UTF_8);
    }
}
