package org.genro.server.wsx;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import org.genro.http.Headers;
import org.genro.http.Request;

/**
 * A WSX call as an engine request, so that it takes the same way through the server as
 * one that came over HTTP. Addresses, authority and TLS are the connection's; the head
 * is the call's own over the handshake's credentials. The body is in memory.
 */
public final class WsxRequest implements Request {
    private static final Headers NO_TRAILERS = Headers.readOnlyView(new Headers(0));

    private final WsxCall call;
    private final String method;
    private final WsxChannel channel;
    private final Request handshake;
    private final Headers headers;
    private final boolean subscribing;
    private long bodyLimit;

    WsxRequest(WsxCall call, String method, WsxChannel channel, Request handshake, Headers headers, boolean subscribing,
               long bodyLimit) {
        this.call = call;
        this.method = method;
        this.channel = channel;
        this.handshake = handshake;
        this.headers = Headers.readOnlyView(headers);
        this.subscribing = subscribing;
        this.bodyLimit = bodyLimit;
    }

    /** The connection the call came over. */
    public WsxChannel channel() {
        return channel;
    }

    /** Whether the client asked for typed (TYTX) values in the reply. */
    public boolean typed() {
        return call.typed();
    }

    /**
     * Whether this request asks to subscribe to its path as a topic: the server answers
     * it as a GET, and subscribes the connection when the answer is a success.
     */
    public boolean subscribing() {
        return subscribing;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String target() {
        return call.target();
    }

    @Override
    public String path() {
        return call.path();
    }

    @Override
    public String query() {
        return call.query();
    }

    @Override
    public String version() {
        return "HTTP/1.1";
    }

    /** The handshake the call is made on, as the server resolved it. */
    public Request handshake() {
        return handshake;
    }

    @Override
    public String authority() {
        return handshake.authority();
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public long contentLength() {
        return call.body() == null ? -1 : call.body().length;
    }

    @Override
    public boolean hasBody() {
        return call.body() != null && call.body().length > 0;
    }

    @Override
    public InputStream body() {
        return new ByteArrayInputStream(call.body() == null ? new byte[0] : call.body());
    }

    @Override
    public byte[] bodyBytes() {
        return call.body() == null ? new byte[0] : call.body().clone();
    }

    @Override
    public long bodyLimit() {
        return bodyLimit;
    }

    @Override
    public void bodyLimit(long bytes) {
        bodyLimit = bytes;
    }

    @Override
    public Headers trailers() {
        return NO_TRAILERS;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return handshake.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return handshake.localAddress();
    }

    @Override
    public boolean secure() {
        return handshake.secure();
    }

    @Override
    public String toString() {
        return "WSX " + method + " " + call.target();
    }
}
