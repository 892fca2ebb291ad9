package org.genro.http;

/**
 * Answers one request. Called on the connection's own virtual thread, so blocking is
 * fine and the request and response need no locking. A handler that returns without
 * sending anything produces an empty 200; one that throws while its response has not
 * yet left the server produces a 500 with no details in its place, and the exception
 * is logged. A response to a request body that turned out incomplete or malformed is
 * replaced by the engine's 4xx the same way, whatever the handler answered.
 */
@FunctionalInterface
public interface Handler {
    /** Reads {@code request} and fills {@code response}. */
    void handle(Request request, Response response) throws Exception;
}
