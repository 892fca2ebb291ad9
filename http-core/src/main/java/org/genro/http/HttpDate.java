package org.genro.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Date: ...\r\n} line (RFC 9110 §6.6.1), encoded once per second. The hot
 * path reads the clock and one volatile field; whichever thread first sees a new
 * second re-encodes it (racing threads produce the same bytes).
 */
final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private record Line(long second, byte[] bytes) {
    }

    private static volatile Line current = encode(System.currentTimeMillis() / 1000);

    private HttpDate() {
    }

    /** The header line for the current second, CRLF included. */
    static byte[] line() {
        long now = System.currentTimeMillis() / 1000;
        Line l = current;
        if (l.second != now) {
            l = encode(now);
            current = l;
        }
        return l.bytes;
    }

    /** IMF-fixdate; RFC_1123 omits the leading zero of single-digit days, so pad it. */
    static String format(long epochSecond) {
        String s = IMF_FIXDATE.format(Instant.ofEpochSecond(epochSecond));
        return s.charAt(6) == ' ' ? s.substring(0, 5) + "0" + s.substring(5) : s;
    }

    private static Line encode(long second) {
        return new Line(second, ("Date: " + format(second) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
