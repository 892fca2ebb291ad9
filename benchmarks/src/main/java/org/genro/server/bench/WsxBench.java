package org.genro.server.bench;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.genro.http.Headers;
import org.genro.http.Request;
import org.genro.http.Response;
import org.genro.http.WebSocketListener;
import org.genro.http.WebSocketSession;
import org.genro.server.AsgiServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One WSX call without a socket: the text message as the engine hands it over, parsed,
 * run on its own virtual thread through the same pipeline as {@link DispatchBench}'s
 * request (one entry, typed path parameter, small map result), the reply encoded and
 * handed to the session. The difference from {@code DispatchBench.dispatch} is what WSX
 * adds: the message format, the per-call thread and the outbox.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WsxBench {
    static final int BATCH = 64;
    private static final String CALL = "WSX://{\"id\":1,\"method\":\"GET\",\"path\":\"/api/item/42\"}";

    private AsgiServer server;
    private WebSocketListener listener;
    private Sink session;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = AsgiServer.builder().mount("api", new DispatchBench.Api()).build();
        Headers h = new Headers().add("Host", "localhost:8000").add("Upgrade", "websocket").add("Connection", "Upgrade")
                .add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").add("Sec-WebSocket-Version", "13");
        MemoryRequest handshake = new MemoryRequest("/_wsx", "", h);
        Switch response = new Switch();
        server.wsx().accept(handshake, response);
        listener = response.listener;
        session = new Sink(handshake);
        listener.onOpen(session);
        String reply = call();
        if (!reply.contains("\"status\":200")) {
            throw new IllegalStateException("setup call failed: " + reply);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        listener.onClose(session, 1000, "");
        server.close();
    }

    /**
     * One call in, its reply out: the latency of a lone call, which is mostly the two
     * thread hand-offs (to the call's virtual thread, back to the waiting thread).
     */
    @Benchmark
    public String call() throws Exception {
        listener.onText(session, CALL);
        return session.replies.take();
    }

    /**
     * {@value #BATCH} calls in, then their replies, as a client with many calls in flight
     * sends them: the cost of one call when the hand-offs overlap, per call.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public String batch() throws Exception {
        for (int i = 0; i < BATCH; i++) {
            listener.onText(session, CALL);
        }
        String last = null;
        for (int i = 0; i < BATCH; i++) {
            last = session.replies.take();
        }
        return last;
    }

    /** A session that keeps what is sent for the benchmark thread to take. */
    static final class Sink implements WebSocketSession {
        final BlockingQueue<String> replies = new ArrayBlockingQueue<>(BATCH);
        private final Request handshake;

        Sink(Request handshake) {
            this.handshake = handshake;
        }

        @Override public void sendText(String message) { replies.add(message); }
        @Override public void sendBinary(byte[] message) { }
        @Override public void sendBinary(byte[] message, int off, int len) { }
        @Override public void ping(byte[] payload) { }
        @Override public void close(int code, String reason) { }
        @Override public void abort() { }
        @Override public boolean isOpen() { return true; }
        @Override public String subprotocol() { return null; }
        @Override public String extensions() { return ""; }
        @Override public Request request() { return handshake; }
        @Override public InetSocketAddress remoteAddress() { return handshake.remoteAddress(); }
    }

    /** A response that only records the listener an upgrade hands it. */
    static final class Switch implements Response {
        WebSocketListener listener;
        private final Headers headers = new Headers();

        @Override
        public boolean upgrade(WebSocketListener l, String subprotocol) {
            listener = l;
            return true;
        }

        @Override public Response status(int code) { throw new IllegalStateException("refused: " + code); }
        @Override public int status() { return 101; }
        @Override public Response header(String name, String value) { return this; }
        @Override public Response addHeader(String name, String value) { return this; }
        @Override public Headers headers() { return headers; }
        @Override public void send() { }
        @Override public void send(byte[] body) { }
        @Override public void send(byte[] body, int off, int len) { }
        @Override public void send(String text) { }
        @Override public OutputStream stream() { return OutputStream.nullOutputStream(); }
        @Override public boolean committed() { return false; }
    }
}
