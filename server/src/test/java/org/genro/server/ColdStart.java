package org.genro.server;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.exchange.Reply;

/**
 * The other side of {@link ColdStartTest}: runs inside that test's own class loader, so
 * that what it loads is seen apart from everything else the test JVM has run. Talks to
 * the test through strings only, since the two sides see different copies of every
 * server class.
 */
public final class ColdStart {
    private static AsgiServer server;

    private ColdStart() {
    }

    /** An app with a text answer, a plain JSON one (a map) and one that takes Jackson (a record). */
    public static final class Answers extends RoutingClass {
        @Route
        public String text() {
            return "plain";
        }

        @Route
        public Map<String, Object> json() {
            return Map.of("value", 1);
        }

        /** A record result: Jackson writes it. */
        public record Item(int value) {
        }

        @Route
        public Item record() {
            return new Item(2);
        }
    }

    /** Builds a server in memory (its port is opened only by {@link #start}, on a free one). */
    public static void build() {
        server = AsgiServer.builder().port(0).mount("a", new Answers()).build();
    }

    /** Opens the server's port. */
    public static void start() throws IOException {
        server.start();
    }

    /** Whether the server has started Jackson's set-up: "true" or "false". */
    public static String warmUpStarted() {
        return Boolean.toString(server.jsonWarmUp() != null);
    }

    /** Waits for Jackson's set-up to end, once started: "true" when it has, "false" if not within 30 s. */
    public static String awaitWarmUp() throws InterruptedException {
        return Boolean.toString(server.jsonWarmUp().join(java.time.Duration.ofSeconds(30)));
    }

    /** Sends a GET of {@code path} to the open port: the status, a space, the body. */
    public static String fetch(String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 200".length()) + " "
                    + answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    /** Serves a GET of {@code path}: the status, a space, the body. */
    public static String get(String path) {
        Reply reply = server.handle(FakeRequest.get(path));
        return reply.status() + " " + new String(reply.body(), StandardCharsets.UTF_8);
    }

    /** Closes the server. */
    public static void close() {
        server.close();
    }
}
