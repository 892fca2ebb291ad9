package org.genro.server.wsx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.genro.http.Headers;
import org.genro.http.Request;
import org.genro.http.WebSocketSession;

/**
 * A WebSocket session in memory: what the server sends lands in a queue, and a test can
 * hold every send on a latch to play a client that does not read.
 */
final class FakeSession implements WebSocketSession {
    final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    final Handshake handshake;
    volatile CountDownLatch holdSends;
    volatile int closeCode = -1;
    final CountDownLatch closed = new CountDownLatch(1);

    FakeSession(Handshake handshake) {
        this.handshake = handshake;
    }

    FakeSession() {
        this(new Handshake());
    }

    /** The next message sent, waiting up to 5 seconds; fails the test when none comes. */
    String next() throws InterruptedException {
        String m = sent.poll(5, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("nothing was sent within 5 s");
        }
        return m;
    }

    @Override
    public void sendText(String message) throws IOException {
        CountDownLatch hold = holdSends;
        if (hold != null) {
            try {
                if (!hold.await(10, TimeUnit.SECONDS)) {
                    throw new IOException("held too long");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        if (closeCode >= 0) {
            throw new IOException("closed");
        }
        sent.add(message);
    }

    @Override
    public void sendBinary(byte[] message) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendBinary(byte[] message, int off, int len) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void ping(byte[] payload) {
    }

    @Override
    public void close(int code, String reason) {
        closeCode = code;
        closed.countDown();
    }

    @Override
    public void abort() {
        close(1006, "");
    }

    @Override
    public boolean isOpen() {
        return closeCode < 0;
    }

    @Override
    public String subprotocol() {
        return null;
    }

    @Override
    public String extensions() {
        return "";
    }

    @Override
    public Request request() {
        return handshake;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return handshake.remoteAddress();
    }

    /** An opening handshake from a page on http://localhost:8000. */
    static final class Handshake implements Request {
        final Headers headers = new Headers();

        Handshake() {
            headers.add("Host", "localhost:8000").add("Upgrade", "websocket").add("Connection", "Upgrade")
                    .add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").add("Sec-WebSocket-Version", "13")
                    .add("User-Agent", "test");
        }

        Handshake header(String name, String value) {
            headers.set(name, value);
            return this;
        }

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String target() {
            return "/_wsx";
        }

        @Override
        public String path() {
            return "/_wsx";
        }

        @Override
        public String query() {
            return "";
        }

        @Override
        public String version() {
            return "HTTP/1.1";
        }

        @Override
        public String authority() {
            return "localhost:8000";
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
            return 0;
        }

        @Override
        public void bodyLimit(long bytes) {
        }

        @Override
        public Headers trailers() {
            return new Headers(0);
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 8000);
        }

        @Override
        public boolean secure() {
            return false;
        }
    }
}
