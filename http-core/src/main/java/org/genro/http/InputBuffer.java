package org.genro.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.genro.http.wire.HeadParser;
import org.genro.http.wire.ProtocolException;
import org.genro.http.wire.Violation;

/**
 * The connection's read buffer: one reused array holding unread bytes in
 * {@code [pos, limit)}. Pipelined requests simply stay in it; it compacts only when the
 * tail is full and grows only up to the head limit.
 *
 * <p>Owned by the connection's virtual thread; not thread-safe.
 */
final class InputBuffer {
    private static final int INITIAL = 8 * 1024;
    /** An unfinished request line this long is checked once before waiting for more. */
    private static final int PARTIAL_LINE_CHECK = 16;

    private final InputStream in;
    private final Watch watch;
    private final int maxHead;
    private final int maxRequestLine;
    private final HeadParser parser;
    byte[] buf = new byte[INITIAL];
    int pos;
    int limit;

    InputBuffer(InputStream in, Watch watch, Limits limits, HeadParser parser) {
        this.in = in;
        this.watch = watch;
        this.parser = parser;
        this.maxHead = limits.head();
        this.maxRequestLine = limits.requestLine();
    }

    /** Bytes read but not consumed. */
    int available() {
        return limit - pos;
    }

    /**
     * Reads until a complete head is buffered and returns the index just past its empty
     * line; the head starts at {@link #pos}, blank lines before it already skipped
     * (RFC 9112 §2.2). Returns -1 when the client closed between requests.
     *
     * @throws ProtocolException for a request line or head over its limit, or a timeout
     * @throws EOFException     when the client closed inside a head
     */
    int readHead() throws IOException {
        int scanned = 0; // bytes after pos already searched; relative, because fill() may compact
        int checkedLines = 0;
        boolean started = false;
        while (true) {
            int skipped = skipBlankLines();
            started |= skipped > 0;
            scanned = Math.max(scanned - skipped, 0);
            int end = headEnd(pos + scanned);
            if (end >= 0) {
                if (end - pos > maxHead) {
                    throw new ProtocolException(Violation.HEAD_TOO_LARGE);
                }
                return end;
            }
            checkHeadBudget();
            int lines = checkedLines + count((byte) '\n', pos + scanned, limit);
            scanned = limit - pos;
            if (lines > checkedLines || lines == 0 && checkedLines == 0 && limit - pos >= PARTIAL_LINE_CHECK) {
                // a head split across reads: refuse a bad start now rather than at the
                // timeout. Once per new line keeps the cost linear in the line count.
                parser.checkPrefix(buf, pos, limit);
                checkedLines = Math.max(lines, 1);
            }
            // blank lines count as the start of a request: they must not restart the idle clock
            if (fill(pos == limit && !started ? Watch.IDLE : Watch.HEAD) < 0) {
                if (limit == pos) {
                    return -1;
                }
                parser.checkPrefix(buf, pos, limit);
                if (watch.timedOut()) {
                    throw new ProtocolException(Violation.HEAD_TIMEOUT);
                }
                throw new EOFException("client closed inside a request head");
            }
        }
    }

    private int count(byte c, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (buf[i] == c) {
                n++;
            }
        }
        return n;
    }

    /** Whether another complete head is already buffered (pipelining: keep batching). */
    boolean hasCompleteHead() {
        int p = pos;
        while (limit - p >= 2 && buf[p] == '\r' && buf[p + 1] == '\n') {
            p += 2;
        }
        for (int i = p; i < limit; i++) {
            if (buf[i] == '\n' && endsEmptyLine(i, p)) {
                return true;
            }
        }
        return false;
    }

    /** Skips CRLF pairs before a request line (RFC 9112 §2.2); returns how many bytes. */
    private int skipBlankLines() {
        int from = pos;
        while (limit - pos >= 2 && buf[pos] == '\r' && buf[pos + 1] == '\n') {
            pos += 2;
        }
        return pos - from;
    }

    /** Index after the LF that ends the empty line, searching LFs from {@code from}. */
    private int headEnd(int from) {
        for (int i = from; i < limit; i++) {
            // an LF ends the head when the line it closes is empty: "\n\r\n" or "\n\n"
            // (the parser rejects the bare-LF spelling; finding it here ends the read)
            if (buf[i] == '\n' && endsEmptyLine(i, pos)) {
                return i + 1;
            }
        }
        return -1;
    }

    private boolean endsEmptyLine(int lf, int start) {
        return lf - 1 >= start && buf[lf - 1] == '\n'
                || lf - 2 >= start && buf[lf - 1] == '\r' && buf[lf - 2] == '\n';
    }

    private void checkHeadBudget() throws ProtocolException {
        int pending = limit - pos;
        if (pending > maxRequestLine + 1) {
            boolean lineEnded = false;
            for (int i = pos; i <= pos + maxRequestLine + 1; i++) {
                if (buf[i] == '\n') {
                    lineEnded = true;
                    break;
                }
            }
            if (!lineEnded) {
                throw new ProtocolException(Violation.REQUEST_LINE_TOO_LONG);
            }
        }
        if (pending >= maxHead) {
            throw new ProtocolException(Violation.HEAD_TOO_LARGE);
        }
    }

    /** Marks {@code [pos, end)} as consumed. */
    void consume(int end) {
        pos = end;
        if (pos == limit) {
            pos = 0;
            limit = 0;
        }
    }

    /**
     * Reads more bytes into the tail, compacting or growing first if it is full.
     * Returns the count read, or -1 at end of stream.
     */
    int fill(int state) throws IOException {
        if (limit == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            } else {
                buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, maxHead + INITIAL));
            }
        }
        watch.block(state);
        int n;
        try {
            n = in.read(buf, limit, buf.length - limit);
        } finally {
            watch.unblock();
        }
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    /**
     * Copies up to {@code len} body bytes into {@code dst}: buffered bytes first, then
     * straight from the socket for large reads (no double copy), else through the buffer.
     * Returns -1 at end of stream.
     */
    int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (limit == pos) {
            if (len >= buf.length / 2) {
                watch.block(Watch.BODY);
                try {
                    return in.read(dst, off, len);
                } finally {
                    watch.unblock();
                }
            }
            consume(pos);
            if (fill(Watch.BODY) < 0) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, dst, off, n);
        consume(pos + n);
        return n;
    }

    /** One byte of the body, or -1 at end of stream. */
    int read() throws IOException {
        if (limit == pos) {
            consume(pos);
            if (fill(Watch.BODY) < 0) {
                return -1;
            }
        }
        int b = buf[pos] & 0xff;
        consume(pos + 1);
        return b;
    }

    /**
     * Buffers a line of at most {@code max} bytes (CRLF included) and returns the index
     * just past its LF; the line starts at {@link #pos}. Used for chunk headers and
     * trailers. Returns -1 if the line is longer than {@code max}, -2 at end of stream.
     */
    int readLine(int max) throws IOException {
        int scanned = 0; // relative to pos: fill() may compact the buffer
        while (true) {
            for (int i = pos + scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    return i + 1 - pos <= max ? i + 1 : -1;
                }
            }
            scanned = limit - pos;
            if (limit - pos >= max) {
                return -1;
            }
            if (limit == buf.length && pos == 0 && buf.length >= max) {
                return -1;
            }
            if (fill(Watch.BODY) < 0) {
                return -2;
            }
        }
    }
}
