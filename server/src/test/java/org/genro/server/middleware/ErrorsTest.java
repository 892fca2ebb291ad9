package org.genro.server.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.stream.Stream;
import org.genro.router.ValidationException;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorsTest {

    private static Reply run(Errors errors, Throwable thrown, TestRequest request) {
        return errors.handle(request.exchange(), x -> {
            if (thrown instanceof Exception e) {
                throw e;
            }
            throw (Error) thrown;
        });
    }

    private static String body(Reply reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    /** What the app throws → the status the client gets. */
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new HttpError(404, "Not Found"), 404),
                Arguments.of(new HttpError(401, "who are you"), 401),
                Arguments.of(new ValidationException("shop/list", "page", "not an integer"), 400),
                Arguments.of(new IllegalArgumentException("bad"), 400),
                Arguments.of(new NoSuchFileException("/x"), 404),
                Arguments.of(new SecurityException("no"), 403),
                Arguments.of(new IOException("disk"), 500),
                Arguments.of(new IllegalStateException("bug"), 500),
                Arguments.of(new AssertionError("broken invariant"), 500));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void turnsWhatTheAppThrowsIntoTheStatusFailureGives(Throwable thrown, int status) {
        assertEquals(status, run(new Errors(Errors.Options.DEFAULTS), thrown, TestRequest.get("/")).status());
    }

    @Test
    void httpErrorsKeepTheirMessageAndHeaders() {
        Reply reply = run(new Errors(Errors.Options.DEFAULTS),
                new HttpError(401, "login first", Map.of("WWW-Authenticate", "Basic realm=\"shop\"")), TestRequest.get("/"));
        assertEquals("login first\n", body(reply));
        assertEquals("Basic realm=\"shop\"", reply.headers().first("WWW-Authenticate"));
    }

    @Test
    void unexpectedFailuresSayNothingAboutTheCauseWithoutDebug() {
        Reply reply = run(new Errors(Errors.Options.DEFAULTS), new IllegalStateException("db password=hunter2"),
                TestRequest.get("/"));
        assertEquals("Internal Server Error\n", body(reply));
    }

    @Test
    void debugPutsTheStackTraceInTheBody() {
        Reply reply = run(new Errors(new Errors.Options(true)), new IllegalStateException("kaboom"), TestRequest.get("/"));
        assertTrue(body(reply).contains("java.lang.IllegalStateException: kaboom"), body(reply));
        assertTrue(body(reply).contains("\tat "), body(reply));
    }

    @Test
    void jsonClientsGetJsonErrors() {
        Reply reply = run(new Errors(Errors.Options.DEFAULTS), new HttpError(404, "Not Found"),
                TestRequest.get("/").header("Accept", "application/json"));
        assertEquals("application/json", reply.contentType());
        assertEquals("{\"error\":\"Not Found\",\"status\":404}", body(reply));
    }

    @Test
    void repliesPassThroughUntouched() {
        Reply ok = Reply.text("fine");
        assertSame(ok, new Errors(Errors.Options.DEFAULTS).handle(TestRequest.get("/").exchange(), x -> ok));
    }

    @Test
    void virtualMachineErrorsAreNotTurnedIntoReplies() {
        StackOverflowError overflow = new StackOverflowError();
        assertSame(overflow, assertThrows(StackOverflowError.class,
                () -> run(new Errors(Errors.Options.DEFAULTS), overflow, TestRequest.get("/"))));
    }

    @Test
    void anInterruptedRequestAnswers500AndKeepsTheInterruptFlag() {
        try {
            Reply reply = run(new Errors(Errors.Options.DEFAULTS), new InterruptedException(), TestRequest.get("/"));
            assertEquals(500, reply.status());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void sitsOutermostAsErrors() {
        Layer layer = new Errors(Errors.Options.DEFAULTS).layer();
        assertEquals("errors", layer.name());
        assertEquals(100, layer.rank());
    }
}
