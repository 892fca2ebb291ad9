package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Touches every public type and method of {@code org.genro.http}, the way a tool that
 * embeds the engine would. A change to the public API breaks this file first, so it
 * shows up in review.
 */
class PublicApiTest {

    @Test
    void everyPublicMethodIsReachable() throws Exception {
        Limits limits = Limits.defaults().withRequestLine(4096).withHead(16384).withHeaderCount(50).withBody(1 << 16)
                .withHeadTimeout(Duration.ofSeconds(5)).withIdleTimeout(Duration.ofSeconds(5))
                .withBodyTimeout(Duration.ofSeconds(5)).withWriteTimeout(Duration.ofSeconds(5))
                .withMaxRequestsPerConnection(100).withMaxConnections(100).withDrain(1024);
        assertEquals(4096, limits.requestLine());
        Handler handler = (Request req, Response res) -> {
            List<Object> seen = List.of(req.method(), req.target(), req.path(), req.query(), req.version(),
                    req.authority(), req.headers(), req.contentLength(), req.hasBody(), req.body(), req.bodyLimit(),
                    req.trailers(), req.remoteAddress(), req.localAddress(), req.secure());
            req.bodyLimit(2048);
            String h = req.header("Host");
            byte[] body = req.bodyBytes();
            res.status(200).header("X-Seen", Integer.toString(seen.size())).addHeader("X-Host", h).contentType("text/plain");
            assertEquals(200, res.status());
            assertTrue(res.headers().contains("X-Seen"));
            assertTrue(!res.committed());
            if (body.length > 0) {
                res.send(body, 0, body.length);
            } else if (req.path().equals("/stream")) {
                try (OutputStream out = res.stream()) {
                    out.write('s');
                }
            } else if (req.path().equals("/bytes")) {
                res.send(new byte[] {'b'});
            } else if (req.path().equals("/empty")) {
                res.send();
            } else {
                res.send("text");
            }
        };
        try (HttpServer server = HttpServer.builder().host("127.0.0.1").port(0).backlog(64).limits(limits)
                .shutdownGrace(Duration.ofSeconds(1)).handler(handler).start()) {
            InetSocketAddress address = server.address();
            assertEquals(server.port(), address.getPort());
            assertEquals(limits, server.limits());
            for (String path : List.of("/stream", "/bytes", "/empty", "/text")) {
                try (RawClient c = new RawClient(server.port())) {
                    assertEquals(200, c.send("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n").read().status());
                }
            }
            assertTrue(server.connectionCount() >= 0);
            assertTrue(server.stop(Duration.ofSeconds(1)));
            server.join();
        }
        Headers headers = new Headers(2).add("A", "1").add("a", "2").set("B", "3");
        assertEquals(List.of("1", "2"), headers.all("a"));
        assertEquals("1", headers.first("A"));
        assertEquals("x", headers.first("missing", "x"));
        assertEquals("B", headers.name(2));
        assertEquals("3", headers.value(2));
        assertEquals(2, headers.remove("a"));
        assertEquals(1, headers.size());
        headers.clear();
        assertTrue(!headers.contains("B"));
        assertEquals(413, new BodyException(413, "too large").status());
    }
}
