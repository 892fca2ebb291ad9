package org.genro.http.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The bare loop answers as many requests as each read completes: the count is right
 * however the reads cut the stream, an ending cut in two included.
 */
class BareLoopServerTest {
    private static final byte[] THREE = ("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"
            + "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n\r\n" // a stray CRLF does not end a request
            + "GET /plaintext HTTP/1.1\r\nHost: a\r\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    /** The requests counted when the stream arrives in reads ending at {@code cuts}. */
    private static int count(byte[] stream, int... cuts) {
        int requests = 0;
        int matched = 0;
        int from = 0;
        int[] ends = Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = stream.length;
        for (int end : ends) {
            int scanned = BareLoopServer.scan(Arrays.copyOfRange(stream, from, end), end - from, matched);
            requests += scanned >>> 2;
            matched = scanned & 3;
            from = end;
        }
        return requests;
    }

    @Test
    void countsPipelinedRequestsInOneRead() {
        assertEquals(3, count(THREE));
    }

    @Test
    void countsTheSameWhereverTheReadsCut() {
        for (int i = 0; i <= THREE.length; i++) {
            for (int j = i; j <= THREE.length; j++) {
                assertEquals(3, count(THREE, i, j), "cut at " + i + " and " + j);
            }
        }
    }

    @Test
    void countsNothingUntilTheEmptyLine() {
        byte[] head = "GET / HTTP/1.1\r\nHost: a\r\n\r".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0, BareLoopServer.scan(head, head.length, 0) >>> 2);
        assertEquals(3, BareLoopServer.scan(head, head.length, 0) & 3, "three bytes of the ending seen");
    }
}
