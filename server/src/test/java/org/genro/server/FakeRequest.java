package org.genro.server;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.genro.http.Headers;
import org.genro.http.Request;

/**
 * An engine request built in memory with whatever a test needs to vary: peer address,
 * Host, extra fields, a body. For {@link AsgiServer#handle}.
 */
class FakeRequest implements Request {
    private String method = "GET";
    private String path = "/";
    private String query = "";
    private String authority = "localhost";
    private final Headers headers = new Headers();
    private byte[] body = new byte[0];
    private InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);

    static FakeRequest get(String path) {
        FakeRequest r = new FakeRequest();
        int q = path.indexOf('?');
        r.path = q < 0 ? path : path.substring(0, q);
        r.query = q < 0 ? "" : path.substring(q + 1);
        return r;
    }

    FakeRequest path(String p) {
        this.path = p;
        return this;
    }

    FakeRequest method(String m) {
        this.method = m;
        return this;
    }

    /** The Host field and the authority. */
    FakeRequest host(String host) {
        this.authority = host;
        return this;
    }

    FakeRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    FakeRequest from(String address) {
        this.remote = new InetSocketAddress(address, 40000);
        return this;
    }

    FakeRequest body(String contentType, String text) {
        headers.set("Content-Type", contentType);
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    @Override public String method() { return method; }
    @Override public String target() { return query.isEmpty() ? path : path + "?" + query; }
    @Override public String path() { return path; }
    @Override public String query() { return query; }
    @Override public String version() { return "HTTP/1.1"; }
    @Override public String authority() { return authority; }
    @Override public Headers headers() { return headers; }
    @Override public long contentLength() { return body.length; }
    @Override public boolean hasBody() { return body.length > 0; }
    @Override public InputStream body() { return new ByteArrayInputStream(body); }
    @Override public byte[] bodyBytes() { return body.clone(); }
    @Override public long bodyLimit() { return 1 << 20; }
    @Override public void bodyLimit(long limit) { }
    @Override public Headers trailers() { return new Headers(0); }
    @Override public InetSocketAddress remoteAddress() { return remote; }
    @Override public InetSocketAddress localAddress() { return new InetSocketAddress("127.0.0.1", 8000); }
    @Override public boolean secure() { return false; }

    @Override
    public String toString() {
        return method + " " + target() + " from " + remote + " host " + authority;
    }
}
