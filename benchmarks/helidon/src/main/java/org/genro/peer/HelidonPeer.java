package org.genro.peer;

import io.helidon.webserver.WebServer;

/**
 * Helidon 4 SE answering the load script's two routes, as plainly as its API allows:
 * {@code /plaintext} a 13-byte text, {@code /json} a one-entry object written by hand (no
 * JSON library on either side of the comparison's bare peers).
 */
public final class HelidonPeer {
    private HelidonPeer() {
    }

    /** {@code HelidonPeer <port>}: serves until the process is stopped. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8082;
        WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(r -> r
                        .get("/plaintext", (req, res) -> {
                            res.header("Content-Type", "text/plain");
                            res.send("Hello, World!");
                        })
                        .get("/json", (req, res) -> {
                            res.header("Content-Type", "application/json");
                            res.send("{\"message\":\"Hello, World!\"}");
                        }))
                .build()
                .start();
        System.err.println("helidon on http://127.0.0.1:" + port + "/");
    }
}
