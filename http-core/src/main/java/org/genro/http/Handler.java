package org.genro.http;

/**
 * Answers one request. Called on the connection's own virtual thread, so blocking is
 * fine and the request and response need no locking. A handler that returns without
 * sending anything produces an empty 200; one that throws before sending produces a
 * 500 with no details, and the exception is logged.
 */
@FunctionalInterface
public interface Handler {
    /** Reads {@code request} and fills {@code response}. */
    void handle(Request request, Response response) throws Exception;
}
