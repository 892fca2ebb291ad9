package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/** The command line's log line is the one {@link SimpleFormatter} writes with the same pattern. */
class LineFormatTest {
    private static SimpleFormatter simple() {
        String before = System.getProperty(LineFormat.PROPERTY);
        System.setProperty(LineFormat.PROPERTY, LineFormat.PATTERN);
        try {
            return new SimpleFormatter(); // reads the pattern as it is made
        } finally {
            if (before == null) {
                System.clearProperty(LineFormat.PROPERTY);
            } else {
                System.setProperty(LineFormat.PROPERTY, before);
            }
        }
    }

    private static LogRecord record(Level level, String logger, String message, Instant at, Throwable thrown,
                                    Object... parameters) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName(logger);
        r.setInstant(at);
        r.setThrown(thrown);
        r.setParameters(parameters.length == 0 ? null : parameters);
        return r;
    }

    @Test
    void writesWhatSimpleFormatterWritesWithThePattern() {
        SimpleFormatter simple = simple();
        LineFormat ours = new LineFormat();
        List<LogRecord> records = List.of(
                record(Level.INFO, "org.genro.server", "serving /srv on http://127.0.0.1:8000/", Instant.parse("2026-12-05T20:11:14.668Z"), null),
                record(Level.WARNING, "org.genro.server.config.ServerConfig", "short", Instant.parse("2026-01-02T03:04:05.006Z"), null),
                record(Level.SEVERE, "x", "failed", Instant.parse("2026-06-30T23:59:59.999Z"), new IOException("disk gone")),
                record(Level.FINE, null, "no logger name", Instant.parse("0999-03-04T00:00:00Z"), null),
                record(Level.CONFIG, "p", "with {0} and {1}", Instant.parse("2026-12-31T12:00:00.010Z"), null, "one", 2),
                record(Level.parse("1234"), "custom", "", Instant.parse("2026-12-05T00:00:00.100Z"), null));
        for (LogRecord r : records) {
            assertEquals(simple.format(r), ours.format(r), r.getMessage());
        }
    }
}
