package org.genro.http.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop WebSocket load client for loopback: each connection sends one message,
 * waits for the answer, and sends the next, on a virtual thread of its own with plain
 * blocking sockets, so the client costs little next to the server it measures. Prints
 * round trips per second and latency percentiles of the measured period (after a
 * warm-up), one line, for {@code benchmarks/load/ws.sh}.
 *
 * <pre>
 * java -cp benchmarks.jar org.genro.http.bench.WsLoadClient PORT PATH MODE CONNECTIONS WARMUP_S SECONDS
 *   MODE echo: a 32-byte text message, any answer counts
 *   MODE wsx:  a WSX call of GET /hello/greet (config-samples/hello), the answer must be a 200 reply
 * </pre>
 *
 * Offers no extension: compression would measure zlib, not the server.
 */
public final class WsLoadClient {
    private static final byte[] ECHO = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private WsLoadClient() {
    }

    /** Runs the load and prints one line of results. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        boolean wsx = args[2].equals("wsx");
        int connections = Integer.parseInt(args[3]);
        long warmup = TimeUnit.SECONDS.toNanos(Long.parseLong(args[4]));
        long measured = TimeUnit.SECONDS.toNanos(Long.parseLong(args[5]));

        List<long[]> samples = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch connected = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            long[][] mine = new long[1][];
            threads.add(Thread.ofVirtual().start(() -> {
                try (Socket socket = new Socket()) {
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                    OutputStream out = socket.getOutputStream();
                    handshake(in, out, port, path);
                    connected.countDown();
                    go.await();
                    mine[0] = loop(in, out, wsx, window);
                } catch (Exception e) {
                    errors.incrementAndGet();
                    connected.countDown();
                }
                synchronized (samples) {
                    if (mine[0] != null) {
                        samples.add(mine[0]);
                    }
                }
            }));
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("connections not open after 60 s");
        }
        long start = System.nanoTime();
        window[0] = start + warmup;
        window[1] = start + warmup + measured;
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        report(samples, errors.get(), connections, measured);
    }

    private static void handshake(InputStream in, OutputStream out, int port, String path) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.length() > 8192) {
                throw new EOFException("no handshake answer");
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head.toString().lines().findFirst().orElse(""));
        }
    }

    /** Round trips until the window ends; returns the latencies (ns) inside the window. */
    private static long[] loop(InputStream in, OutputStream out, boolean wsx, long[] window) throws IOException {
        long[] latencies = new long[4096];
        int n = 0;
        long id = 0;
        byte[] payload = new byte[0];
        while (true) {
            long now = System.nanoTime();
            if (now - window[1] >= 0) {
                return Arrays.copyOf(latencies, n);
            }
            if (wsx) {
                payload = ("WSX://{\"id\":" + (++id) + ",\"method\":\"GET\",\"path\":\"/hello/greet\","
                        + "\"query\":{\"name\":\"load\",\"times\":1}}").getBytes(StandardCharsets.US_ASCII);
            }
            out.write(frame(wsx ? payload : ECHO));
            byte[] answer = readFrame(in);
            long rtt = System.nanoTime() - now;
            if (wsx && !new String(answer, 0, Math.min(answer.length, 60), StandardCharsets.US_ASCII).contains("\"status\":200")) {
                throw new IOException("not a 200 reply: " + new String(answer, StandardCharsets.UTF_8));
            }
            if (now - window[0] >= 0) {
                if (n == latencies.length) {
                    latencies = Arrays.copyOf(latencies, n * 2);
                }
                latencies[n++] = rtt;
            }
        }
    }

    /** A masked text frame, as a client must send (RFC 6455 §5.3). */
    private static byte[] frame(byte[] payload) {
        int len = payload.length;
        int header = len < 126 ? 2 : 4;
        byte[] f = new byte[header + 4 + len];
        f[0] = (byte) 0x81;
        if (len < 126) {
            f[1] = (byte) (0x80 | len);
        } else {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (len >>> 8);
            f[3] = (byte) len;
        }
        int mask = ThreadLocalRandom.current().nextInt();
        for (int i = 0; i < 4; i++) {
            f[header + i] = (byte) (mask >>> (24 - 8 * i));
        }
        for (int i = 0; i < len; i++) {
            f[header + 4 + i] = (byte) (payload[i] ^ f[header + (i & 3)]);
        }
        return f;
    }

    private static byte[] readFrame(InputStream in) throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
            throw new EOFException("server closed");
        }
        if ((b0 & 0x0f) == 8) {
            throw new IOException("server sent close");
        }
        long len = b1 & 0x7f;
        if (len == 126) {
            len = (in.read() << 8) | in.read();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | in.read();
            }
        }
        byte[] payload = in.readNBytes((int) len);
        if (payload.length != len) {
            throw new EOFException("server closed inside a frame");
        }
        return (b0 & 0x80) == 0 ? concat(payload, readFrame(in)) : payload;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void report(List<long[]> samples, long errors, int connections, long measuredNanos) {
        long total = samples.stream().mapToLong(s -> s.length).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] s : samples) {
            System.arraycopy(s, 0, all, at, s.length);
            at += s.length;
        }
        Arrays.sort(all);
        double seconds = measuredNanos / 1e9;
        System.out.printf("conns %5d  round trips/s %9.0f  p50 %7.0f us  p99 %7.0f us  p99.9 %7.0f us  errors %d%n",
                connections, total / seconds, pct(all, 0.50), pct(all, 0.99), pct(all, 0.999), errors);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e3;
    }
}
