package org.genro.http.wire;

import java.io.IOException;

/**
 * A request broke a rule of the protocol. It is an {@link IOException} so that body
 * streams can raise it from {@code read}; the connection answers with the violation's
 * status and closes. Carries no request bytes and no stack trace (it is control flow
 * on the hot path of bad traffic, not a bug).
 */
public final class ProtocolException extends IOException {
    private final transient Violation violation;

    /** A rejection for {@code violation}. */
    public ProtocolException(Violation violation) {
        super(violation.name() + ": " + violation.message(), null);
        this.violation = violation;
    }

    /** The rule that was broken. */
    public Violation violation() {
        return violation;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
