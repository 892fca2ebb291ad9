package org.genro.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import org.genro.http.wire.HeadParser;
import org.genro.http.wire.ProtocolException;
import org.genro.http.wire.RequestHead;
import org.genro.http.wire.Violation;

/**
 * One client connection, served start to end by its own virtual thread with blocking
 * reads and writes. Every field is confined to that thread except the {@link Watch},
 * which the server's sweeper reads to enforce timeouts.
 *
 * <pre>
 *            +----------------------------------------------------------------+
 *            v                                                                |
 *   [read head] --EOF/idle timeout--> (close)                                 |
 *       |  \--broken rule/limit/head timeout--> [reject: 4xx, close]          |
 *       v                                                                     |
 *   [handler] --throws--> [withdraw its unsent response, 500]                 |
 *       |                     \--response already left--> [close]            |
 *       |--accepted a WebSocket upgrade--> [101, WebSocketConnection until    |
 *       |                                   it ends, close]                   |
 *       v                                                                     |
 *   [drain unread body, unless Persistence already says close]                |
 *       v                                                                     |
 *   [body failed, in handler or drain?] --yes--> [withdraw unsent response,   |
 *       |                                          reject: 4xx, close]        |
 *       v no                                                                  |
 *   [Persistence: close after this response?] --yes--> [flush, close]         |
 *       v no                                                                  |
 *   [flush unless more bytes are buffered] -----------------------------------+
 *   (a head read flushes before it waits for the rest of its head)
 * </pre>
 *
 * {@link Persistence} alone decides whether the connection closes after a response.
 * Responses to pipelined requests are appended to one buffer and leave together when
 * no complete request is left to answer: when nothing more is buffered, or when the
 * next head read must wait for the rest of its head (RFC 9112 §9.3.2 keeps them in
 * order); until they leave, the current one can be withdrawn and replaced.
 *
 * <p>After a 101 the same thread runs the {@link WebSocketConnection} over the same
 * input buffer, so frames the client sent right behind its handshake are not lost.
 * The WebSocket's senders write under a watch of their own, which the sweeper checks
 * through {@link #sweep} next to this connection's.
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
    private Persistence persistence;
    /** The response made last, whose list of fields the next one takes over if it can. */
    private ExchangeResponse lastResponse;
    private long served;
    /** Set once the connection has switched; read by the sweeper and the shutdown. */
    private volatile WebSocketConnection webSocket;

    Connection(HttpServer server, Socket socket) {
        this.server = server;
        this.socket = socket;
        this.limits = server.limits();
        this.parser = server.parser();
        this.handler = server.handler();
        this.watch = new Watch(server.timeouts);
    }

    @Override
    public void run() {
        try {
            in = new InputBuffer(socket.getInputStream(), watch, limits, parser);
            in.countInto(server.bytesRead);
            in.stopWhen(server.stopping);
            reader = new RequestReader(in, parser, limits, watch);
            out = new OutputBuffer(socket.getOutputStream(), socket.getChannel(), watch, limits);
            out.countInto(server.bytesWritten);
            in.answerThrough(out); // a head not all read yet first sends the answers before it
            persistence = new Persistence(in, server, limits);
            // nothing is buffered at the start, nor after each turn: wait for the next
            // request right here (see serveWhileBusy)
            while (in.waitIdle(Watch.IDLE) > 0 && serveWhileBusy()) {
                // the next turn
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.DEBUG, () -> "connection " + remoteAddress() + " ended: " + e);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "connection failed", e);
        } finally {
            closeQuietly();
            server.closed(this);
            if (in != null) {
                in.release(); // a closed connection's buffers serve the next one
            }
            if (out != null && webSocket == null) {
                out.idle(); // a WebSocket session's buffer may still be in another thread's hands
            }
        }
    }

    /**
     * Serves requests for as long as their bytes are buffered; returns true when the
     * connection has answered everything and waits for its client with nothing buffered,
     * false when it is done. The wait itself happens in {@link #run}, as
     * {@link InputBuffer#readHead} would have waited: a parked virtual thread keeps every
     * frame down to its entry, so an idle connection waits with as few of them as possible.
     */
    private boolean serveWhileBusy() throws IOException {
        while (true) {
            RequestHead head = readHead();
            if (head == null) {
                return false;
            }
            served++;
            if (!exchange(head)) {
                out.flush();
                return false;
            }
            if (in.available() == 0) {
                out.flush();
                out.idle(); // waiting for the client now: no buffer held while it thinks
                // nor the last exchange's objects: the next response gets a new list of fields
                lastResponse = null;
                persistence.forget();
                return true;
            }
            // more is buffered: the answers wait for the next one's, unless they pile up, and
            // leave at the latest when a head read must wait for the rest of its head
            if (out.size() >= OutputBuffer.FLUSH_THRESHOLD) {
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
        Persistence persistence = this.persistence.next(head, body, served);
        out.mark();
        ExchangeResponse response = response(head, persistence);
        if (head.expectContinue() && head.hasBody()) {
            body.beforeFirstRead(() -> sendContinue(response));
        }
        ExchangeRequest request = new ExchangeRequest(head, body, this);
        Throwable thrown = handle(request, response);
        if (thrown == null && response.switching() != null) {
            switchProtocols(request, response);
            return false;
        }
        if (thrown != null && body.failure() == null && !serverError(request, persistence, thrown)) {
            return false;
        }
        if (!persistence.close()) {
            body.drain(limits.drain());
        }
        ProtocolException broken = body.failure();
        if (broken != null) {
            // an incomplete or broken message is never answered as if it were whole (RFC 9112 §6.3, §8)
            if (out.withdraw()) {
                reject(broken.violation());
            }
            return false;
        }
        return !persistence.close();
    }

    /**
     * A new response for {@code head}. Its list of fields is the last response's, emptied,
     * when that one could give it back: the last exchange is over by now, and a list per
     * request would be most of what a small response allocates. Only requests served one
     * after the other without a wait share lists (pipelined ones): an idle connection keeps
     * none of its last exchange's objects.
     */
    private ExchangeResponse response(RequestHead head, Persistence persistence) {
        Headers fields = lastResponse == null ? null : lastResponse.giveBackFields();
        ExchangeResponse response = new ExchangeResponse(out, persistence, head, server.compressors() != null,
                fields != null ? fields : new Headers());
        lastResponse = response;
        return response;
    }

    /**
     * Answers 101 and serves the WebSocket on this thread until it ends. The HTTP write
     * buffer is given up: frames leave through the session's own.
     */
    private void switchProtocols(ExchangeRequest request, ExchangeResponse response) throws IOException {
        in.detachLive(); // the session keeps the handshake request readable while frames reuse the buffer
        response.writeSwitch();
        out.flush();
        out.idle(); // frames leave through the session's own buffer
        ExchangeResponse.Switch agreed = response.switching();
        ServerWebSocket session = new ServerWebSocket(socket, limits, request, agreed.subprotocol(), agreed.deflate(),
                server.compressors());
        session.countInto(server.bytesWritten);
        WebSocketConnection ws = new WebSocketConnection(socket, in, limits, agreed.listener(), session,
                agreed.deflate() != null, server.compressors(), server::draining);
        webSocket = ws;
        LOG.log(Level.DEBUG, () -> "switched to WebSocket: " + session);
        ws.run();
    }

    /** Calls the handler and ends its response; returns what it threw, or null. */
    private Throwable handle(ExchangeRequest request, ExchangeResponse response) {
        try {
            handler.handle(request, response);
            response.finish();
            return null;
        } catch (Exception | Error e) {
            return e;
        }
    }

    /**
     * Replaces what a failed handler left with a 500; returns false when its response
     * has already left, and only closing can tell the client something broke.
     */
    private boolean serverError(ExchangeRequest request, Persistence persistence, Throwable e) {
        if (out.broken()) {
            LOG.log(Level.DEBUG, () -> "client of " + request + " stopped reading: " + e);
            return false;
        }
        if (!out.withdraw()) {
            LOG.log(Level.WARNING, "handler failed after its response left for " + request, e);
            return false;
        }
        LOG.log(Level.ERROR, "handler failed for " + request, e);
        ExchangeResponse error = response(request.head(), persistence);
        error.header("Content-Type", "text/plain; charset=utf-8");
        error.status(500);
        error.send("Internal Server Error\n");
        return true;
    }

    /**
     * Sends 100 Continue before the handler's first read of the body, unless a final
     * answer has started (a 100 then would land inside its body). What is buffered
     * leaves first, in order; the response to withdraw starts after it.
     */
    private void sendContinue(ExchangeResponse response) {
        if (response.committed()) {
            return;
        }
        try {
            out.write(CONTINUE);
            out.flush();
            out.mark();
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
        ExchangeResponse response = new ExchangeResponse(out, Persistence.rejected(), null, false, new Headers());
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

    /** Called by the sweeper: wakes this connection's thread or a WebSocket sender past its deadline. */
    void sweep(long now) {
        WebSocketConnection ws = webSocket;
        if (ws != null) {
            ws.timers.tick(now);
        }
        int expired = watch.expire(now);
        if (expired != Watch.NONE) {
            timeout(expired);
        }
    }

    /** Whether this connection has switched to WebSocket. */
    boolean webSocket() {
        return webSocket != null;
    }

    /**
     * Called at shutdown: close now if between requests, else after the current one; a
     * WebSocket is sent a close 1001 and gets the grace period for its closing handshake.
     */
    void closeIfIdle() {
        WebSocketConnection ws = webSocket;
        if (ws != null) {
            ws.timers.shutdown();
        } else if (watch.state() == Watch.IDLE) {
            timeout(Watch.IDLE);
        }
    }

    void closeQuietly() {
        WebSocketConnection ws = webSocket;
        if (ws != null) {
            ws.abort(); // its listener hears of a cut, not of a failure
        }
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
