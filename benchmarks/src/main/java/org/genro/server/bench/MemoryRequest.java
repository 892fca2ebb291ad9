package org.genro.server.bench;

import java.io.InputStream;
import java.net.InetSocketAddress;
import org.genro.http.Headers;
import org.genro.http.Request;

/** A bodiless GET held in memory, as the engine would hand it over after parsing. */
record MemoryRequest(String path, String query, Headers headers) implements Request {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8000);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50000);

    static MemoryRequest get(String path, String query) {
        Headers h = new Headers(4);
        h.add("Host", "localhost:8000");
        h.add("Accept", "application/json");
        h.add("User-Agent", "bench/1.0");
        return new MemoryRequest(path, query, h);
    }

    @Override public String method() { return "GET"; }
    @Override public String target() { return query.isEmpty() ? path : path + "?" + query; }
    @Override public String version() { return "HTTP/1.1"; }
    @Override public String authority() { return "localhost:8000"; }
    @Override public long contentLength() { return -1; }
    @Override public boolean hasBody() { return false; }
    @Override public InputStream body() { return InputStream.nullInputStream(); }
    @Override public byte[] bodyBytes() { return new byte[0]; }
    @Override public long bodyLimit() { return 1 << 20; }
    @Override public void bodyLimit(long bytes) { }
    @Override public Headers trailers() { return new Headers(0); }
    @Override public InetSocketAddress remoteAddress() { return CLIENT; }
    @Override public InetSocketAddress localAddress() { return LOCAL; }
    @Override public boolean secure() { return false; }
}
