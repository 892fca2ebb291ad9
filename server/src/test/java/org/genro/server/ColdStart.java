package org.genro.server;

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

    /** An app with a text answer and a JSON one. */
    public static final class Answers extends RoutingClass {
        @Route
        public String text() {
            return "plain";
        }

        @Route
        public Map<String, Object> json() {
            return Map.of("value", 1);
        }
    }

    /** Builds a server in memory (its port is never opened). */
    public static void build() {
        server = AsgiServer.builder().mount("a", new Answers()).build();
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
