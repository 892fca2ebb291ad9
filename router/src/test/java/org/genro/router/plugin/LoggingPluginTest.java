package org.genro.router.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.genro.router.Resolution;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.junit.jupiter.api.Test;

class LoggingPluginTest {

    /** A logger that keeps formatted messages. */
    static final class Capture implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "capture";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= Level.DEBUG.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + MessageFormat.format(format, params));
        }

        @Override
        public void log(Level level, Supplier<String> msg) {
            lines.add(level + " " + msg.get());
        }
    }

    static class Logged extends RoutingClass {
        Logged(Capture capture) {
            plug(new LoggingPlugin(capture));
        }

        @Route
        public String work() {
            return "done";
        }

        @Route(config = "logging.before=false")
        public String quiet() {
            return "done";
        }

        @Route
        public String boom() {
            throw new IllegalStateException("boom");
        }
    }

    private static Object call(RoutingClass r, String path) throws Exception {
        return ((Resolution.Found) r.resolve(path, null)).invoke(null, null);
    }

    @Test
    void logsStartAndEndOfEachCall() throws Exception {
        Capture capture = new Capture();
        Logged logged = new Logged(capture);
        assertEquals("done", call(logged, "work"));
        assertEquals(2, capture.lines.size(), capture.lines.toString());
        assertEquals("INFO call.start path=work", capture.lines.get(0));
        assertTrue(capture.lines.get(1).matches("INFO call\\.end path=work ms=\\d+\\.\\d\\d"), capture.lines.get(1));
    }

    @Test
    void perEntryAndLiveSettingsChangeWhatIsLogged() throws Exception {
        Capture capture = new Capture();
        Logged logged = new Logged(capture);
        call(logged, "quiet");
        assertEquals(1, capture.lines.size(), "before=false declared on the entry");
        capture.lines.clear();
        logged.router().configure("logging", Map.of("level", "DEBUG", "after", false));
        call(logged, "work");
        assertEquals(List.of("DEBUG call.start path=work"), capture.lines);
        capture.lines.clear();
        logged.router().configure("logging/work", Map.of("enabled", false));
        call(logged, "work");
        assertEquals(List.of(), capture.lines);
    }

    @Test
    void logsFailuresWithTheExceptionClassOnly() {
        Capture capture = new Capture();
        Logged logged = new Logged(capture);
        assertThrows(IllegalStateException.class, () -> call(logged, "boom"));
        assertTrue(capture.lines.get(1).startsWith("INFO call.failed path=boom ms="), capture.lines.get(1));
        assertTrue(capture.lines.get(1).endsWith("error=java.lang.IllegalStateException"), capture.lines.get(1));
    }

    @Test
    void badLevelIsRefusedAtConfiguration() {
        Logged logged = new Logged(new Capture());
        assertThrows(IllegalArgumentException.class,
                () -> logged.router().configure("logging", Map.of("level", "LOUD")));
    }
}
