package org.genro.http;

import java.io.IOException;
import java.io.InputStream;
import org.genro.http.wire.ProtocolException;
import org.genro.http.wire.Violation;

/**
 * A request body as a stream over the connection's {@link InputBuffer}: the framing
 * (none, Content-Length or chunked) decides where it ends. Remembers the first
 * protocol failure so the connection can answer it even if a handler swallowed the
 * exception, and can discard what the handler left unread.
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
    private Runnable beforeFirstRead;
    private ProtocolException failure;
    private Pace pace = new Pace(0, 0);

    BodyInput(InputBuffer in, Watch watch, long limit) {
        this.in = in;
        this.watch = watch;
        this.limit = limit;
    }

    /**
     * Sets the slowest acceptable client: once reads have waited longer than
     * {@code graceNanos} in all, the body must have averaged {@code minRate} bytes per
     * second of waiting. Waiting is measured inside reads only, so a handler that works
     * between reads does not count against its client.
     */
    void pace(long minRate, long graceNanos) {
        this.pace = new Pace(minRate, graceNanos);
    }

    /** Runs once before the first byte is read: sends 100 Continue when it is owed. */
    void beforeFirstRead(Runnable action) {
        this.beforeFirstRead = action;
    }

    boolean started() {
        return started;
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
        if (failure != null) {
            throw exposed(failure);
        }
        try {
            if (!started) {
                started = true;
                start();
                if (beforeFirstRead != null) {
                    beforeFirstRead.run();
                }
            }
            long t0 = System.nanoTime();
            int n = readBody(b, off, len);
            if (n > 0) {
                received += n;
                if (received > limit) {
                    throw new ProtocolException(Violation.BODY_TOO_LARGE);
                }
            }
            if (!pace.record(System.nanoTime() - t0, Math.max(n, 0))) {
                throw new ProtocolException(Violation.BODY_TIMEOUT);
            }
            return n;
        } catch (ProtocolException e) {
            failure = e;
            throw exposed(e);
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
     * request can be read. Returns whether the body ended within that budget.
     */
    boolean drain(long max) {
        if (finished()) {
            return true;
        }
        if (failure != null || !started && beforeFirstRead != null) {
            return false; // broken framing, or the client still waits for 100 Continue
        }
        if (remaining() - in.available() > max) {
            return false; // known to be too long: do not even start
        }
        limit = Long.MAX_VALUE;
        byte[] scratch = new byte[8 * 1024];
        long discarded = 0;
        try {
            started = true;
            while (discarded <= max) {
                int n = readBody(scratch, 0, scratch.length);
                if (n < 0) {
                    return finished();
                }
                discarded += n;
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
