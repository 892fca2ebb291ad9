package org.genro.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The command line's log line, {@code 2026-12-05 20:11:14.668 INFO    org.genro.server: serving ...},
 * written by hand: what {@link SimpleFormatter} writes with {@link #PATTERN}, without
 * {@code java.util.Formatter}. Its date conversions set up the locale data on the first
 * line, some 60 ms on a cold JVM, and the first line is logged while the config is read,
 * on the start's way to its port. Digits are ASCII whatever the locale.
 */
final class LineFormat extends Formatter {
    /** The property {@link SimpleFormatter} reads its pattern from. */
    static final String PROPERTY = "java.util.logging.SimpleFormatter.format";
    /** The pattern this class writes, in {@link SimpleFormatter}'s terms. */
    static final String PATTERN = "%1$tF %1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n";
    private static final int LEVEL_WIDTH = 7;

    /**
     * Whether the command line's format goes in: the user chose no pattern. The pattern itself
     * is set by {@link #install}, once the root logger's handlers exist: each SimpleFormatter
     * made while the property is set checks it by formatting the current date, which sets up
     * the locale data (some 25 ms of a cold JVM), and the console handler's is made on the
     * config thread that the start waits for.
     */
    static boolean choose() {
        return System.getProperty(PROPERTY) == null;
    }

    /**
     * Puts this format in the place of each SimpleFormatter of the root logger's handlers
     * (making those handlers if the logging system has not yet), then sets {@link #PATTERN}
     * for any SimpleFormatter made later, so that it writes the same line. A formatter of
     * another class is the user's and stays.
     */
    static void install() {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (h.getFormatter() != null && h.getFormatter().getClass() == SimpleFormatter.class) {
                h.setFormatter(new LineFormat());
            }
        }
        System.setProperty(PROPERTY, PATTERN);
    }

    @Override
    public String format(LogRecord record) {
        ZonedDateTime t = ZonedDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault());
        StringBuilder line = new StringBuilder(160);
        digits(line, t.getYear(), 4).append('-');
        digits(line, t.getMonthValue(), 2).append('-');
        digits(line, t.getDayOfMonth(), 2).append(' ');
        digits(line, t.getHour(), 2).append(':');
        digits(line, t.getMinute(), 2).append(':');
        digits(line, t.getSecond(), 2).append('.');
        digits(line, t.getNano() / 1_000_000, 3).append(' ');
        String level = record.getLevel().getLocalizedName();
        line.append(level);
        for (int i = level.length(); i < LEVEL_WIDTH; i++) {
            line.append(' ');
        }
        line.append(' ').append(record.getLoggerName()).append(": ").append(formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                out.println();
                record.getThrown().printStackTrace(out);
            }
            line.append(trace);
        }
        return line.append(System.lineSeparator()).toString();
    }

    /** {@code value} with leading zeros to {@code width} digits at least; a negative year keeps its sign first. */
    private static StringBuilder digits(StringBuilder line, int value, int width) {
        String text = Integer.toString(Math.abs(value));
        if (value < 0) {
            line.append('-');
        }
        for (int i = text.length(); i < width; i++) {
            line.append('0');
        }
        return line.append(text);
    }
}
