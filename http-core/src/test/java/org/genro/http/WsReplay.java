package org.genro.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.genro.http.wire.HeadParser;
import org.genro.http.wire.PermessageDeflate;

/**
 * Runs the real frame loop ({@link WebSocketConnection}) over bytes held in memory, cut
 * into pieces, on the test's thread, and records what the listener saw, the bytes the
 * server wrote and whether it closed the socket. The listener echoes every message,
 * as the Autobahn test server does.
 */
final class WsReplay {
    /** What one replay produced. */
    record Result(List<String> events, byte[] output, boolean closed, boolean outputShut) {
        List<WsFrames.Frame> frames() throws IOException {
            return WsFrames.parse(output);
        }
    }

    /** The agreement a replay with deflate runs under: the server's full window. */
    static final PermessageDeflate.Agreement DEFLATE = PermessageDeflate.negotiate(List.of("permessage-deflate"));

    private WsReplay() {
    }

    static Result run(byte[] input, int[] cuts, Limits limits, PermessageDeflate.Agreement deflate) throws IOException {
        Recorder recorder = new Recorder(true);
        return run(input, cuts, limits, deflate, recorder, recorder);
    }

    /** A replay with a listener of the test's own; {@code recorder} is where it writes events down. */
    static Result run(byte[] input, int[] cuts, Limits limits, PermessageDeflate.Agreement deflate,
            WebSocketListener listener, Recorder recorder) throws IOException {
        MemorySocket socket = new MemorySocket();
        Watch watch = new Watch(limits);
        InputBuffer in = new InputBuffer(new Replay.Pieces(input, cuts), watch, limits,
                new HeadParser(limits.requestLine(), limits.headerCount()));
        Compressors compressors = new Compressors();
        ServerWebSocket session = new ServerWebSocket(socket, limits, null, null, deflate, compressors);
        new WebSocketConnection(socket, in, limits, listener, session, deflate != null, compressors, () -> false).run();
        return new Result(recorder.events, socket.written.toByteArray(), socket.closed, socket.outputShut);
    }

    static Result whole(byte[] input) throws IOException {
        return run(input, new int[0], Limits.defaults(), null);
    }

    /** A listener that writes down every call, and echoes messages when asked to. */
    static final class Recorder implements WebSocketListener {
        final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        private final boolean echo;

        Recorder(boolean echo) {
            this.echo = echo;
        }

        @Override
        public void onOpen(WebSocketSession session) {
            events.add("open");
        }

        @Override
        public void onText(WebSocketSession session, String message) throws IOException {
            events.add(describe(message));
            if (echo) {
                session.sendText(message);
            }
        }

        @Override
        public void onBinary(WebSocketSession session, byte[] message) throws IOException {
            events.add(describe(message));
            if (echo) {
                session.sendBinary(message);
            }
        }

        @Override
        public void onPong(WebSocketSession session, byte[] payload) {
            events.add("pong:" + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void onClose(WebSocketSession session, int code, String reason) {
            events.add("close:" + code + ":" + reason);
        }

        @Override
        public void onError(WebSocketSession session, Throwable error) {
            events.add("error:" + error.getClass().getSimpleName());
        }

        static String describe(String text) {
            return text.length() <= 64 ? "text:" + text : "text:" + text.length() + " chars, hash " + text.hashCode();
        }

        static String describe(byte[] b) {
            return b.length <= 32 ? "binary:" + HexFormat.of().formatHex(b)
                    : "binary:" + b.length + " bytes, hash " + java.util.Arrays.hashCode(b);
        }
    }

    /** A socket that is only an output buffer and a closed flag. */
    static final class MemorySocket extends Socket {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        volatile boolean closed;
        volatile boolean outputShut;

        @Override
        public OutputStream getOutputStream() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (closed || outputShut) {
                        throw new SocketException("Socket closed");
                    }
                    written.write(b, off, len);
                }
            };
        }

        @Override
        public java.io.InputStream getInputStream() {
            return java.io.InputStream.nullInputStream(); // the frame loop reads through its InputBuffer
        }

        @Override
        public void shutdownOutput() {
            outputShut = true;
        }

        @Override
        public synchronized void close() {
            closed = true;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return new InetSocketAddress("127.0.0.1", 40_000);
        }
    }
}
