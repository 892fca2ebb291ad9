package org.genro.http;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.genro.http.wire.HeadParser;

/**
 * An HTTP/1.1 server: a platform thread accepts connections and hands each to its own
 * virtual thread, which parses, calls the {@link Handler} and writes, all with
 * blocking I/O. One sweeper thread enforces every timeout.
 *
 * <pre>{@code
 * try (HttpServer server = HttpServer.builder()
 *         .port(0)
 *         .handler((req, res) -> res.send("hello\n"))
 *         .start()) {
 *     System.out.println("listening on " + server.port());
 * }
 * }</pre>
 *
 * <p>{@link #close()} shuts down in order: stop accepting, close idle connections, let
 * requests in flight finish until the grace period ends, then close the rest. Open
 * WebSockets are sent a close 1001 and have the same grace period for their closing
 * handshake; they count toward {@link Limits#maxConnections()} like any connection.
 */
public final class HttpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.genro.http.server");
    private static final byte[] OVERLOADED = ("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n"
            + "Content-Length: 0\r\nRetry-After: 1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final Limits limits;
    private final Handler handler;
    private final HeadParser parser;
    private final Duration shutdownGrace;
    private final ServerSocket listener;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private final Thread acceptor;
    private final Thread sweeper;
    private final Faults faults;
    /** permessage-deflate's compressors, or null when the builder does not allow it. */
    private final Compressors compressors;
    private volatile boolean draining;
    /** Given to every connection, so that none makes its own: see {@link Watch#timeouts}. */
    final long[] timeouts;
    /** Whether the server is stopping, as each connection's input asks it; one for all of them. */
    final BooleanSupplier stopping = this::draining;
    /** Counted by each connection as it reads and writes; a LongAdder, so no connection waits on another. */
    final LongAdder bytesRead = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();

    private HttpServer(Builder b) throws IOException {
        this.limits = b.limits;
        this.handler = b.handler;
        this.parser = new HeadParser(limits.requestLine(), limits.headerCount());
        this.timeouts = Watch.timeouts(limits);
        this.shutdownGrace = b.shutdownGrace;
        this.faults = b.faults;
        this.compressors = b.webSocketDeflate ? new Compressors() : null;
        // Plain sockets come from a channel so that a file can go to them with transferTo
        // (sendfile); the adaptor keeps the blocking Socket API the connection is written
        // against. TLS needs the SSLSocket layer, which has no channel.
        ServerSocket socket = b.sslContext == null ? ServerSocketChannel.open().socket()
                : b.sslContext.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(b.host), b.port), b.backlog);
        this.listener = socket;
        this.acceptor = Thread.ofPlatform().name("http-accept-" + port()).daemon(false).unstarted(this::acceptLoop);
        this.sweeper = Thread.ofPlatform().name("http-sweep-" + port()).daemon(true).unstarted(this::sweepLoop);
        acceptor.start();
        sweeper.start();
    }

    /** A builder with default {@link Limits}, host 127.0.0.1 and port 8000. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (the real one when built with port 0). */
    public int port() {
        return listener.getLocalPort();
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** The limits in force. */
    public Limits limits() {
        return limits;
    }

    /** Connections open right now. */
    public int connectionCount() {
        return connections.size();
    }

    /** Open connections that have switched to WebSocket; counted when asked (a metrics scrape). */
    public int webSocketCount() {
        int n = 0;
        for (Connection c : connections) {
            if (c.webSocket()) {
                n++;
            }
        }
        return n;
    }

    /** Bytes read from every socket since start, WebSocket frames included. */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /** Bytes written to every socket since start (files sent by transferTo included). */
    public long bytesWritten() {
        return bytesWritten.sum();
    }

    /** Shuts down with the builder's grace period (10 seconds unless changed). */
    @Override
    public void close() {
        stop(shutdownGrace);
    }

    /**
     * Stops accepting, closes idle connections, waits up to {@code grace} for requests
     * in flight, then closes what is left. Returns whether everything finished in time.
     */
    public boolean stop(Duration grace) {
        draining = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the listener failed", e);
        }
        connections.forEach(Connection::closeIfIdle);
        boolean clean = awaitConnections(grace);
        if (!clean) {
            LOG.log(Level.WARNING, connections.size() + " connections still open after " + grace + "; closing them");
            connections.forEach(Connection::closeQuietly);
            awaitConnections(Duration.ofSeconds(1));
        }
        joinQuietly(acceptor);
        sweeper.interrupt();
        return clean;
    }

    /** Blocks until the server has been stopped and its accept loop has ended. */
    public void join() throws InterruptedException {
        acceptor.join();
    }

    private boolean awaitConnections(Duration grace) {
        // any grace past a year is as good as for ever, and keeps the sum from overflowing
        long deadline = System.nanoTime() + Math.min(grace.toSeconds(), TimeUnit.DAYS.toSeconds(365)) * 1_000_000_000L
                + grace.toNanosPart();
        lock.lock();
        try {
            while (!connections.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                drained.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return connections.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Accepts until the server drains. Nothing but the shutdown ends it: any failure,
     * an Error included, is logged and retried after a growing pause, because a dead
     * accept loop would leave the port open and every new client unanswered.
     */
    private void acceptLoop() {
        long ids = 0;
        long pause = 0;
        while (!draining) {
            Socket socket = null;
            try {
                socket = listener.accept();
                faults.accepting(socket);
                admit(socket, ids++);
                pause = 0;
            } catch (Throwable t) {
                if (draining) {
                    break; // the listener was closed to stop us
                }
                if (socket != null) {
                    closeQuietly(socket);
                }
                pause = backOff(pause); // e.g. out of file descriptors: do not spin on the error
                LOG.log(Level.ERROR, "accepting a connection failed; retrying in "
                        + TimeUnit.NANOSECONDS.toMillis(pause) + " ms", t);
                LockSupport.parkNanos(pause);
            }
        }
    }

    /** Hands an accepted socket to a connection on its own virtual thread, or refuses it. */
    private void admit(Socket socket, long id) {
        try {
            socket.setTcpNoDelay(true); // our own buffering coalesces writes: no need to wait for ACKs
        } catch (IOException e) {
            closeQuietly(socket); // the client is already gone: nothing wrong with the loop
            return;
        }
        if (connections.size() >= limits.maxConnections()) {
            Thread.ofVirtual().start(() -> refuse(socket));
            return;
        }
        Connection c = new Connection(this, socket);
        connections.add(c);
        try {
            Thread.ofVirtual().name("http-", id).start(c);
        } catch (RuntimeException | Error e) {
            connections.remove(c);
            throw e;
        }
    }

    /**
     * Over the connection limit: a 503 and close, on a virtual thread of its own. A TLS
     * socket is closed without a word: answering would first need a handshake, which a
     * client that never speaks could hold open forever.
     */
    private static void refuse(Socket socket) {
        try (socket) {
            if (!(socket instanceof javax.net.ssl.SSLSocket)) {
                socket.getOutputStream().write(OVERLOADED); // fits the send buffer: never blocks
            }
        } catch (IOException e) {
            // the client is gone
        }
    }

    /**
     * One thread enforces every deadline, instead of a timer per blocking read. Only an
     * interrupt (at shutdown) ends it: a failure is logged and the next sweep comes
     * after a growing pause, because without the sweeper no timeout would ever fire.
     */
    private void sweepLoop() {
        // a loop over nanoseconds, not a stream of Durations: Duration.dividedBy goes through
        // BigDecimal, and the two set up a dozen classes on a new server's second core
        long min = Long.MAX_VALUE;
        for (long n : new long[] {limits.headTimeout().toNanos(), limits.idleTimeout().toNanos(),
                limits.bodyTimeout().toNanos(), limits.writeTimeout().toNanos(), limits.wsIdleTimeout().toNanos() / 2,
                limits.wsCloseTimeout().toNanos()}) {
            if (n > 0) {
                min = Math.min(min, n);
            }
        }
        if (min == Long.MAX_VALUE) {
            min = TimeUnit.SECONDS.toNanos(4);
        }
        long period = Math.clamp(min / 4, TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(1));
        long pause = 0;
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(period + pause);
            try {
                faults.sweeping();
                sweep(System.nanoTime());
                pause = 0;
            } catch (Throwable t) {
                pause = backOff(pause);
                LOG.log(Level.ERROR, "sweeping timeouts failed; next sweep in "
                        + TimeUnit.NANOSECONDS.toMillis(period + pause) + " ms", t);
            }
        }
    }

    /** Wakes every connection past its deadline; one that fails does not stop the others. */
    private void sweep(long now) {
        for (Connection c : connections) {
            try {
                c.sweep(now);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "timing out a connection failed", e);
                c.closeQuietly();
            }
        }
    }

    /** The pause after another failure in a row: 100 ms, doubling up to a second. */
    private static long backOff(long previous) {
        long first = TimeUnit.MILLISECONDS.toNanos(100);
        return previous == 0 ? first : Math.min(previous * 2, TimeUnit.SECONDS.toNanos(1));
    }

    void closed(Connection c) {
        connections.remove(c);
        if (draining) {
            lock.lock();
            try {
                drained.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    boolean draining() {
        return draining;
    }

    HeadParser parser() {
        return parser;
    }

    /** permessage-deflate's compressors, or null when WebSocket compression is off. */
    Compressors compressors() {
        return compressors;
    }

    Handler handler() {
        return handler;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Where tests make the accept loop and the sweeper fail, to prove that nothing but
     * the shutdown stops them. Production servers use {@link #NONE}.
     */
    interface Faults {
        /** Injects nothing. */
        Faults NONE = new Faults() {
        };

        /** Called with each accepted socket before it becomes a connection. */
        default void accepting(Socket socket) {
        }

        /** Called before each sweep of the deadlines. */
        default void sweeping() {
        }
    }

    /** Configures and starts an {@link HttpServer}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8000;
        private int backlog = 8192;
        private Handler handler;
        private Limits limits = Limits.defaults();
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private SSLContext sslContext;
        private Faults faults = Faults.NONE;
        private boolean webSocketDeflate = true;

        private Builder() {
        }

        /** Installs failures to inject; tests only. */
        Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** The address to bind, e.g. {@code 0.0.0.0}; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to bind; 0 picks a free one ({@link HttpServer#port()} tells which). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The listen backlog (Linux caps it at net.core.somaxconn); default 8192. */
        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /** The handler for every request. Required. */
        public Builder handler(Handler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** The limits; default {@link Limits#defaults()}. */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** How long {@link HttpServer#close()} waits for requests in flight; default 10 s. */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /**
         * Whether WebSocket handshakes may agree to permessage-deflate when the client
         * offers it; default true. Compression costs CPU, and zlib memory for each message
         * being compressed or inflated: every agreement rules out context takeover, so
         * deflaters and inflaters are pooled per server rather than held per connection.
         */
        public Builder webSocketDeflate(boolean allowed) {
            this.webSocketDeflate = allowed;
            return this;
        }

        /** Serves HTTPS with this TLS context. */
        public Builder tls(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** Serves HTTPS with the key and certificate chain of a PKCS#12 keystore. */
        public Builder tls(Path keystore, char[] password) throws IOException {
            this.sslContext = sslContext(keystore, password);
            return this;
        }

        /** Binds the port and starts serving. */
        public HttpServer start() throws IOException {
            if (handler == null) {
                throw new IllegalStateException("a handler is required");
            }
            return new HttpServer(this);
        }

        private static SSLContext sslContext(Path keystore, char[] password) throws IOException {
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, password);
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, password);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                return ctx;
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot use keystore " + keystore + ": " + e.getMessage(), e);
            }
        }
    }
}
