package org.genro.http;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.zip.Inflater;
import javax.net.ssl.SSLSocket;
import org.genro.http.wire.FrameException;
import org.genro.http.wire.FrameParser;
import org.genro.http.wire.FrameViolation;
import org.genro.http.wire.MessageBuffer;

/**
 * A connection after its switch to WebSocket: reads frames on the connection's own
 * virtual thread, straight-line and blocking, and calls the listener in frame order.
 * Everything here belongs to that thread, except what other threads may touch: the
 * session (any thread sends, see {@link ServerWebSocket}) and the {@link WebSocketTimers}
 * (the sweeper and the server stopping).
 *
 * <pre>
 *   [onOpen; one that throws: onError, send close 1011]
 *       v
 *   [read a frame head] <-------------------------------------------------+
 *       |--broken rule--> [send close 1002, 1007 or 1009] ------+         |
 *       |--EOF, a failed read or write -------------------------+         |
 *       v                                                       |         |
 *   ping: a pong, unless our close has left --------------------|---------+
 *   pong: onPong -----------------------------------------------|---------+
 *   data: unmasked, inflated, UTF-8 checked as it               |         |
 *         arrives; last frame: onText or onBinary               |         |
 *         (one that throws: onError, close 1011);               |         |
 *         after our close, skipped unread ----------------------|---------+
 *   close: echo its code, unless ours left first                |
 *       v                                                       v
 *   [onError if a read or write failed; then onClose, once, last]
 *       v
 *   [closing handshake complete: close TCP; otherwise, after our close:
 *    half-close, drain to EOF, 64 KiB or the close timeout; close TCP]
 * </pre>
 *
 * Our close leaves from here (a broken rule, a failed callback, the client's close
 * echoed) or from another thread: {@link WebSocketSession#close}, the idle timer, the
 * shutdown (see {@link WebSocketTimers}). Either way this thread keeps reading until
 * the client's close, the end of the stream, or the sweeper cutting the socket at the
 * close timeout.
 */
final class WebSocketConnection {
    private static final System.Logger LOG = System.getLogger("org.genro.http.websocket");
    /** Unread input discarded after our close, so that a reset does not destroy it. */
    private static final long LINGER_BYTES = 64 * 1024;
    /** The largest message buffer kept between messages. */
    private static final int KEEP = 16 * 1024;

    private final Socket socket;
    private final InputBuffer in;
    private final WebSocketListener listener;
    private final ServerWebSocket session;
    private final Compressors compressors;
    private final BooleanSupplier draining;
    private final FrameParser parser;
    private final MessageBuffer message;
    private final byte[] control = new byte[FrameParser.MAX_CONTROL_PAYLOAD];
    /** Read by the sweeper and the shutdown; told here when this thread waits for input. */
    final WebSocketTimers timers;
    /** Whether both close frames have been exchanged. */
    private boolean closed;
    private int endCode = CloseCode.ABNORMAL;
    private String endReason = "";
    private Throwable failure;

    /**
     * @param in       the connection's input, which may already hold frames the client
     *                 sent right after its handshake
     * @param deflate  whether permessage-deflate was agreed
     * @param draining whether the server is shutting down
     */
    WebSocketConnection(Socket socket, InputBuffer in, Limits limits, WebSocketListener listener,
            ServerWebSocket session, boolean deflate, Compressors compressors, BooleanSupplier draining) {
        this.socket = socket;
        this.in = in;
        this.listener = listener;
        this.session = session;
        this.compressors = compressors;
        this.draining = draining;
        this.parser = new FrameParser(deflate, limits.wsMessage());
        this.message = new MessageBuffer(limits.wsMessage(), KEEP);
        this.timers = new WebSocketTimers(session, limits);
    }

    /** Serves the WebSocket until it ends; always calls onClose and closes the socket. */
    void run() {
        try {
            call(() -> listener.onOpen(session));
            if (draining.getAsBoolean()) {
                timers.shutdown(); // the server began stopping while this handshake was answered
            }
            readFrames();
        } catch (FrameException e) {
            fail(e.violation());
        } catch (IOException e) {
            readFailed(e);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "WebSocket failed: " + session, e);
            failure = e;
            session.sendClose(CloseCode.INTERNAL_ERROR, new byte[0]);
            endCode = session.sentCode();
        } finally {
            end();
        }
    }

    private void readFrames() throws IOException {
        while (readHead()) {
            if (parser.control()) {
                if (controlFrame()) {
                    return; // the closing handshake is complete
                }
            } else if (session.closeSent()) {
                skip(parser.length()); // closing: messages are dropped unread
            } else {
                dataFrame();
            }
        }
        // the stream ended without a close frame
        endCode = session.closeSent() ? session.sentCode() : CloseCode.ABNORMAL;
        endReason = session.closeSent() ? session.sentReason() : "";
    }

    /** Reads the next frame head; false at the end of the stream. */
    private boolean readHead() throws IOException {
        while (true) {
            int n = parser.head(in.buf, in.pos, in.limit);
            if (n > 0) {
                in.consume(in.pos + n);
                return true;
            }
            // between frames with nothing buffered, wait in the small idle array
            if (fill(in.available() == 0) < 0) {
                return false;
            }
        }
    }

    private void dataFrame() throws IOException {
        if (parser.first()) {
            Inflater inflater = parser.compressed() ? compressors.inflater() : null;
            message.start(parser.messageType() == FrameParser.TEXT, inflater, parser.length(), parser.fin());
        }
        message.frame(parser.maskKey());
        long remaining = parser.length();
        while (remaining > 0) {
            if (parser.compressed()) {
                int n = buffered(remaining);
                message.inflateMasked(in.buf, in.pos, n);
                in.consume(in.pos + n);
                remaining -= n;
            } else {
                int room = message.room(remaining);
                int n = readPayload(message.array(), message.size(), room);
                message.appendMasked(n);
                remaining -= n;
            }
        }
        if (parser.fin()) {
            message.finish();
            deliver();
        }
    }

    /** Hands the finished message to the listener, unless our close left while it arrived. */
    private void deliver() {
        if (session.closeSent()) {
            compressors(message.end());
        } else if (parser.messageType() == FrameParser.TEXT) {
            String text = message.text();
            compressors(message.end());
            call(() -> listener.onText(session, text));
        } else {
            byte[] bytes = message.binary();
            compressors(message.end());
            call(() -> listener.onBinary(session, bytes));
        }
    }

    /** Handles a control frame; returns true when it was the client's close. */
    private boolean controlFrame() throws IOException {
        int len = (int) parser.length();
        for (int got = 0; got < len; ) {
            int n = buffered(len - got);
            System.arraycopy(in.buf, in.pos, control, got, n);
            in.consume(in.pos + n);
            got += n;
        }
        FrameParser.unmask(control, 0, len, parser.maskKey(), 0);
        switch (parser.opcode()) {
            case FrameParser.PING -> session.pong(control, len);
            case FrameParser.PONG -> {
                if (!session.closeSent()) {
                    byte[] payload = Arrays.copyOf(control, len);
                    call(() -> listener.onPong(session, payload));
                }
            }
            default -> {
                closeFrame(len);
                return true;
            }
        }
        return false;
    }

    private void closeFrame(int len) throws FrameException {
        int code = FrameParser.closeCode(control, len);
        if (code >= 0 && !CloseCode.sendable(code)) {
            throw new FrameException(FrameViolation.CLOSE_CODE_INVALID);
        }
        closed = true;
        if (session.closeReceived(code)) {
            endCode = code < 0 ? CloseCode.NO_STATUS : code;
            endReason = len > 2 ? new String(control, 2, len - 2, StandardCharsets.UTF_8) : "";
        } else {
            endCode = session.sentCode(); // ours left first: the client's close answers it
            endReason = session.sentReason();
        }
    }

    /** Discards a frame's payload. */
    private void skip(long remaining) throws IOException {
        while (remaining > 0) {
            int n = buffered(remaining);
            in.consume(in.pos + n);
            remaining -= n;
        }
    }

    /** Waits until input is buffered; returns how much of it, at most {@code wanted}, to take. */
    private int buffered(long wanted) throws IOException {
        if (in.available() == 0) {
            in.consume(in.pos);
            inFrame(fill(false));
        }
        return (int) Math.min(in.available(), wanted);
    }

    /** A read's count inside a frame, where the end of the stream is an EOFException. */
    private static int inFrame(int n) throws EOFException {
        if (n < 0) {
            throw new EOFException("the client closed inside a frame");
        }
        return n;
    }

    /** Reads payload straight into {@code dst} when nothing is buffered (no double copy). */
    private int readPayload(byte[] dst, int off, int len) throws IOException {
        timers.waiting();
        try {
            return inFrame(in.readFrame(dst, off, len));
        } finally {
            timers.received();
        }
    }

    /**
     * Reads more input into the buffer, marked as waiting for the idle timer; {@code idle}
     * when nothing is buffered between frames, so no full buffer is held while waiting.
     */
    private int fill(boolean idle) throws IOException {
        timers.waiting();
        try {
            return idle ? in.waitIdle(Watch.FRAME) : in.fill(Watch.FRAME);
        } finally {
            timers.received();
        }
    }

    /** Runs a listener callback; one that throws is reported and closes with 1011. */
    private void call(Callback callback) {
        try {
            callback.run();
        } catch (Exception | Error e) {
            LOG.log(Level.ERROR, "WebSocket listener failed: " + session, e);
            quietly(() -> listener.onError(session, e));
            session.sendClose(CloseCode.INTERNAL_ERROR, new byte[0]);
        }
    }

    /** The client broke a rule: our close names it, unless one had already left. */
    private void fail(FrameViolation v) {
        LOG.log(Level.DEBUG, () -> "WebSocket " + session + " failed: " + v);
        session.sendClose(v.closeCode(), v.reason().getBytes(StandardCharsets.UTF_8));
        endCode = session.sentCode();
        endReason = session.sentReason();
    }

    private void readFailed(IOException e) {
        endCode = session.closeSent() ? session.sentCode() : CloseCode.ABNORMAL;
        endReason = session.closeSent() ? session.sentReason() : "";
        if (session.writeFailure() != null) {
            failure = session.writeFailure();
        } else if (!(e instanceof EOFException) && !session.cut()) {
            failure = e;
        }
        LOG.log(Level.DEBUG, () -> "WebSocket " + session + " ended: " + e);
    }

    private void end() {
        compressors(message.end());
        Throwable f = failure;
        if (f != null) {
            quietly(() -> listener.onError(session, f));
        }
        quietly(() -> listener.onClose(session, endCode, endReason));
        closeTransport();
    }

    /**
     * Ends TCP. After a complete closing handshake the server closes at once, as RFC
     * 6455 §7.1.1 asks of it. After a close of ours that was not answered (a broken
     * rule), or with input still unread, it first half-closes and discards what the
     * client sends until it closes too, so that unread input does not turn our close
     * frame into a reset; the sweeper bounds that wait by the close timeout.
     */
    private void closeTransport() {
        try {
            if (session.closeSent() && !socket.isClosed() && !(socket instanceof SSLSocket)
                    && (!closed || in.available() > 0 || socket.getInputStream().available() > 0)) {
                socket.shutdownOutput();
                long discarded = 0;
                in.consume(in.limit);
                int n;
                while (discarded < LINGER_BYTES && (n = in.fill(Watch.FRAME)) >= 0) {
                    discarded += n;
                    in.consume(in.limit);
                }
            }
        } catch (IOException e) {
            // the client is gone or the close timeout cut it: nothing left to protect
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private void compressors(Inflater used) {
        if (used != null) {
            compressors.release(used);
        }
    }

    /** Ends the connection at once, as a deliberate cut rather than a failure: the shutdown's grace is over. */
    void abort() {
        session.abort();
    }

    private void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "WebSocket listener failed: " + session, e);
        }
    }

    /** A listener call that may throw anything. */
    @FunctionalInterface
    private interface Callback {
        void run() throws Exception;
    }
}
