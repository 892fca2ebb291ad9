package org.genro.server.middleware;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.genro.http.Headers;
import org.genro.http.Request;
import org.genro.server.exchange.Exchange;

/** A request built in memory, so that exchanges can run through middleware without a socket. */
final class TestRequest implements Request {
    private static final AtomicLong IDS = new AtomicLong();

    private final String method;
    private final String target;
    private final Headers headers = new Headers();
    private InetSocketAddress remote = new InetSocketAddress("203.0.113.7", 51000);
    private long bodyLimit = 1 << 20;

    private TestRequest(String method, String target) {
        this.method = method;
        this.target = target;
        headers.add("Host", "example.com");
    }

    /** A request with this method and origin-form target ({@code /path?query}). */
    static TestRequest of(String method, String target) {
        return new TestRequest(method, target);
    }

    static TestRequest get(String target) {
        return of("GET", target);
    }

    /** Adds a header field. */
    TestRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** Replaces the Host field. */
    TestRequest host(String host) {
        headers.set("Host", host);
        return this;
    }

    TestRequest remote(InetSocketAddress address) {
        this.remote = address;
        return this;
    }

    /** A fresh exchange for this request. */
    Exchange exchange() {
        return new Exchange(IDS.incrementAndGet(), this);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    @Override
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    @Override
    public String version() {
        return "HTTP/1.1";
    }

    @Override
    public String authority() {
        return headers.first("Host", "");
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public long contentLength() {
        return -1;
    }

    @Override
    public boolean hasBody() {
        return false;
    }

    @Override
    public InputStream body() {
        return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public byte[] bodyBytes() {
        return new byte[0];
    }

    @Override
    public long bodyLimit() {
        return bodyLimit;
    }

    @Override
    public void bodyLimit(long bytes) {
        this.bodyLimit = bytes;
    }

    @Override
    public Headers trailers() {
        return new Headers(1);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 8080);
    }

    @Override
    public boolean secure() {
        return false;
    }
}
