package org.genro.server.wsx;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message that cannot be served as a call: not WSX, not JSON, or a field the server
 * refuses. It becomes an error reply, never a close; the message is safe to send back
 * (it never quotes what the client sent).
 */
final class WsxError extends Exception {
    private final int status;
    private final transient JsonNode id;

    WsxError(int status, String message, JsonNode id) {
        super(message, null, false, false);
        this.status = status;
        this.id = id;
    }

    int status() {
        return status;
    }

    /** The call's id when it could be read, else null. */
    JsonNode id() {
        return id;
    }
}
