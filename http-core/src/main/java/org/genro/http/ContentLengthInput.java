package org.genro.http;

import java.io.IOException;
import org.genro.http.wire.ProtocolException;
import org.genro.http.wire.Violation;

/** A body of exactly Content-Length bytes (RFC 9112 §6.2). */
final class ContentLengthInput extends BodyInput {
    private final long length;
    private long remaining;

    ContentLengthInput(InputBuffer in, Watch watch, long limit, long length) {
        super(in, watch, limit);
        this.length = length;
        this.remaining = length;
    }

    @Override
    void start() throws IOException {
        // refuse before reading a byte, and before sending 100 Continue
        if (length > limit) {
            throw new ProtocolException(Violation.BODY_TOO_LARGE);
        }
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw truncated();
        }
        remaining -= n;
        return n;
    }

    @Override
    long remaining() {
        return remaining;
    }

    @Override
    boolean finished() {
        return remaining == 0;
    }

    @Override
    public int available() {
        return (int) Math.min(remaining, in.available());
    }
}
