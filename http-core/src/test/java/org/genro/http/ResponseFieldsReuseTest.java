package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection's next response takes over the last one's list of fields, emptied: no field
 * of one response reaches the next, a list a handler asked to see stays its own, and a
 * response kept past its exchange shows no fields and takes none.
 */
@Timeout(30)
class ResponseFieldsReuseTest {
    private HttpServer server;
    private final BlockingQueue<Response> kept = new ArrayBlockingQueue<>(4);
    private final BlockingQueue<Headers> views = new ArrayBlockingQueue<>(4);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.builder().port(0).handler((req, res) -> {
            switch (req.path()) {
                case "/one" -> res.header("X-One", "1").header("X-Both", "one");
                case "/keep" -> kept.add(res.header("X-Kept", "yes"));
                case "/view" -> views.add(res.header("X-Viewed", "yes").headers());
                default -> res.header("X-Both", "two");
            }
            res.send("ok");
        }).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void noFieldOfAResponseReachesTheNextOnTheConnection() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n");
            RawClient.Reply one = c.read();
            assertEquals("1", one.header("X-One"));
            assertEquals("one", one.header("X-Both"));
            RawClient.Reply two = c.read();
            assertNull(two.header("X-One"));
            assertEquals("two", two.header("X-Both"));
            RawClient.Reply three = c.send("GET /one HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertEquals("one", three.header("X-Both"), "after a wait too");
            assertEquals("Content-Type: text/plain; charset=utf-8", "Content-Type: " + three.header("Content-Type"));
        }
    }

    @Test
    void aListAHandlerAskedToSeeStaysItsOwn() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET /view HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n");
            c.read();
            c.read();
            Headers view = views.take();
            assertEquals("yes", view.first("X-Viewed"));
            assertNull(view.first("X-Both"), "the next response's fields went to a list of its own");
        }
    }

    @Test
    void aResponseKeptPastItsExchangeShowsNoFieldsOnceTheNextBegins() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET /keep HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals("yes", c.read().header("X-Kept"));
            assertEquals("two", c.read().header("X-Both"));
            Response stale = kept.take();
            assertEquals(0, stale.headers().size(), "its list went to the next response");
            assertThrows(IllegalStateException.class, () -> stale.header("X-Late", "1"));
            assertThrows(IllegalStateException.class, () -> stale.send("late"));
        }
    }
}
