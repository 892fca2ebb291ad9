package org.genro.http.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Time from starting a server process to its first 200: the clock starts just before the
 * process is spawned, then a raw GET is tried every millisecond until one is answered
 * {@code 200}. Runs the command several times and prints each time, the minimum and the
 * median. The server's output goes to a file so that a full pipe never slows it.
 *
 * <pre>java -cp benchmarks.jar org.genro.http.bench.StartTimer 5 8000 /hello/ java -jar server.jar dir --port 8000</pre>
 */
public final class StartTimer {
    private StartTimer() {
    }

    /** Args: runs, port, path, then the server's command line. */
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        int port = Integer.parseInt(args[1]);
        String path = args[2];
        List<String> command = Arrays.asList(args).subList(3, args.length);
        long[] millis = new long[runs];
        for (int i = 0; i < runs; i++) {
            millis[i] = once(command, port, path);
            System.out.println("run " + (i + 1) + ": " + millis[i] + " ms");
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.println("start to first 200: min " + sorted[0] + " ms, median " + sorted[runs / 2] + " ms");
    }

    private static long once(List<String> command, int port, String path) throws Exception {
        File log = File.createTempFile("genro-start", ".log");
        log.deleteOnExit();
        long t0 = System.nanoTime();
        Process server = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(log).start();
        try {
            long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("the server exited: see " + log);
                }
                if (ok(port, path)) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                }
                Thread.sleep(1);
            }
            throw new IllegalStateException("no 200 within 60 s");
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    private static boolean ok(int port, String path) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 100);
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] status = in.readNBytes(12);
            return new String(status, StandardCharsets.US_ASCII).equals("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }
}
