package org.genro.http.bench;

import java.io.IOException;
import org.genro.http.HttpServer;
import org.genro.http.WebSocketListener;
import org.genro.http.WebSocketSession;

/**
 * The engine alone as a WebSocket echo server, the counterpart of node {@code ws}'s echo
 * in {@code benchmarks/load/ws.sh}:
 * {@code java -cp benchmarks/target/benchmarks.jar org.genro.http.bench.WsEchoServer 8090}.
 * Every path upgrades; each message comes back as it came. Stops on SIGTERM.
 */
public final class WsEchoServer {
    private WsEchoServer() {
    }

    /** Serves until the process is stopped. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        WebSocketListener echo = new WebSocketListener() {
            @Override
            public void onText(WebSocketSession session, String message) throws IOException {
                session.sendText(message);
            }

            @Override
            public void onBinary(WebSocketSession session, byte[] message) throws IOException {
                session.sendBinary(message);
            }
        };
        HttpServer server = HttpServer.builder().host("127.0.0.1").port(port).webSocketDeflate(false)
                .handler((req, res) -> res.upgrade(echo)).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.err.println("WebSocket echo on ws://127.0.0.1:" + server.port() + "/");
        server.join();
    }
}
