package org.genro.serverapi;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import org.genro.http.Headers;
import org.genro.http.Request;

/** A GET built in memory from outside the server's packages, as an embedding tool would. */
record ApiRequest(String path, String query) implements Request {
    @Override public String method() { return "GET"; }
    @Override public String target() { return query.isEmpty() ? path : path + "?" + query; }
    @Override public String version() { return "HTTP/1.1"; }
    @Override public String authority() { return "localhost"; }
    @Override public Headers headers() { return new Headers().add("Host", "localhost"); }
    @Override public long contentLength() { return -1; }
    @Override public boolean hasBody() { return false; }
    @Override public InputStream body() { return new ByteArrayInputStream(new byte[0]); }
    @Override public byte[] bodyBytes() { return new byte[0]; }
    @Override public long bodyLimit() { return 1 << 20; }
    @Override public void bodyLimit(long limit) { }
    @Override public Headers trailers() { return new Headers(0); }
    @Override public InetSocketAddress remoteAddress() { return new InetSocketAddress("127.0.0.1", 40000); }
    @Override public InetSocketAddress localAddress() { return new InetSocketAddress("127.0.0.1", 8000); }
    @Override public boolean secure() { return false; }
}
