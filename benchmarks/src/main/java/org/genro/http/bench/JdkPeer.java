package org.genro.http.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The JDK's own {@code com.sun.net.httpserver} on virtual threads, as a load-test peer:
 * {@code /plaintext} a 13-byte text, {@code /json} a one-entry object written by hand.
 * {@code java -cp benchmarks/target/benchmarks.jar org.genro.http.bench.JdkPeer 8083}.
 */
public final class JdkPeer {
    private static final byte[] TEXT = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON = "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.US_ASCII);

    private JdkPeer() {
    }

    /** Serves until the process is stopped. */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8083;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 8192);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/plaintext", exchange -> answer(exchange, "text/plain", TEXT));
        server.createContext("/json", exchange -> answer(exchange, "application/json", JSON));
        server.start();
        System.err.println("jdk httpserver on http://127.0.0.1:" + port + "/");
    }

    private static void answer(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
