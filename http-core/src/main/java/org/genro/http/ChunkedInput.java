package org.genro.http;

import java.io.IOException;
import org.genro.http.wire.ChunkLine;
import org.genro.http.wire.HeadParser;
import org.genro.http.wire.ProtocolException;
import org.genro.http.wire.Violation;

/**
 * A chunked body (RFC 9112 §7.1): chunk headers, data, the CRLF after each chunk, the
 * last chunk and the trailer section, read as straight-line blocking code. Chunk lines
 * and trailers are bounded; the data total is bounded by the body limit.
 */
final class ChunkedInput extends BodyInput {
    /** A chunk line with extensions may not exceed this; none sent in practice comes close. */
    static final int MAX_CHUNK_LINE = 4 * 1024;

    private final HeadParser parser;
    private final int maxTrailers;
    private long chunkRemaining;
    private boolean lastChunkSeen;
    private boolean done;
    private Headers trailers = new Headers(0);

    ChunkedInput(InputBuffer in, Watch watch, long limit, HeadParser parser, int maxTrailers) {
        super(in, watch, limit);
        this.parser = parser;
        this.maxTrailers = maxTrailers;
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (chunkRemaining == 0) {
            nextChunk();
            if (done) {
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, chunkRemaining));
        if (n < 0) {
            throw truncated();
        }
        chunkRemaining -= n;
        if (chunkRemaining == 0) {
            expectCrlfAfterData();
        }
        return n;
    }

    /** Reads chunk headers until one announces data, or the last chunk and trailers. */
    private void nextChunk() throws IOException {
        int end = in.readLine(MAX_CHUNK_LINE);
        if (end == -1) {
            throw new ProtocolException(Violation.CHUNK_LINE_TOO_LONG);
        }
        if (end == -2) {
            throw truncated();
        }
        long size = ChunkLine.size(in.buf, in.pos, end);
        in.consume(end);
        if (size > limit - received) {
            throw new ProtocolException(Violation.BODY_TOO_LARGE);
        }
        if (size == 0) {
            lastChunkSeen = true;
            readTrailers();
            done = true;
        }
        chunkRemaining = size;
    }

    private void expectCrlfAfterData() throws IOException {
        int end = in.readLine(2);
        if (end == -2) {
            throw truncated();
        }
        if (end != in.pos + 2 || in.buf[in.pos] != '\r') {
            throw new ProtocolException(Violation.CHUNK_DATA_NOT_TERMINATED);
        }
        in.consume(end);
    }

    /**
     * trailer-section CRLF: field lines up to an empty line, within the head budget.
     * Lines are copied out as they come, so buffer compaction cannot move them.
     */
    private void readTrailers() throws IOException {
        byte[] section = new byte[64];
        int size = 0;
        while (true) {
            int end = in.readLine(maxTrailers - size);
            if (end == -1) {
                throw new ProtocolException(Violation.TRAILER_TOO_LARGE);
            }
            if (end == -2) {
                throw truncated();
            }
            int len = end - in.pos;
            if (size + len > section.length) {
                section = java.util.Arrays.copyOf(section, Math.max(section.length * 2, size + len));
            }
            System.arraycopy(in.buf, in.pos, section, size, len);
            size += len;
            in.consume(end);
            if (len <= 2) {
                break; // the empty line (a malformed short line fails in the parser)
            }
        }
        if (size == 2 && section[0] == '\r') {
            return;
        }
        HeadParser.FieldSection f = parser.trailers(section, 0, size);
        trailers = Headers.wrap(f.names(), f.values(), f.count());
    }

    Headers trailers() {
        return trailers;
    }

    @Override
    boolean finished() {
        return done && lastChunkSeen;
    }
}
