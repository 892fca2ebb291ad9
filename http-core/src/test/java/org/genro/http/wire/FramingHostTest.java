package org.genro.http.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A connection's heads, one after the other through the one {@link PartialHead} it keeps:
 * a Host sent again byte for byte gives the String checked before, and any other Host is
 * checked as if it came first, however close to the last one it is.
 */
class FramingHostTest {
    private final PartialHead connection = new HeadParser(8 * 1024, 100).partial();

    /** Feeds {@code head} line by line, as the connection's reader does, and finishes it. */
    private RequestHead read(String head) throws ProtocolException {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        connection.reset();
        int start = 0;
        while (true) {
            int end = head.indexOf('\n', start) + 1;
            if (connection.line(b, 0, start, end)) {
                return connection.finish(b, 0);
            }
            start = end;
        }
    }

    @Test
    void theSameHostAgainIsTheStringCheckedBefore() throws ProtocolException {
        RequestHead first = read("GET /a HTTP/1.1\r\nHost: example.com:8080\r\n\r\n");
        RequestHead second = read("GET /b HTTP/1.1\r\nHost: example.com:8080\r\n\r\n");
        assertEquals("example.com:8080", second.authority());
        assertSame(first.authority(), second.authority());
    }

    @Test
    void aHostOfTheSameLengthIsCheckedAgain() throws ProtocolException {
        read("GET / HTTP/1.1\r\nHost: a.b\r\n\r\n");
        ProtocolException e = assertThrows(ProtocolException.class, () -> read("GET / HTTP/1.1\r\nHost: a b\r\n\r\n"));
        assertEquals(Violation.HOST_INVALID, e.violation());
        RequestHead other = read("GET / HTTP/1.1\r\nHost: a.c\r\n\r\n");
        assertEquals("a.c", other.authority());
    }

    @Test
    void aRejectedHostIsNotRemembered() throws ProtocolException {
        assertThrows(ProtocolException.class, () -> read("GET / HTTP/1.1\r\nHost: a:99999x\r\n\r\n"));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> read("GET / HTTP/1.1\r\nHost: a:99999x\r\n\r\n"));
        assertEquals(Violation.HOST_INVALID, e.violation(), "the same bad bytes are refused again");
    }

    @Test
    void aHostNamedAgainAfterAnotherIsANewString() throws ProtocolException {
        RequestHead first = read("GET / HTTP/1.1\r\nHost: one.example\r\n\r\n");
        read("GET / HTTP/1.1\r\nHost: two.example\r\n\r\n");
        RequestHead third = read("GET / HTTP/1.1\r\nHost: one.example\r\n\r\n");
        assertEquals("one.example", third.authority());
        assertNotSame(first.authority(), third.authority(), "only the last Host is remembered");
    }
}
