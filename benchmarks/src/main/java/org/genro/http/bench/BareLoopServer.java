package org.genro.http.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The load-test baseline: a virtual thread per connection that answers every request
 * with one canned plaintext response and parses nothing but where each request ends. No
 * real server can be faster on the same socket API; the engine is measured against it in
 * the same session, with and without pipelining.
 * {@code java -cp benchmarks/target/benchmarks.jar org.genro.http.bench.BareLoopServer 8081}.
 */
public final class BareLoopServer {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n"
            + "Date: Mon, 30 Nov 2026 00:00:00 GMT\r\n\r\nHello, World!").getBytes(StandardCharsets.US_ASCII);
    /** The most answers one write sends; more in one read go in several writes. */
    private static final int BATCH = 64;
    /** {@link #BATCH} copies of the response, so that any number up to it leaves in one write. */
    private static final byte[] RESPONSES = new byte[BATCH * RESPONSE.length];

    static {
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(RESPONSE, 0, RESPONSES, i * RESPONSE.length, RESPONSE.length);
        }
    }

    private BareLoopServer() {
    }

    /** Serves until the process is stopped. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8192);
            System.err.println("bare loop on http://127.0.0.1:" + port + "/");
            while (true) {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> serve(s));
            }
        }
    }

    /**
     * Counts the requests each read completes and answers them in one write. A request
     * ends at its first CRLF CRLF: right for the GETs without a body that load tools send,
     * pipelined or not. The ending may be cut between two reads.
     */
    private static void serve(Socket s) {
        byte[] buf = new byte[8192];
        int matched = 0;
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                int scanned = scan(buf, n, matched);
                matched = scanned & 3;
                for (int left = scanned >>> 2; left > 0; left -= BATCH) {
                    out.write(RESPONSES, 0, Math.min(left, BATCH) * RESPONSE.length);
                }
            }
        } catch (Exception e) {
            // client gone
        }
    }

    /**
     * Scans {@code b[0, n)}, whose stream so far ends with {@code matched} bytes of CRLF
     * CRLF (0-3). Returns four times the number of requests it ends, plus how much of
     * CRLF CRLF it leaves matched: two ints in one, so that the loop keeps no object of
     * its own.
     */
    static int scan(byte[] b, int n, int matched) {
        int requests = 0;
        for (int i = 0; i < n; i++) {
            if (b[i] == (matched % 2 == 0 ? '\r' : '\n')) {
                matched++;
                if (matched == 4) {
                    requests++;
                    matched = 0;
                }
            } else {
                matched = b[i] == '\r' ? 1 : 0;
            }
        }
        return requests << 2 | matched;
    }
}
