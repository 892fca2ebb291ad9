package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Header lists, and the read-only view a response hands out of its own. */
class HeadersTest {

    @Test
    void removeTakesEveryFieldOfTheNameInAnyCaseAndKeepsTheOthersInOrder() {
        Headers h = new Headers().add("Vary", "a").add("X", "1").add("vary", "b").add("Y", "2").add("VARY", "c");
        assertEquals(0, h.remove("Z"), "no such field");
        assertEquals("Headers[Vary: a, X: 1, vary: b, Y: 2, VARY: c]", h.toString());
        assertEquals(3, h.remove("Vary"));
        assertEquals("Headers[X: 1, Y: 2]", h.toString());
        assertEquals(1, h.remove("y"));
        assertEquals(1, h.remove("X"));
        assertEquals(0, h.size());
        h.add("A", "1").add("B", "2");
        assertEquals(1, h.remove("B"), "the last one");
        assertEquals("Headers[A: 1]", h.toString());
    }

    @Test
    void aReadOnlyViewShowsLaterChangesAndRefusesItsOwn() {
        Headers source = new Headers().add("A", "1");
        Headers view = Headers.readOnlyView(source);
        source.add("B", "2").set("A", "3");
        assertEquals(2, view.size());
        assertEquals("3", view.first("a"));
        assertEquals(List.of("2"), view.all("B"));
        assertEquals("B", view.name(0));
        assertEquals("Headers[B: 2, A: 3]", view.toString());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> view.add("C", "4"));
        assertTrue(e.getMessage().contains("Response.header"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> view.set("A", "5"));
        assertThrows(UnsupportedOperationException.class, () -> view.remove("A"));
        assertThrows(UnsupportedOperationException.class, view::clear);
        assertThrows(UnsupportedOperationException.class, () -> Headers.readOnlyView(view).add("C", "4"));
        assertEquals(2, Headers.readOnlyView(view).size());
    }

    /** A handler added Transfer-Encoding through the live list next to the engine's Content-Length. */
    @Test
    void aHandlerCannotWriteAFramingFieldThroughTheHeaderList() throws IOException {
        try (HttpServer server = TestServers.start(); RawClient c = new RawClient(server.port())) {
            RawClient.Reply r = c.send("GET /framing HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertEquals(500, r.status());
            assertNull(r.header("Transfer-Encoding"));
            assertEquals(200, c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            server.stop(Duration.ofSeconds(1));
        }
    }
}
