package org.genro.http;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * HTTP dates (RFC 9110 §5.6.7): the {@code Date: ...\r\n} line the engine writes, encoded
 * once per second, and the formatting and strict parsing that validators need
 * ({@code Last-Modified}, {@code If-Modified-Since}, {@code If-Range}).
 *
 * <p>The hot path of {@link #line()} reads the clock and one volatile field; whichever
 * thread first sees a new second re-encodes it (racing threads produce the same bytes).
 * The date is written by hand, not with {@code DateTimeFormatter}: the formatter's set-up
 * loads some fifty classes and ran on a new server's first answer, and its RFC 1123 form
 * leaves out the leading zero of a day below 10, which IMF-fixdate requires.
 */
public final class HttpDate {
    private static final int SECONDS_PER_DAY = 86_400;
    /** IMF-fixdate's length: {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    private static final int LENGTH = 29;
    private static final byte[] DATE_NAME = "Date: ".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
    private static final List<String> LONG_DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday");
    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
            "Sep", "Oct", "Nov", "Dec");

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

    /** {@code instant} as an IMF-fixdate, to the second below: {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    public static String format(Instant instant) {
        return format(instant.getEpochSecond());
    }

    /** IMF-fixdate; a year outside 0000-9999, which it cannot write, is a {@code DateTimeException}. */
    static String format(long epochSecond) {
        byte[] text = new byte[LENGTH];
        write(epochSecond, text, 0);
        return new String(text, StandardCharsets.US_ASCII);
    }

    /**
     * Writes the IMF-fixdate of {@code epochSecond} into {@code into} at {@code at},
     * {@link #LENGTH} bytes. The calendar date is worked out here rather than by
     * {@code LocalDate}, whose weekday goes through {@code Year}, and {@code Year}'s class
     * set-up builds a {@code DateTimeFormatter}.
     */
    private static void write(long epochSecond, byte[] into, int at) {
        long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        // Gregorian years repeat every 400 (146,097 days). Counted from 1 March 0000, a
        // cycle's leap day falls at the end of its year, so the day of the year gives the
        // month with one formula: the months from March have 31, 30, 31, 30, 31 days, twice,
        // then 31 and the rest of February.
        long fromMarch = day + 719_468; // days from 0000-03-01 to 1970-01-01
        long cycle = Math.floorDiv(fromMarch, 146_097);
        int dayOfCycle = (int) (fromMarch - cycle * 146_097);
        int yearOfCycle = (dayOfCycle - dayOfCycle / 1_460 + dayOfCycle / 36_524 - dayOfCycle / 146_096) / 365;
        int dayOfYear = dayOfCycle - (365 * yearOfCycle + yearOfCycle / 4 - yearOfCycle / 100);
        int monthFromMarch = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        long year = cycle * 400 + yearOfCycle + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            throw new DateTimeException("an HTTP date has four digits for its year, not " + year);
        }
        int time = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        int i = name(DAYS.get((int) Math.floorMod(day + 3, 7)), into, at); // 1970-01-01 was a Thursday
        into[i++] = ',';
        into[i++] = ' ';
        i = decimal(dayOfMonth, 2, into, i);
        into[i++] = ' ';
        i = name(MONTHS.get(month - 1), into, i);
        into[i++] = ' ';
        i = decimal((int) year, 4, into, i);
        into[i++] = ' ';
        i = decimal(time / 3600, 2, into, i);
        into[i++] = ':';
        i = decimal(time / 60 % 60, 2, into, i);
        into[i++] = ':';
        i = decimal(time % 60, 2, into, i);
        into[i++] = ' ';
        into[i++] = 'G';
        into[i++] = 'M';
        into[i] = 'T';
    }

    /** A three-letter name written at {@code at}; where it ends. */
    private static int name(String name, byte[] into, int at) {
        for (int k = 0; k < 3; k++) {
            into[at + k] = (byte) name.charAt(k);
        }
        return at + 3;
    }

    /** {@code value} in {@code width} decimal digits, zeros in front, written at {@code at}; where it ends. */
    private static int decimal(int value, int width, byte[] into, int at) {
        for (int k = at + width - 1; k >= at; k--) {
            into[k] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /**
     * The instant an HTTP-date names, or null when {@code text} is not one. All three
     * forms are read, as recipients must: IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}),
     * the obsolete RFC 850 form ({@code Sunday, 06-Nov-94 08:49:37 GMT}, a two-digit year
     * more than 50 years ahead being in the past century) and asctime
     * ({@code Sun Nov  6 08:49:37 1994}). Names are case-sensitive, the weekday must be the
     * date's own, and nothing may surround the date: a field that is not exactly a date
     * is to be ignored, so none is guessed at.
     */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            int comma = text.indexOf(',');
            if (comma == 3 && text.length() == 29) {
                return imfFixdate(text);
            }
            if (comma > 3) {
                return rfc850(text, comma);
            }
            return comma < 0 && text.length() == 24 ? asctime(text) : null;
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    // Sun, 06 Nov 1994 08:49:37 GMT
    private static Instant imfFixdate(String s) {
        if (s.charAt(4) != ' ' || s.charAt(7) != ' ' || s.charAt(11) != ' ' || s.charAt(16) != ' '
                || !s.endsWith(" GMT")) {
            return null;
        }
        return date(DAYS.indexOf(s.substring(0, 3)), digits(s, 12, 4), s.substring(8, 11), digits(s, 5, 2), s, 17);
    }

    // Sunday, 06-Nov-94 08:49:37 GMT
    private static Instant rfc850(String s, int comma) {
        int d = comma + 2;
        if (s.length() != d + 22 || s.charAt(comma + 1) != ' ' || s.charAt(d + 2) != '-' || s.charAt(d + 6) != '-'
                || s.charAt(d + 9) != ' ' || !s.endsWith(" GMT")) {
            return null;
        }
        int twoDigits = digits(s, d + 7, 2);
        int thisYear = ZonedDateTime.now(ZoneOffset.UTC).getYear();
        int year = thisYear / 100 * 100 + twoDigits;
        if (year > thisYear + 50) {
            year -= 100;
        }
        return date(LONG_DAYS.indexOf(s.substring(0, comma)), year, s.substring(d + 3, d + 6), digits(s, d, 2), s, d + 10);
    }

    // Sun Nov  6 08:49:37 1994
    private static Instant asctime(String s) {
        if (s.charAt(3) != ' ' || s.charAt(7) != ' ' || s.charAt(10) != ' ' || s.charAt(19) != ' ') {
            return null;
        }
        int day = s.charAt(8) == ' ' ? digits(s, 9, 1) : digits(s, 8, 2);
        return date(DAYS.indexOf(s.substring(0, 3)), digits(s, 20, 4), s.substring(4, 7), day, s, 11);
    }

    /** The instant, checked against its weekday; {@code time} is where "HH:MM:SS" starts in {@code s}. */
    private static Instant date(int weekday, int year, String month, int day, String s, int time) {
        int m = MONTHS.indexOf(month);
        if (weekday < 0 || m < 0 || s.charAt(time + 2) != ':' || s.charAt(time + 5) != ':') {
            return null;
        }
        LocalDate date = LocalDate.of(year, m + 1, day);
        if (date.getDayOfWeek().getValue() != weekday + 1) {
            return null;
        }
        int second = digits(s, time + 6, 2);
        if (second > 60) {
            return null;
        }
        // the grammar allows a leap second; it is read as the last second of its minute
        return date.atTime(digits(s, time, 2), digits(s, time + 3, 2), Math.min(second, 59))
                .atZone(ZoneOffset.UTC).toInstant();
    }

    /** {@code n} ASCII digits at {@code from}; anything else is not a date. */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a digit");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Line encode(long second) {
        byte[] line = new byte[DATE_NAME.length + LENGTH + 2];
        System.arraycopy(DATE_NAME, 0, line, 0, DATE_NAME.length);
        write(second, line, DATE_NAME.length);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        return new Line(second, line);
    }
}
