package org.genro.http.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds many keep-alive connections open and idle, as browsers and pools do between
 * requests: each connects, sends one request, reads its whole response and then waits.
 * When all are idle it prints {@code idle <n>} and waits for a line on standard input (or
 * ten minutes), then closes them. The load script reads the server's memory meanwhile.
 *
 * <pre>java -cp benchmarks.jar org.genro.http.bench.IdleClient 8000 /hello/ 10000</pre>
 */
public final class IdleClient {
    private IdleClient() {
    }

    /** Opens the connections, reports, waits, closes. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        int count = Integer.parseInt(args[2]);
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUser-Agent: idle-client\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<Socket> open = new ArrayList<>(count);
        AtomicInteger failed = new AtomicInteger();
        Semaphore connecting = new Semaphore(256); // no accept-queue overflow from a burst of connects
        List<Thread> threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            connecting.acquire();
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                    s.setSoTimeout(30_000);
                    s.getOutputStream().write(request);
                    readResponse(s.getInputStream());
                    synchronized (open) {
                        open.add(s);
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                } finally {
                    connecting.release();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("idle " + open.size() + (failed.get() > 0 ? " failed " + failed.get() : ""));
        System.out.flush();
        Thread waiter = Thread.ofPlatform().daemon().start(() -> {
            try {
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
            } catch (IOException e) {
                // closed: stop waiting
            }
        });
        waiter.join(TimeUnit.MINUTES.toMillis(10));
        for (Socket s : open) {
            s.close();
        }
    }

    /** Reads one response with a Content-Length body; throws if the connection ends first. */
    private static void readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the response's head ended");
            }
            head.append((char) b);
        }
        int at = head.toString().toLowerCase().indexOf("content-length:");
        long length = at < 0 ? 0 : Long.parseLong(head.substring(at + 15, head.indexOf("\r\n", at)).strip());
        if (!head.toString().startsWith("HTTP/1.1 200")) {
            throw new IOException("not a 200: " + head.substring(0, head.indexOf("\r\n")));
        }
        for (long left = length; left > 0; left--) {
            if (in.read() < 0) {
                throw new IOException("closed before the body ended");
            }
        }
    }
}
