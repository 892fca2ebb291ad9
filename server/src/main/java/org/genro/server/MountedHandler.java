package org.genro.server;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.genro.http.Handler;
import org.genro.http.Headers;
import org.genro.http.Request;
import org.genro.http.Response;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Reply;

/**
 * Runs an engine-level {@link Handler} mounted under a name, inside the server's
 * pipeline: it sees the request with the mount prefix removed from its path, and what
 * it sends is captured into a {@link Reply} so middleware still applies. A streamed
 * body is collected before it leaves; a handler that must stream should return a
 * streaming {@link Reply} from a routing class, or be served by the engine directly.
 */
final class MountedHandler {
    private MountedHandler() {
    }

    static Reply call(Handler handler, Exchange exchange) throws Exception {
        Captured response = new Captured();
        handler.handle(new Stripped(exchange.request(), path(exchange)), response);
        return response.reply();
    }

    /**
     * The path the handler sees: the normalized app path (dot segments already resolved,
     * so "/x/../files/a" cannot become "/../files/a" after the mount is cut), encoded
     * again, with the request's trailing slash kept.
     */
    static String path(Exchange exchange) {
        StringBuilder sb = new StringBuilder();
        String appPath = exchange.appPath();
        if (!appPath.isEmpty()) {
            for (String segment : appPath.split("/")) {
                sb.append('/').append(encode(segment));
            }
        }
        if (sb.isEmpty() || exchange.path().endsWith("/")) {
            sb.append('/');
        }
        return sb.toString();
    }

    /** Percent-encodes what a path segment may not hold as is (RFC 3986 §3.3). */
    private static String encode(String segment) {
        StringBuilder sb = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** The request with the mount cut from the front of its (normalized) path. */
    private static final class Stripped extends RequestView {
        private final String path;

        Stripped(Request request, String path) {
            super(request);
            this.path = path;
        }

        @Override
        public String path() {
            return path;
        }
    }

    /** A {@link Response} that fills a {@link Reply} instead of a socket. */
    private static final class Captured implements Response {
        private final Reply reply = Reply.ok();
        private final Headers readOnly = Headers.readOnlyView(reply.headers());
        private boolean committed;
        private ByteArrayOutputStream stream;

        @Override
        public Response status(int code) {
            reply.status(code);
            return this;
        }

        @Override
        public int status() {
            return reply.status();
        }

        @Override
        public Response header(String name, String value) {
            if (!framing(name)) {
                reply.header(name, value);
            }
            return this;
        }

        @Override
        public Response addHeader(String name, String value) {
            if (!framing(name)) {
                reply.addHeader(name, value);
            }
            return this;
        }

        /**
         * The fields the engine writes itself, handled as the engine does: a length is the
         * captured body's own, and the transfer coding is the engine's choice.
         */
        private static boolean framing(String name) {
            if (name.equalsIgnoreCase("Transfer-Encoding")) {
                throw new IllegalStateException("Transfer-Encoding is chosen by the server");
            }
            return name.equalsIgnoreCase("Content-Length");
        }

        @Override
        public Headers headers() {
            return readOnly;
        }

        @Override
        public void send() {
            send(new byte[0]);
        }

        @Override
        public void send(byte[] body) {
            send(body, 0, body.length);
        }

        @Override
        public void send(byte[] body, int off, int len) {
            if (committed) {
                throw new IllegalStateException("the response is already committed");
            }
            committed = true;
            reply.body(java.util.Arrays.copyOfRange(body, off, off + len));
        }

        @Override
        public void send(String text) {
            if (!reply.headers().contains("Content-Type")) {
                reply.contentType("text/plain; charset=utf-8");
            }
            send(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public OutputStream stream() {
            if (stream == null) {
                stream = new ByteArrayOutputStream();
            }
            return stream;
        }

        @Override
        public boolean committed() {
            return committed;
        }

        Reply reply() {
            if (!committed && stream != null) {
                reply.body(stream.toByteArray());
            }
            return reply;
        }
    }
}
