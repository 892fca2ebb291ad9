package org.genro.http.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The benchmark client counts answers by their body's end, so a count must not depend on
 * where the reads cut the stream, and a body that could match inside itself is refused.
 */
class PipelinedClientTest {
    private static final byte[] THREE = ("HTTP/1.1 200 OK\r\nX-Request-Id: a-9\r\nContent-Length: 13\r\n\r\nHello, World!"
            + "HTTP/1.1 200 OK\r\nX-Request-Id: a-10\r\nContent-Length: 13\r\n\r\nHello, World!"
            + "HTTP/1.1 200 OK\r\nX-Request-Id: HHello, World\r\nContent-Length: 13\r\n\r\nHello, World!")
            .getBytes(StandardCharsets.US_ASCII);

    /** Every single cut and every pair of cuts gives three, and so does one byte at a time. */
    @Test
    void countsTheSameWhereverTheReadsCut() {
        for (int a = 0; a <= THREE.length; a++) {
            assertEquals(3, count(a), "cut at " + a);
            for (int b = a; b <= THREE.length; b += 7) {
                assertEquals(3, count(a, b), "cut at " + a + " and " + b);
            }
        }
        int[] every = new int[THREE.length - 1];
        Arrays.setAll(every, i -> i + 1);
        assertEquals(3, count(every));
    }

    /** A partial match broken by the body's first byte starts a new match there. */
    @Test
    void aBrokenMatchRestartsAtTheBodysFirstByte() {
        byte[] b = "HelHello, World!".getBytes(StandardCharsets.US_ASCII);
        assertEquals(1, new PipelinedClient.Ends("Hello, World!").count(b, b.length));
    }

    @Test
    void aBodyThatCouldBeginAgainInsideItselfIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PipelinedClient.Ends("abcab"));
        assertThrows(IllegalArgumentException.class, () -> new PipelinedClient.Ends("aa"));
        assertThrows(IllegalArgumentException.class, () -> new PipelinedClient.Ends(""));
    }

    private static int count(int... cuts) {
        PipelinedClient.Ends ends = new PipelinedClient.Ends("Hello, World!");
        int found = 0;
        int from = 0;
        int[] bounds = Arrays.copyOf(cuts, cuts.length + 1);
        bounds[cuts.length] = THREE.length;
        for (int end : bounds) {
            found += ends.count(Arrays.copyOfRange(THREE, from, end), end - from);
            from = end;
        }
        return found;
    }
}
