package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP-date (RFC 9110 §5.6.7): the three forms read alike, and anything else is no date at all. */
class HttpDateTest {
    private static final Instant EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @ParameterizedTest
    @ValueSource(strings = {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"})
    void readsTheThreeFormsOfTheSameInstant(String text) {
        assertEquals(EXAMPLE, HttpDate.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37 gmt",
        "sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT", "Mon, 06 Nov 1994 08:49:37 GMT",
        " Sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT ", "Sun,  6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Nov 1994 08:49:61 GMT",
        "Thu, 30 Feb 1995 08:49:37 GMT", "Sun, 06 Nov 1994 08-49-37 GMT", "Sun, 0x Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sun Nov 06 08:49:37 1994 GMT", "Sun Nov 6 08:49:37 1994", "1994-11-06T08:49:37Z", "784111777", "-1",
        "Sun, 06 Nov +994 08:49:37 GMT"})
    void anythingElseIsNoDate(String text) {
        assertNull(HttpDate.parse(text));
    }

    @Test
    void aLeapSecondIsTheLastSecondOfItsMinute() {
        assertEquals(Instant.parse("2016-12-31T23:59:59Z"), HttpDate.parse("Sat, 31 Dec 2016 23:59:60 GMT"));
    }

    @Test
    void aTwoDigitYearMoreThanFiftyYearsAheadIsInThePastCentury() {
        int year = ZonedDateTime.now(ZoneOffset.UTC).getYear();
        int ahead = year + 49;
        ZonedDateTime near = ZonedDateTime.of(ahead, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        String text = HttpDate.format(near.toInstant());
        assertEquals(near.toInstant(), HttpDate.parse(text));
        String day = near.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
        assertEquals(near.toInstant(), HttpDate.parse(day + ", 01-Jan-" + String.format("%02d", ahead % 100) + " 00:00:00 GMT"));
        ZonedDateTime far = ZonedDateTime.of(year + 51 - 100, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        String farDay = far.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
        assertEquals(far.toInstant(),
                HttpDate.parse(farDay + ", 01-Jan-" + String.format("%02d", (year + 51) % 100) + " 00:00:00 GMT"));
    }

    @Test
    void formatsImfFixdateToTheSecondBelow() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(EXAMPLE.plusMillis(999)));
        assertEquals("Sat, 01 Jan 2000 00:00:00 GMT", HttpDate.format(Instant.parse("2000-01-01T00:00:00Z")));
    }

    /**
     * The date is written by hand: every second from year 0000 to 9999 must read as
     * java.time writes it (the weekday, the day and hour with their leading zeros, the
     * year in four digits), and back as the instant itself. Seeded, so a failure repeats.
     */
    @Test
    void writesEverySecondAsJavaTimeDoes() {
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.ENGLISH)
                .withZone(ZoneOffset.UTC);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        SplittableRandom random = new SplittableRandom(18);
        long[] chosen = {first, last, -1, 0, 1, 86_399, 86_400, Instant.parse("2024-02-29T09:05:03Z").getEpochSecond()};
        for (int n = 0; n < 20_000; n++) {
            long second = n < chosen.length ? chosen[n] : random.nextLong(first, last + 1);
            Instant at = Instant.ofEpochSecond(second);
            String text = HttpDate.format(at);
            assertEquals(reference.format(at), text, () -> at.toString());
            assertEquals(at, HttpDate.parse(text), text);
        }
    }

    @Test
    void aYearItCannotWriteInFourDigitsIsRefused() {
        assertThrows(DateTimeException.class, () -> HttpDate.format(Instant.parse("+10000-01-01T00:00:00Z")));
        assertThrows(DateTimeException.class, () -> HttpDate.format(Instant.parse("0000-01-01T00:00:00Z").minusSeconds(1)));
    }

    @Test
    void theDateLineIsTheFieldForTheCurrentSecond() {
        long before = System.currentTimeMillis() / 1000;
        String line = new String(HttpDate.line(), StandardCharsets.US_ASCII);
        long after = System.currentTimeMillis() / 1000;
        assertTrue(line.equals("Date: " + HttpDate.format(before) + "\r\n") || line.equals("Date: " + HttpDate.format(after) + "\r\n"),
                line);
    }
}
