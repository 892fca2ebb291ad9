package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every limit has a documented largest value that the constructor enforces, and the
 * engine serves at those largest values without its arithmetic overflowing.
 */
class LimitsTest {

    /** A wither applied past its maximum must name its component and range. */
    private record Bound(String component, Function<Limits, Limits> atMax, Function<Limits, Limits> pastMax) {
    }

    private static final Limits ROOMY = Limits.defaults().withHead(Limits.MAX_HEAD);

    @Test
    void everyLimitAcceptsItsMaximumAndRefusesMoreNamingItself() {
        Duration tooLong = Limits.MAX_TIMEOUT.plusNanos(1);
        List<Bound> bounds = List.of(
                new Bound("requestLine", l -> l.withRequestLine(Limits.MAX_REQUEST_LINE), l -> l.withRequestLine(Limits.MAX_REQUEST_LINE + 1)),
                new Bound("head", l -> l.withHead(Limits.MAX_HEAD), l -> l.withHead(Limits.MAX_HEAD + 1)),
                new Bound("headerCount", l -> l.withHeaderCount(Limits.MAX_HEADER_COUNT), l -> l.withHeaderCount(Limits.MAX_HEADER_COUNT + 1)),
                new Bound("body", l -> l.withBody(Limits.MAX_BODY), l -> l.withBody(Limits.MAX_BODY + 1)),
                new Bound("headTimeout", l -> l.withHeadTimeout(Limits.MAX_TIMEOUT), l -> l.withHeadTimeout(tooLong)),
                new Bound("idleTimeout", l -> l.withIdleTimeout(Limits.MAX_TIMEOUT), l -> l.withIdleTimeout(tooLong)),
                new Bound("bodyTimeout", l -> l.withBodyTimeout(Limits.MAX_TIMEOUT), l -> l.withBodyTimeout(tooLong)),
                new Bound("writeTimeout", l -> l.withWriteTimeout(Limits.MAX_TIMEOUT), l -> l.withWriteTimeout(tooLong)),
                new Bound("maxRequestsPerConnection", l -> l.withMaxRequestsPerConnection(Integer.MAX_VALUE), l -> l.withMaxRequestsPerConnection(-1)),
                new Bound("maxConnections", l -> l.withMaxConnections(Limits.MAX_CONNECTIONS), l -> l.withMaxConnections(Limits.MAX_CONNECTIONS + 1)),
                new Bound("drain", l -> l.withDrain(Limits.MAX_DRAIN), l -> l.withDrain(Limits.MAX_DRAIN + 1)),
                new Bound("minBodyRate", l -> l.withMinBodyRate(Limits.MAX_RATE), l -> l.withMinBodyRate(Limits.MAX_RATE + 1)),
                new Bound("minWriteRate", l -> l.withMinWriteRate(Limits.MAX_RATE), l -> l.withMinWriteRate(Limits.MAX_RATE + 1)),
                new Bound("wsMessage", l -> l.withWsMessage(Limits.MAX_WS_MESSAGE), l -> l.withWsMessage(Limits.MAX_WS_MESSAGE + 1)),
                new Bound("wsIdleTimeout", l -> l.withWsIdleTimeout(Limits.MAX_TIMEOUT), l -> l.withWsIdleTimeout(tooLong)),
                new Bound("wsCloseTimeout", l -> l.withWsCloseTimeout(Limits.MAX_TIMEOUT), l -> l.withWsCloseTimeout(tooLong)));
        for (Bound b : bounds) {
            b.atMax().apply(ROOMY);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.pastMax().apply(ROOMY), b.component());
            assertTrue(e.getMessage().startsWith(b.component() + " must be "), e.getMessage());
            assertTrue(e.getMessage().contains(".."), e.getMessage());
        }
    }

    /** A request line limit of Integer.MAX_VALUE overflowed "+ 2" and made every request a 414. */
    @Test
    void limitsThatWouldOverflowAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ROOMY.withRequestLine(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> ROOMY.withHead(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> ROOMY.withBody(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> ROOMY.withBodyTimeout(Duration.ofDays(400 * 365)));
        assertThrows(IllegalArgumentException.class, () -> ROOMY.withRequestLine(1024).withHead(1025));
        assertThrows(IllegalArgumentException.class, () -> ROOMY.withBodyTimeout(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> ROOMY.withWriteTimeout(null));
        assertThrows(IllegalArgumentException.class, () -> ROOMY.withWsMessage(0), "a message of at least one byte");
        assertThrows(IllegalArgumentException.class, () -> ROOMY.withWsIdleTimeout(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> ROOMY.withWsCloseTimeout(null));
    }

    @Test
    void aServerAtEveryMaximumStillServes() throws IOException {
        Limits max = ROOMY.withRequestLine(Limits.MAX_REQUEST_LINE).withHeaderCount(Limits.MAX_HEADER_COUNT)
                .withBody(Limits.MAX_BODY).withHeadTimeout(Limits.MAX_TIMEOUT).withIdleTimeout(Limits.MAX_TIMEOUT)
                .withBodyTimeout(Limits.MAX_TIMEOUT).withWriteTimeout(Limits.MAX_TIMEOUT)
                .withMaxRequestsPerConnection(Integer.MAX_VALUE).withMaxConnections(Limits.MAX_CONNECTIONS)
                .withDrain(Limits.MAX_DRAIN).withMinBodyRate(Limits.MAX_RATE).withMinWriteRate(Limits.MAX_RATE)
                .withWsMessage(Limits.MAX_WS_MESSAGE).withWsIdleTimeout(Limits.MAX_TIMEOUT).withWsCloseTimeout(Limits.MAX_TIMEOUT);
        try (HttpServer server = TestServers.start(max, new TestServers.Gates()); RawClient c = new RawClient(server.port())) {
            // a head larger than the first buffer makes it grow toward the head limit
            String big = "GET /hello HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(40_000) + "\r\n\r\n";
            assertEquals("HTTP/1.1 200 OK", c.send(big).read().statusLine());
            RawClient.Reply echo = c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello").read();
            assertEquals("hello", echo.text());
        }
    }

    /** The largest message limit and longest WebSocket timeouts: sums of deadlines and sizes must not overflow. */
    @Test
    void aWebSocketAtTheLargestLimitsStillWorks() throws IOException {
        Limits max = ROOMY.withWsMessage(Limits.MAX_WS_MESSAGE).withWsIdleTimeout(Limits.MAX_TIMEOUT)
                .withWsCloseTimeout(Limits.MAX_TIMEOUT).withWriteTimeout(Limits.MAX_TIMEOUT);
        try (HttpServer server = HttpServer.builder().port(0).limits(max)
                .handler((req, res) -> res.upgrade(new WsReplay.Recorder(true))).start();
                WsClient c = new WsClient(server.port())) {
            c.handshake("/", "");
            c.send(WsFrames.text("at the limits"));
            assertEquals("at the limits", c.read().text());
            c.send(WsFrames.frame(0x82, new byte[70_000]));
            assertEquals(70_000, c.read().payload().length);
            c.send(WsFrames.close(1000, ""));
            assertEquals(1000, c.read().closeCode());
        }
    }

    @Test
    void rateComparisonsHoldAtTheLargestValues() {
        long day = Limits.MAX_TIMEOUT.toNanos();
        long[][] cases = {
            {Limits.MAX_BODY, day, Limits.MAX_RATE},
            {Limits.MAX_BODY, Long.MAX_VALUE, Limits.MAX_RATE},
            {Long.MAX_VALUE, Long.MAX_VALUE, Limits.MAX_RATE},
            {0, day, 1},
            {256, 1_000_000_000L, 256},
            {255, 1_000_000_000L, 256},
        };
        for (long[] c : cases) {
            boolean expected = BigInteger.valueOf(c[0]).multiply(BigInteger.valueOf(1_000_000_000L))
                    .compareTo(BigInteger.valueOf(c[2]).multiply(BigInteger.valueOf(c[1]))) < 0;
            assertEquals(expected, Pace.below(c[0], c[1], c[2]), java.util.Arrays.toString(c));
        }
        Pace pace = new Pace(Limits.MAX_RATE, day);
        assertTrue(pace.record(day, Limits.MAX_BODY), "within the grace");
        assertFalse(pace.record(1, 0), "1 TiB in a day is below 1 GiB/s");
        assertTrue(new Pace(0, 0).record(Long.MAX_VALUE, 0), "a zero rate never fails");
    }
}
