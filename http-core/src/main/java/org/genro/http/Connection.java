package org.genro.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import org.genro.http.wire.HeadParser;
import org.genro.http.wire.Methods;
import org.genro.http.wire.ProtocolException;
import org.genro.http.wire.RequestHead;
import org.genro.http.wire.Violation;

/**
 * One client connection, served start to end by its own virtual thread with blocking
 * reads and writes. Every field is confined to that thread except the {@link Watch},
 * which the server's sweeper reads to enforce timeouts.
 *
 * <pre>
 *            +--------------------------------------------------------+
 *            v                                                        |
 *   [read head] --EOF/idle timeout--> (close)                         |
 *       |  \--limit/bad bytes/head timeout--> [write 4xx, close]      |
 *       v                                                             |
 *   [parse head] --violation--> [write 4xx, close]                    |
 *       v                                                             |
 *   [handler] --throws before commit--> [500]                         |
 *       v                                                             |
 *   [finish response] -- close wanted --> [flush, close]              |
 *       v                                                             |
 *   [drain unread body] --too long/broken--> [flush, close]           |
 *       v                                                             |
 *   [flush unless another complete head is buffered] -----------------+
 * </pre>
 *
 * Responses to pipelined requests are appended to one buffer and leave together when
 * no complete request is left to answer (RFC 9112 §9.3.2 keeps them in order).
 */
final class Connection implements Runnable {
    private static final System.Logger LOG = System.getLogger("org.genro.http.connection");
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** How long a rejected client gets to read our answer before we cut it off. */
    private static final long LINGER_BYTES = 64 * 1024;

    private final HttpServer server;
    private final Socket socket;
    private final Limits limits;
    private final HeadParser parser;
    private final Handler handler;
    final Watch watch;
    private InputBuffer in;
    private RequestReader reader;
    private OutputBuffer out;
    private ExchangeRequest current;
    private ExchangeResponse currentResponse;
    private long served;

    Connection(HttpServer server, Socket socket) {
        this.server = server;
        this.socket = socket;
        this.limits = server.limits();
        this.parser = server.parser();
        this.handler = server.handler();
        this.watch = new Watch(limits);
    }

    @Override
    public void run() {
        try {
            in = new InputBuffer(socket.getInputStream(), watch, limits, parser);
            reader = new RequestReader(in, parser, limits, watch);
            out = new OutputBuffer(socket.getOutputStream(), watch);
            serve();
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.DEBUG, () -> "connection " + remoteAddress() + " ended: " + e);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "connection failed", e);
        } finally {
            closeQuietly();
            server.closed(this);
        }
    }

    private void serve() throws IOException {
        while (true) {
            RequestHead head = readHead();
            if (head == null) {
                return;
            }
            served++;
            if (!exchange(head)) {
                out.flush();
                return;
            }
            if (!reader.hasCompleteHead() || out.size() >= OutputBuffer.FLUSH_THRESHOLD) {
                out.flush();
            }
        }
    }

    /** The next request head, or null when the connection is done (closed, rejected). */
    private RequestHead readHead() throws IOException {
        try {
            return reader.next();
        } catch (ProtocolException e) {
            reject(e.violation());
            return null;
        }
    }

    /** Runs one exchange; returns whether the connection may serve another request. */
    private boolean exchange(RequestHead head) throws IOException {
        BodyInput body = reader.body(head);
        current = new ExchangeRequest(head, body, this);
        ExchangeResponse response = new ExchangeResponse(this, out, head.method() == Methods.HEAD, head.version() == 10);
        if (!head.keepAlive() || server.draining()
                || limits.maxRequestsPerConnection() > 0 && served >= limits.maxRequestsPerConnection()) {
            response.closeAfter();
        }
        if (head.expectContinue() && head.hasBody()) {
            body.beforeFirstRead(this::sendContinue);
        }
        currentResponse = response;
        try {
            handler.handle(current, response);
            response.finish();
        } catch (Exception | Error e) {
            if (!failed(body, response, e)) {
                return false;
            }
        } finally {
            current = null;
            currentResponse = null;
        }
        if (body.failure() != null) {
            return false; // the framing is unknown past the failure: nothing more can be read
        }
        return !response.closing() && (body.finished() || body.drain(limits.drain()));
    }

    /** Answers a handler failure; returns whether the connection may go on. */
    private boolean failed(BodyInput body, ExchangeResponse response, Throwable e) throws IOException {
        ProtocolException violation = body.failure();
        if (response.committed()) {
            // too late for a status: a truncated body tells the client something broke
            LOG.log(Level.WARNING, "handler failed after the response was committed", e);
            return false;
        }
        if (violation != null) {
            reject(violation.violation());
            return false;
        }
        LOG.log(Level.ERROR, "handler failed for " + current, e);
        RequestHead head = current.head();
        ExchangeResponse error = new ExchangeResponse(this, out, head.method() == Methods.HEAD, head.version() == 10);
        if (response.closing()) {
            error.closeAfter();
        }
        error.header("Content-Type", "text/plain; charset=utf-8");
        error.status(500);
        error.send("Internal Server Error\n");
        return !error.closing() && (body.finished() || body.drain(limits.drain()));
    }

    /**
     * Called as a response commits its head: a connection whose body will not be read
     * (the client waits for 100 Continue, or the rest is too long to drain) must close,
     * and the head should say so.
     */
    void beforeCommit(ExchangeResponse response) {
        if (server.draining()) {
            response.closeAfter();
        }
        BodyInput body = current == null ? BodyInput.EMPTY : current.bodyInput();
        if (body.finished()) {
            return;
        }
        boolean waitingForContinue = current.head().expectContinue() && !body.started();
        long unread = body.remaining();
        if (waitingForContinue || body.failure() != null || unread - in.available() > limits.drain()) {
            response.closeAfter();
        }
    }

    private void sendContinue() {
        if (currentResponse != null && currentResponse.committed()) {
            return; // a final answer has started: a 100 now would land inside its body
        }
        try {
            out.write(CONTINUE);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Answers a protocol violation with a minimal response naming the rule, then closes.
     * The message never contains request bytes.
     */
    private void reject(Violation v) throws IOException {
        LOG.log(Level.DEBUG, () -> "rejected request from " + remoteAddress() + ": " + v);
        byte[] body = (Status.reason(v.status()) + ": " + v.message() + "\n").getBytes(StandardCharsets.UTF_8);
        ExchangeResponse response = new ExchangeResponse(this, out, false, false);
        response.closeAfter();
        response.header("Content-Type", "text/plain; charset=utf-8");
        response.status(v.status());
        response.send(body);
        out.flush();
        lingeringClose();
    }

    /**
     * Half-closes and reads what the client still sends for a moment, so that our
     * answer is not destroyed by a TCP reset caused by unread input.
     */
    private void lingeringClose() {
        try {
            if (socket instanceof SSLSocket) {
                return;
            }
            socket.shutdownOutput();
            long discarded = 0;
            in.consume(in.limit);
            while (discarded < LINGER_BYTES && !watch.timedOut()) {
                int n = in.fill(Watch.HEAD);
                if (n < 0) {
                    return;
                }
                discarded += n;
                in.consume(in.limit);
            }
        } catch (IOException e) {
            // the client is gone: nothing left to protect
        }
    }

    /** Called by the sweeper when the watch expired: wake the blocked thread. */
    void timeout(int state) {
        try {
            if (state == Watch.WRITE || socket instanceof SSLSocket) {
                socket.close();
            } else {
                socket.shutdownInput(); // the blocked read returns end-of-stream
            }
        } catch (IOException e) {
            closeQuietly();
        }
    }

    /** Called at shutdown: close now if between requests, else after the current one. */
    void closeIfIdle() {
        if (watch.state() == Watch.IDLE) {
            timeout(Watch.IDLE);
        }
    }

    void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    boolean secure() {
        return socket instanceof SSLSocket;
    }
}
