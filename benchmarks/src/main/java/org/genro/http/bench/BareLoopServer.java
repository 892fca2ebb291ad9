package org.genro.http.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The load-test baseline: a virtual thread per connection that answers every read
 * with one canned plaintext response and parses nothing. No real server can be faster
 * on the same socket API; the engine is measured against it in the same session.
 * {@code java -cp benchmarks/target/benchmarks.jar org.genro.http.bench.BareLoopServer 8081}.
 */
public final class BareLoopServer {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n"
            + "Date: Mon, 30 Nov 2026 00:00:00 GMT\r\n\r\nHello, World!").getBytes(StandardCharsets.US_ASCII);

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

    /** One canned response per read: right for one request per read, as wrk sends without pipelining. */
    private static void serve(Socket s) {
        byte[] buf = new byte[8192];
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (in.read(buf) > 0) {
                out.write(RESPONSE);
            }
        } catch (Exception e) {
            // client gone
        }
    }
}
