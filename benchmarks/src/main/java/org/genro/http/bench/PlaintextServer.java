package org.genro.http.bench;

import java.nio.charset.StandardCharsets;
import org.genro.http.HttpServer;

/**
 * The engine alone behind the TechEmpower plaintext test, for load tools on loopback:
 * {@code java -cp benchmarks/target/benchmarks.jar org.genro.http.bench.PlaintextServer 8080}.
 * {@code /json} answers a one-entry object written by hand, every other path
 * {@code Hello, World!} as text/plain. Stops on SIGTERM.
 */
public final class PlaintextServer {
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON = "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.US_ASCII);

    private PlaintextServer() {
    }

    /** Serves until the process is stopped. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        HttpServer server = HttpServer.builder().host("127.0.0.1").port(port)
                .handler((req, res) -> {
                    if (req.path().equals("/json")) {
                        res.contentType("application/json").send(JSON);
                    } else {
                        res.contentType("text/plain").send(BODY);
                    }
                }).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.err.println("plaintext on http://127.0.0.1:" + server.port() + "/");
        server.join();
    }
}
