package org.genro.http.wire;

import java.io.IOException;

/**
 * A client broke a rule of the WebSocket protocol. An {@link IOException} so that it
 * travels up through the reads of the frame loop; the connection answers with the
 * violation's close code and ends. Carries no stack trace: bad traffic is control flow,
 * not a bug.
 */
public final class FrameException extends IOException {
    private final transient FrameViolation violation;

    /** A failure for {@code violation}. */
    public FrameException(FrameViolation violation) {
        super(violation.name() + ": " + violation.reason() + " (" + violation.rfc() + ")", null);
        this.violation = violation;
    }

    /** The rule that was broken. */
    public FrameViolation violation() {
        return violation;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
