package org.genro.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.Deflater;
import org.genro.http.wire.FrameParser;
import org.genro.http.wire.PermessageDeflate;

/**
 * The server's end of one WebSocket as the application holds it: sends frames from any
 * thread, and keeps the closing state that the connection's thread and the sweeper read.
 *
 * <p>Sends are serialized by one lock, held for a whole message: its frame head and
 * payload leave before anything else, so messages and control frames never interleave.
 * The lock also guards the buffer and the write {@link Watch}, which belong to whichever
 * thread is writing. That watch is separate from the connection's own, which its thread
 * uses for reads at the same time: the sweeper checks both, so a sender blocked on a
 * client that stopped reading is cut after the write timeout whatever thread it is, and
 * each message must keep up the minimum write rate, like a response. Nothing is queued:
 * a sender waits for the lock and then for the socket.
 *
 * <p>The closing state is volatile and changes only under the lock: at most one close
 * frame is ever sent, and nothing after it.
 */
final class ServerWebSocket implements WebSocketSession {
    /** Shorter messages go uncompressed: alone, without a shared window, they barely shrink. */
    static final int COMPRESS_THRESHOLD = 256;
    /** A payload up to this size is copied after its head and leaves in the same write. */
    private static final int COPY_LIMIT = 8 * 1024 - FrameParser.MAX_SERVER_HEAD;
    /** The largest compression buffer kept between messages. */
    private static final int KEEP = 16 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final Socket socket;
    private final OutputBuffer out;
    /** The deadline of a blocked write, whichever thread is writing; read by the sweeper. */
    final Watch watch;
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] head = new byte[FrameParser.MAX_SERVER_HEAD];
    private final Compressors compressors;
    private final int windowBits;
    private final long closeTimeoutNanos;
    private final Request request;
    private final String subprotocol;
    private final String extensions;
    private byte[] deflated = EMPTY;

    private volatile boolean closeSent;
    private volatile boolean closeReceived;
    private volatile int sentCode = CloseCode.NO_STATUS;
    private volatile String sentReason = "";
    private volatile long closeDeadline;
    private volatile IOException writeFailure;
    private volatile boolean cut;

    /**
     * @param deflate     the agreed permessage-deflate, or null
     * @param compressors where deflaters come from; used only with {@code deflate}
     */
    ServerWebSocket(Socket socket, Limits limits, Request request, String subprotocol,
            PermessageDeflate.Agreement deflate, Compressors compressors) throws IOException {
        this.socket = socket;
        this.watch = new Watch(limits);
        this.out = new OutputBuffer(socket.getOutputStream(), watch, limits);
        this.request = request;
        this.subprotocol = subprotocol;
        this.extensions = deflate == null ? "" : deflate.answer();
        this.compressors = deflate == null ? null : compressors;
        this.windowBits = deflate == null ? PermessageDeflate.MAX_WINDOW_BITS : deflate.serverWindowBits();
        this.closeTimeoutNanos = limits.wsCloseTimeout().toNanos();
    }

    /** Counts every byte this session writes into {@code counter}, for the server's metrics. */
    void countInto(LongAdder counter) {
        out.countInto(counter);
    }

    @Override
    public void sendText(String message) throws IOException {
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        send(FrameParser.TEXT, utf8, 0, utf8.length);
    }

    @Override
    public void sendBinary(byte[] message) throws IOException {
        send(FrameParser.BINARY, message, 0, message.length);
    }

    @Override
    public void sendBinary(byte[] message, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, message.length);
        send(FrameParser.BINARY, message, off, len);
    }

    @Override
    public void ping(byte[] payload) throws IOException {
        if (payload.length > FrameParser.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("a ping carries at most 125 bytes, got " + payload.length);
        }
        lock.lock();
        try {
            checkOpen();
            frame(FrameParser.PING, false, payload, 0, payload.length);
        } finally {
            lock.unlock();
        }
    }

    /** One message in one frame, compressed when agreed and worth it. */
    private void send(int opcode, byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            checkOpen();
            out.mark(); // each message is held to the minimum write rate on its own
            if (compressors != null && len >= COMPRESS_THRESHOLD) {
                int n = compress(b, off, len);
                if (n < len) { // RSV1 is per message: one that did not shrink goes as it is
                    frame(opcode, true, deflated, 0, n);
                    return;
                }
            }
            frame(opcode, false, b, off, len);
        } finally {
            if (deflated.length > KEEP) {
                deflated = EMPTY;
            }
            lock.unlock();
        }
    }

    private int compress(byte[] b, int off, int len) {
        int bound = PermessageDeflate.bound(len);
        if (deflated.length < bound) {
            deflated = new byte[bound];
        }
        boolean huffman = PermessageDeflate.needsHuffmanOnly(len, windowBits);
        Deflater d = compressors.deflater(huffman);
        try {
            return PermessageDeflate.compress(d, b, off, len, deflated);
        } finally {
            compressors.release(d, huffman);
        }
    }

    /** Writes one frame and pushes it out; the lock is held. A failure cuts the connection. */
    private void frame(int opcode, boolean compressed, byte[] b, int off, int len) throws IOException {
        int h = FrameParser.writeHead(head, 0, opcode, compressed, len);
        try {
            out.write(head, 0, h);
            if (len <= COPY_LIMIT) {
                out.write(b, off, len);
                out.flush();
            } else {
                out.writeThrough(b, off, len);
            }
            out.idle(); // sent: a session may stay quiet for hours, holding no buffer meanwhile
        } catch (IOException e) {
            IOException failure = writeFailure != null ? writeFailure : e; // a timeout was recorded by the sweeper
            writeFailure = failure;
            closeSocket(); // the connection's thread, blocked reading, ends too
            throw failure;
        }
    }

    private void checkOpen() throws IOException {
        if (writeFailure != null) {
            throw new IOException("the WebSocket failed", writeFailure);
        }
        if (closeSent || closeReceived || socket.isClosed()) {
            throw new IOException("the WebSocket is closed");
        }
    }

    @Override
    public void close(int code, String reason) {
        if (!CloseCode.sendable(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent");
        }
        byte[] r = reason == null ? EMPTY : reason.getBytes(StandardCharsets.UTF_8);
        if (r.length > FrameParser.MAX_CONTROL_PAYLOAD - 2) {
            throw new IllegalArgumentException("a close reason takes at most 123 bytes of UTF-8, got " + r.length);
        }
        sendClose(code, r);
    }

    /**
     * Sends the close frame unless one was sent already; returns whether this call sent
     * it. {@code code} -1 sends an empty close. Starts the close timeout, which the
     * sweeper enforces by cutting the connection.
     */
    boolean sendClose(int code, byte[] reason) {
        lock.lock();
        try {
            if (closeSent || writeFailure != null) {
                return false;
            }
            sentCode = code < 0 ? CloseCode.NO_STATUS : code;
            sentReason = new String(reason, StandardCharsets.UTF_8);
            closeDeadline = System.nanoTime() + closeTimeoutNanos;
            closeSent = true;
            byte[] payload = code < 0 ? EMPTY : new byte[2 + reason.length];
            if (code >= 0) {
                payload[0] = (byte) (code >>> 8);
                payload[1] = (byte) code;
                System.arraycopy(reason, 0, payload, 2, reason.length);
            }
            frame(FrameParser.CLOSE, false, payload, 0, payload.length);
        } catch (IOException e) {
            // already recorded and cut: the connection's thread reports it
        } finally {
            lock.unlock();
        }
        return true;
    }

    /**
     * The client's close arrived: answers it with the same code (an empty close with an
     * empty one) unless ours left first. Returns whether the client closed first.
     */
    boolean closeReceived(int code) {
        closeReceived = true;
        return sendClose(code, EMPTY);
    }

    /** Answers a ping, unless our close has left: nothing may follow it. */
    void pong(byte[] payload, int len) throws IOException {
        lock.lock();
        try {
            if (!closeSent && writeFailure == null) {
                frame(FrameParser.PONG, false, payload, 0, len);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The idle timer's ping; a failure has already cut the connection. */
    void pingQuietly() {
        try {
            ping(EMPTY);
        } catch (IOException e) {
            // reported by the connection's thread
        }
    }

    @Override
    public void abort() {
        cut = true;
        closeSocket();
    }

    /**
     * Called by the sweeper: cuts a write blocked past the write timeout, or a connection
     * whose client did not answer our close in time.
     */
    void expire(long now) {
        if (watch.expire(now) != Watch.NONE) {
            // recorded before the cut, so that both the writer and the reading thread report it
            writeFailure = new IOException("the client stopped reading: write timed out");
            closeSocket();
        } else if (closeSent && now - closeDeadline > 0) {
            cut = true;
            closeSocket();
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    boolean closeSent() {
        return closeSent;
    }

    int sentCode() {
        return sentCode;
    }

    String sentReason() {
        return sentReason;
    }

    /** Why a write failed, or null. */
    IOException writeFailure() {
        return writeFailure;
    }

    /** Whether the connection was cut on purpose (abort, close timeout), not by a failure. */
    boolean cut() {
        return cut;
    }

    @Override
    public boolean isOpen() {
        return !closeSent && !closeReceived && writeFailure == null && !socket.isClosed();
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public String extensions() {
        return extensions;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public String toString() {
        return "WebSocket " + request + " from " + remoteAddress();
    }
}
