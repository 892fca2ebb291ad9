package org.genro.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import org.genro.http.wire.RequestHead;

/** The request half of one exchange: the parsed head plus the body stream. */
final class ExchangeRequest implements Request {
    private final RequestHead head;
    private final BodyInput body;
    private final Connection connection;
    private Headers headers;

    ExchangeRequest(RequestHead head, BodyInput body, Connection connection) {
        this.head = head;
        this.body = body;
        this.connection = connection;
    }

    RequestHead head() {
        return head;
    }

    @Override
    public String method() {
        return head.method();
    }

    @Override
    public String target() {
        return head.target();
    }

    @Override
    public String path() {
        return head.path();
    }

    @Override
    public String query() {
        return head.query();
    }

    @Override
    public String version() {
        return head.version() == 10 ? "HTTP/1.0" : "HTTP/1.1";
    }

    @Override
    public String authority() {
        return head.authority();
    }

    @Override
    public Headers headers() {
        if (headers == null) {
            headers = Headers.wrap(head);
        }
        return headers;
    }

    @Override
    public long contentLength() {
        return head.contentLength();
    }

    @Override
    public boolean hasBody() {
        return head.hasBody();
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public byte[] bodyBytes() throws IOException {
        if (!head.hasBody()) {
            return new byte[0];
        }
        // a declared length that fits an array is read in one go; readNBytes refuses more
        if (head.contentLength() >= 0 && head.contentLength() <= Math.min(body.limit, Integer.MAX_VALUE - 8)) {
            return body.readNBytes((int) head.contentLength());
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        body.transferTo(all);
        return all.toByteArray();
    }

    @Override
    public long bodyLimit() {
        return body.limit;
    }

    @Override
    public void bodyLimit(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("body limit must be positive");
        }
        if (!body.started() && body != BodyInput.EMPTY) {
            body.limit = bytes;
        }
    }

    @Override
    public Headers trailers() {
        return body instanceof ChunkedInput c ? c.trailers() : new Headers(0);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return connection.localAddress();
    }

    @Override
    public boolean secure() {
        return connection.secure();
    }

    @Override
    public String toString() {
        return head.method() + " " + head.path(); // never the query or headers: they may hold secrets
    }
}
