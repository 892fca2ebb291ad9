package org.genro.http;

import java.io.IOException;
import org.genro.http.wire.HeadParser;
import org.genro.http.wire.ProtocolException;
import org.genro.http.wire.RequestHead;

/**
 * Reads requests off a connection's input: finds each head, parses it, and frames its
 * body. The connection and the parser tests share this one path, so fixtures fed in
 * arbitrary pieces exercise exactly what a socket does.
 */
final class RequestReader {
    private final InputBuffer in;
    private final HeadParser parser;
    private final Limits limits;
    private final Watch watch;

    RequestReader(InputBuffer in, HeadParser parser, Limits limits, Watch watch) {
        this.in = in;
        this.parser = parser;
        this.limits = limits;
        this.watch = watch;
    }

    /**
     * The next request head, or null when the client closed between requests.
     *
     * @throws ProtocolException when the head breaks a rule or a limit, or times out
     */
    RequestHead next() throws IOException {
        try {
            return in.readHead();
        } finally {
            watch.headDone();
        }
    }

    /** The body stream that the head's framing calls for. */
    BodyInput body(RequestHead head) {
        BodyInput body;
        if (head.chunked()) {
            body = new ChunkedInput(in, watch, limits.body(), parser, limits.head());
        } else if (head.contentLength() > 0) {
            body = new ContentLengthInput(in, watch, limits.body(), head.contentLength());
        } else {
            return BodyInput.EMPTY;
        }
        // the rate applies after the body timeout; with that disabled, after half a minute
        long grace = limits.bodyTimeout().isZero() ? java.util.concurrent.TimeUnit.SECONDS.toNanos(30)
                : limits.bodyTimeout().toNanos();
        in.bodyPace(new Pace(limits.minBodyRate(), grace));
        return body;
    }
}
