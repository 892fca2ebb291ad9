package org.genro.http;

import java.io.IOException;
import java.io.InputStream;
import org.genro.http.wire.ProtocolException;
import org.genro.http.wire.Violation;

/**
 * A request body as a stream over the connection's {@link InputBuffer}: the framing
 * (none, Content-Length or chunked) decides where it ends. Remembers the first
 * protocol failure so the connection can answer it even if a handler swallowed the
 * exception, and can discard what the handler left unread. Every socket read below it,
 * a handler's or the discarding one, obeys the body timeout and the minimum body rate
 * (see {@link InputBuffer}).
 */
abstract class BodyInput extends InputStream {
    /** The body of a request that has none. */
    static final BodyInput EMPTY = new BodyInput(null, null, 0) {
        @Override
        int readBody(byte[] b, int off, int len) {
            return -1;
        }

        @Override
        boolean finished() {
            return true;
        }
    };

    final InputBuffer in;
    private final Watch watch;
    long limit;
    long received;
    private boolean started;
    private boolean abandoned;
    private Runnable beforeFirstRead;
    private ProtocolException failure;

    BodyInput(InputBuffer in, Watch watch, long limit) {
        this.in = in;
        this.watch = watch;
        this.limit = limit;
    }

    /** Runs once before the first byte is read: sends 100 Continue when it is owed. */
    void beforeFirstRead(Runnable action) {
        this.beforeFirstRead = action;
    }

    boolean started() {
        return started;
    }

    /** Whether the client waits for 100 Continue that was never sent: it may never send the body. */
    boolean continueOwed() {
        return beforeFirstRead != null && !started;
    }

    /** Whether the engine gave up reading the rest: the next request cannot be found. */
    boolean abandoned() {
        return abandoned;
    }

    /** Reads body bytes within the framing; -1 at the end of the body. */
    abstract int readBody(byte[] b, int off, int len) throws IOException;

    /** Whether the whole body, trailers included, has been consumed. */
    abstract boolean finished();

    /** Body bytes known to be still unsent by the client, or -1 when unknown (chunked). */
    long remaining() {
        return -1;
    }

    /** Called before the first read: checks a declared length against the limit. */
    void start() throws IOException {
    }

    ProtocolException failure() {
        return failure;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        try {
            if (!started) {
                started = true;
                start();
                if (beforeFirstRead != null) {
                    beforeFirstRead.run();
                }
            }
            return next(b, off, len);
        } catch (ProtocolException e) {
            failure = failure == null ? e : failure;
            throw exposed(failure);
        }
    }

    /** One read within the framing and the limit; a failure is kept for the connection. */
    private int next(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            int n = readBody(b, off, len);
            if (n > 0) {
                received += n;
                if (received > limit) {
                    throw new ProtocolException(Violation.BODY_TOO_LARGE);
                }
            }
            return n;
        } catch (ProtocolException e) {
            failure = e;
            throw e;
        }
    }

    /** Handlers see the public {@link BodyException}; the connection keeps the violation. */
    private static BodyException exposed(ProtocolException e) {
        return new BodyException(e.violation().status(), e.violation().message());
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** The end of stream came too early: a timeout or a client that went away. */
    ProtocolException truncated() {
        return new ProtocolException(watch.timedOut() ? Violation.BODY_TIMEOUT : Violation.BODY_TRUNCATED);
    }

    /**
     * Reads and discards the rest of the body, at most {@code max} bytes, so the next
     * request can be read. Its reads are a handler's reads: same timeout, same pace, and
     * a failure found on the way (a truncated body, a timeout, bad chunking) is kept
     * for the connection to answer. Returns whether the body ended within the budget;
     * if not, the body is {@link #abandoned()}.
     */
    boolean drain(long max) {
        if (finished()) {
            return true;
        }
        abandoned = true; // until the end is reached
        if (failure != null || continueOwed() || remaining() - in.available() > max) {
            return false; // broken framing, a client still waiting for 100 Continue, or known to be too long
        }
        limit = Long.MAX_VALUE; // the handler's limit no longer matters: max bounds what is discarded
        started = true;
        byte[] scratch = new byte[8 * 1024];
        long discarded = 0;
        try {
            while (discarded <= max) {
                int n = next(scratch, 0, scratch.length);
                if (n < 0) {
                    abandoned = !finished();
                    return !abandoned;
                }
                discarded += n;
            }
        } catch (IOException e) {
            // kept in failure() when it broke a rule; else the client is gone
        }
        return false;
    }
}
