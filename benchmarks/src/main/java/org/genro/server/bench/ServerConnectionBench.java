package org.genro.server.bench;

import java.io.IOException;
import org.genro.http.bench.ConnectionBench;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.AsgiServer;

/**
 * {@code ConnectionBench} with the whole server behind the socket instead of a handler of
 * the engine's own: the load test's {@code /plaintext} route of a routing class mounted as
 * the main app, with the middleware a config without a {@code middleware} section gives
 * (less the access log, which the load test switches off too). Against
 * {@code ConnectionBench} in the same run at a depth of 256 (where the work per request
 * outweighs the round trip), the difference divided by the depth is the server's own share
 * of the pipelined load test, measured without wrk sharing the cores; with {@code -prof gc},
 * the bytes the server adds to the engine's. Its settings, client and benchmark method are
 * {@code ConnectionBench}'s own; only the server differs.
 */
public class ServerConnectionBench extends ConnectionBench {
    /** The load test's text route. */
    public static class Bench extends RoutingClass {
        @Route(methods = {"GET"})
        public String plaintext() {
            return "Hello, World!";
        }
    }

    private AsgiServer server;

    @Override
    protected int start() throws IOException {
        server = AsgiServer.builder().host("127.0.0.1").port(0).mount("bench", new Bench()).mainApp("bench")
                .middleware("logging", false).start();
        return server.port();
    }

    @Override
    protected void stop() {
        server.close();
    }
}
