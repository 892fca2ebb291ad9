package org.genro.http;

import java.io.IOException;

/**
 * Reading a request body failed because the client broke a rule or a limit: too large
 * (413), malformed chunking (400), too slow (408) or cut short (400). Carries the
 * status the engine answers with, so a server layer that catches it can answer the
 * same; the message is client-safe and never contains request bytes.
 */
public final class BodyException extends IOException {
    private final int status;

    /** A failure answered with {@code status}. */
    public BodyException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The status for this failure: 400, 408 or 413. */
    public int status() {
        return status;
    }
}
