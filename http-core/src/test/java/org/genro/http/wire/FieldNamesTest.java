package org.genro.http.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Known field names come back as the shared constants whatever their case, since framing
 * compares them by identity; anything else, however close, comes back as sent.
 */
class FieldNamesTest {
    private static final List<String> SOME_KNOWN = List.of("Host", "Content-Length", "Transfer-Encoding",
            "Connection", "Expect", "Upgrade", "Accept", "Cookie", "User-Agent", "Sec-CH-UA-Platform",
            "Sec-WebSocket-Extensions", "X-Forwarded-For", "TE", "DNT", "Upgrade-Insecure-Requests");

    private static String named(String name) throws ProtocolException {
        String value = switch (name.toLowerCase(Locale.ROOT)) { // framing fields need valid values
            case "content-length" -> "0";
            case "transfer-encoding" -> "chunked";
            case "expect" -> "100-continue";
            default -> "x";
        };
        String host = name.equalsIgnoreCase("Host") ? "" : "Host: x\r\n";
        byte[] head = ("GET / HTTP/1.1\r\n" + name + ": " + value + "\r\n" + host + "\r\n").getBytes(ISO_8859_1);
        return new HeadParser(8192, 100).parse(head, 0, head.length).name(0);
    }

    @Test
    void aKnownNameInAnyCaseIsTheSharedConstant() throws ProtocolException {
        for (String known : SOME_KNOWN) {
            for (String spelled : List.of(known, known.toLowerCase(Locale.ROOT), known.toUpperCase(Locale.ROOT))) {
                assertSame(known, named(spelled), spelled);
            }
        }
    }

    @Test
    void aNameThatOnlyLooksCloseIsKeptAsSent() throws ProtocolException {
        // same length and letters but one token character apart, a prefix, and a fold
        // that the hash makes equal ('^' and '~') but the compare does not
        for (String other : List.of("Hos~", "Host-", "Hos", "Cookie^", "X-Custom-Field", "Accep^", "Accep~")) {
            String got = named(other);
            assertEquals(other, got);
            assertNotSame("Host", got);
        }
    }
}
