package org.genro.server.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.genro.router.ValidationException;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessLogTest {

    /** A logger that keeps what it is given, at or above a threshold. */
    static final class Recorder implements System.Logger {
        final List<String> lines = new ArrayList<>();
        final List<Level> levels = new ArrayList<>();
        private final Level threshold;

        Recorder(Level threshold) {
            this.threshold = threshold;
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                lines.add(msg);
                levels.add(level);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            log(level, bundle, params == null ? format : MessageFormat.format(format, params), (Throwable) null);
        }
    }

    private final Recorder log = new Recorder(Level.TRACE);

    private String one(AccessLog layer, TestRequest request, Next app) throws Exception {
        layer.handle(request.exchange(), app);
        assertEquals(1, log.lines.size(), () -> "lines: " + log.lines);
        return log.lines.getFirst();
    }

    @Test
    void logsOneLineWithMethodPathStatusDurationRemoteAndId() throws Exception {
        var request = TestRequest.of("POST", "/shop/buy?token=s3cret");
        var exchange = request.exchange();
        new AccessLog(AccessLog.Options.DEFAULTS, log).handle(exchange, x -> Reply.text("ok").status(201));
        assertEquals(1, log.lines.size());
        String line = log.lines.getFirst();
        assertTrue(line.matches("access method=POST path=/shop/buy status=201 ms=\\d+\\.\\d\\d remote=203\\.0\\.113\\.7 id="
                + exchange.id()), line);
        assertEquals(Level.INFO, log.levels.getFirst());
    }

    @Test
    void leavesTheQueryOutUnlessAsked() throws Exception {
        var asked = new AccessLog(new AccessLog.Options(Level.INFO, true, false), log);
        assertTrue(one(asked, TestRequest.get("/a?x=1&y=2"), x -> Reply.ok()).contains(" path=/a?x=1&y=2 "));
        log.lines.clear();
        assertFalse(one(new AccessLog(AccessLog.Options.DEFAULTS, log), TestRequest.get("/a?x=1"), x -> Reply.ok())
                .contains("x=1"));
    }

    @Test
    void includedHeadersNeverShowCredentials() throws Exception {
        var layer = new AccessLog(new AccessLog.Options(Level.INFO, false, true), log);
        String line = one(layer, TestRequest.get("/").header("Authorization", "Bearer abc123")
                .header("cookie", "sid=xyz").header("Proxy-Authorization", "Basic Zm9v").header("Accept", "text/html"),
                x -> Reply.ok());
        assertTrue(line.endsWith(" headers={Host: example.com, Authorization: ***, cookie: ***, "
                + "Proxy-Authorization: ***, Accept: text/html}"), line);
    }

    /** Only four header names were masked, so an API key or a custom token field was logged whole. */
    @Test
    void credentialsInCustomFieldsAreMaskedToo() throws Exception {
        var layer = new AccessLog(new AccessLog.Options(Level.INFO, false, true), log);
        String line = one(layer, TestRequest.get("/").header("X-Api-Key", "k-123").header("X-Auth-Token", "t-456")
                .header("X-Csrf-Token", "c-789").header("User-Agent", "curl"), x -> Reply.ok());
        assertTrue(line.endsWith(" headers={Host: example.com, X-Api-Key: ***, X-Auth-Token: ***, "
                + "X-Csrf-Token: ***, User-Agent: curl}"), line);
        assertFalse(line.contains("abc123") || line.contains("xyz") || line.contains("Zm9v"), line);
    }

    @Test
    void leavesHeadersOutByDefault() throws Exception {
        String line = one(new AccessLog(AccessLog.Options.DEFAULTS, log), TestRequest.get("/").header("Accept", "x/y"),
                x -> Reply.ok());
        assertFalse(line.contains("headers="), line);
    }

    @Test
    void aRouted404IsAnOrdinaryLineWithItsStatus() throws Exception {
        String line = one(new AccessLog(AccessLog.Options.DEFAULTS, log), TestRequest.get("/nope"), x -> Reply.of(404));
        assertTrue(line.contains(" status=404 "), line);
        assertFalse(line.contains("error="), line);
        assertEquals(Level.INFO, log.levels.getFirst());
    }

    @Test
    void anExceptionIsLoggedWithTheStatusTheErrorsLayerWillGiveAndThrownOn() {
        var layer = new AccessLog(AccessLog.Options.DEFAULTS, log);
        HttpError denied = new HttpError(401, "login");
        assertSame(denied, assertThrows(HttpError.class, () -> layer.handle(TestRequest.get("/a").exchange(), x -> {
            throw denied;
        })));
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> layer.handle(TestRequest.get("/b").exchange(), x -> {
            throw bug;
        })));
        assertTrue(log.lines.get(0).contains(" status=401 ") && log.lines.get(0).endsWith("error=org.genro.server.exchange.HttpError"),
                log.lines.get(0));
        assertTrue(log.lines.get(1).contains(" status=500 ") && log.lines.get(1).contains("error=java.lang.IllegalStateException"),
                log.lines.get(1));
    }

    @Test
    void writesAtTheConfiguredLevel() throws Exception {
        Recorder warnings = new Recorder(Level.WARNING);
        new AccessLog(AccessLog.Options.DEFAULTS, warnings).handle(TestRequest.get("/").exchange(), x -> Reply.ok());
        assertEquals(List.of(), warnings.lines);
        new AccessLog(new AccessLog.Options(Level.ERROR, false, false), warnings)
                .handle(TestRequest.get("/").exchange(), x -> Reply.ok());
        assertEquals(List.of(Level.ERROR), warnings.levels);
    }

    @Test
    void anUnknownRemoteAddressShowsAsADash() throws Exception {
        String line = one(new AccessLog(AccessLog.Options.DEFAULTS, log), TestRequest.get("/").remote(null), x -> Reply.ok());
        assertTrue(line.contains(" remote=- "), line);
        log.lines.clear();
        line = one(new AccessLog(AccessLog.Options.DEFAULTS, log),
                TestRequest.get("/").remote(InetSocketAddress.createUnresolved("client.example", 1)), x -> Reply.ok());
        assertTrue(line.contains(" remote=client.example "), line);
    }

    static Stream<Arguments> exceptions() {
        return Stream.of(Arguments.of(new HttpError(418, "teapot")), Arguments.of(new HttpError(503, "later")),
                Arguments.of(new ValidationException("e", "p", "r")), Arguments.of(new NoSuchFileException("f")),
                Arguments.of(new FileNotFoundException("f")), Arguments.of(new AccessDeniedException("f")),
                Arguments.of(new SecurityException()), Arguments.of(new IllegalArgumentException()),
                Arguments.of(new IOException()), Arguments.of(new NullPointerException()));
    }

    @ParameterizedTest
    @MethodSource("exceptions")
    void theLoggedStatusAgreesWithTheErrorsLayer(Throwable error) {
        assertEquals(Failure.reply(error, TestRequest.get("/").exchange(), false).status(), AccessLog.statusOf(error));
    }
}
