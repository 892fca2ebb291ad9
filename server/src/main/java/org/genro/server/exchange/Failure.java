package org.genro.server.exchange;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genro.http.BodyException;
import org.genro.http.Status;
import org.genro.router.ValidationException;

/**
 * Turns an exception that escaped a handler into a reply. Client errors carry their
 * own client-safe message; anything unexpected is a 500 that says nothing about the
 * cause (the stack trace goes to the log, and into the body only in debug mode).
 */
public final class Failure {
    private static final System.Logger LOG = System.getLogger("org.genro.server.errors");

    private Failure() {
    }

    /** The reply for {@code error} raised while serving {@code exchange}; logs unexpected ones. */
    public static Reply reply(Throwable error, Exchange exchange, boolean debug) {
        int status = status(error);
        return switch (error) {
            case HttpError e -> withHeaders(answer(exchange, status, e.getMessage()), e.headers());
            case BodyException e -> answer(exchange, status, e.getMessage());
            case ValidationException e -> answer(exchange, status, e.getMessage());
            case IllegalArgumentException e -> {
                // may be the client's bad argument or a bug in app code: answer 400, but log it
                LOG.log(Level.WARNING, exchange + " failed with a bad argument", e);
                yield answer(exchange, status, debug ? "Bad Request: " + e.getMessage() : "Bad Request");
            }
            default -> {
                if (status == 500) {
                    yield unexpected(error, exchange, debug);
                }
                LOG.log(Level.WARNING, exchange + " answered " + status + " for " + error);
                yield answer(exchange, status, Status.reason(status));
            }
        };
    }

    /**
     * The status {@link #reply} answers {@code error} with, without logging: client
     * errors carry theirs, missing files are 404, refused access 403, bad arguments 400,
     * anything else 500.
     */
    public static int status(Throwable error) {
        return switch (error) {
            case HttpError e -> e.status();
            case BodyException e -> e.status();
            case ValidationException e -> 400;
            case NoSuchFileException e -> 404;
            case FileNotFoundException e -> 404;
            case AccessDeniedException e -> 403;
            case SecurityException e -> 403;
            case IllegalArgumentException e -> 400;
            default -> 500;
        };
    }

    private static Reply unexpected(Throwable error, Exchange exchange, boolean debug) {
        LOG.log(Level.ERROR, exchange + " failed", error);
        String detail = Status.reason(500);
        if (debug) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            detail += "\n\n" + trace;
        }
        return answer(exchange, 500, detail);
    }

    /** The reply for one of the server's own refusals. */
    public static Reply answer(Exchange exchange, Rejection rejection) {
        return answer(exchange, rejection.status(), rejection.message());
    }

    /**
     * An error reply in the form the client asked for: {@code {"error": message, "status": n}}
     * when it accepts JSON before HTML, else the message as a line of text (the status
     * line already carries the reason phrase).
     */
    public static Reply answer(Exchange exchange, int status, String message) {
        if (wantsJson(exchange == null ? null : exchange.header("Accept"))) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            body.put("status", status);
            // text and a number: plain JSON, written without waiting for Jackson's set-up
            return Reply.bytes(PlainJson.write(body), "application/json").status(status);
        }
        return Reply.text((message == null || message.isEmpty() ? Status.reason(status) : message) + "\n").status(status);
    }

    private static Reply withHeaders(Reply reply, Map<String, String> headers) {
        headers.forEach(reply::header);
        return reply;
    }

    /** JSON when {@code application/json} (or {@code +json}) is accepted and HTML is not preferred. */
    static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        int json = accept.indexOf("json");
        int html = accept.indexOf("text/html");
        return json >= 0 && (html < 0 || json < html);
    }
}
