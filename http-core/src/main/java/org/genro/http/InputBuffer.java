package org.genro.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.genro.http.wire.Chars;
import org.genro.http.wire.HeadParser;
import org.genro.http.wire.PartialHead;
import org.genro.http.wire.ProtocolException;
import org.genro.http.wire.RequestHead;
import org.genro.http.wire.Violation;

/**
 * The connection's read buffer: one reused array holding unread bytes in
 * {@code [pos, limit)}, the connection's small idle array until a read needs more room,
 * then a pooled one. Pipelined requests simply stay in it; it compacts only when the
 * tail is full and grows only up to the head limit. A head is parsed here one line at
 * a time as its lines complete, so each byte is searched once and parsed once, and a
 * plain field line is searched and parsed in the same pass; every socket read goes
 * through one method that keeps the timeouts and the body's pace.
 *
 * <p>Owned by the connection's virtual thread; not thread-safe.
 */
final class InputBuffer {
    private static final int INITIAL = BufferPool.SIZE;
    /**
     * What an idle connection first waits with; what arrives is read there, and a pooled
     * buffer takes over only when more must be read. The requests of load tools, health
     * checks and most API clients fit in it whole (wrk's and curl's are under 100 bytes);
     * ten thousand idle connections hold 2.5 MiB of it.
     */
    static final int IDLE_SMALL = 256;
    /**
     * What an idle connection waits with once a read has filled the small array: its
     * client sends more at a time (a browser's head, with its cookies, is often half a
     * kilobyte or more), and each of its requests should still cost one read. The
     * connection pays one extra read, once, for that.
     */
    static final int IDLE = 1024;
    /** An unfinished request line this long is checked once before waiting for more. */
    private static final int PARTIAL_LINE_CHECK = 16;

    private final InputStream in;
    private final Watch watch;
    private final int maxHead;
    private final int maxRequestLine;
    private final HeadParser parser;
    /**
     * The head being read, with the arrays that collect its fields and its framing; null
     * while the connection waits idle, so that an idle connection does not hold the few
     * hundred bytes of it. A busy period makes one, which the pipelined requests read
     * in it then share.
     */
    private PartialHead head;
    private Pace bodyPace = Pace.NONE;
    /**
     * Bytes looked at while reading heads, at most: searched for a line end plus parsed,
     * a line read in one pass counted once.
     */
    long examined;
    private byte[] idle = new byte[IDLE_SMALL];
    byte[] buf = idle;
    int pos;
    int limit;
    /**
     * The head of the exchange in progress while its field values still lie in
     * {@code buf[.., liveEnd)}, unread (see {@link RequestHead}); null otherwise. Before
     * anything overwrites those bytes or gives the buffer away, the head copies them or
     * is retired.
     */
    private RequestHead live;
    private int liveEnd;

    /** Where the bytes read are counted, for the server's metrics; null counts nothing. */
    private LongAdder counted;
    /** The connection's responses, sent before a head read waits (see {@link #answerBeforeWaiting}); null for none. */
    private OutputBuffer answers;
    /** Whether the server is stopping: a connection about to wait idle closes instead. */
    private BooleanSupplier stopping = () -> false;

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
     * Reads the next request head, parsing each line once as it completes, and consumes
     * it; blank lines before it are skipped (RFC 9112 §2.2). Returns null when the client
     * closed between requests.
     *
     * @throws ProtocolException for a broken rule, a request line or head over its
     *                           limit, or a timeout
     * @throws EOFException      when the client closed inside a head
     */
    RequestHead readHead() throws IOException {
        retireLive(); // the previous exchange is over
        partialHead().reset();
        // offsets relative to pos, because fill() may compact the buffer
        int parsed = 0;  // bytes handed to the grammar as complete lines
        int scanned = 0; // bytes searched for a line end
        boolean started = false;
        boolean checkedEarly = false;
        while (true) {
            // taken again after every read: an idle wait (see fill) lets it go, and only
            // while nothing of this head has arrived, so a new one has nothing to miss
            PartialHead head = partialHead();
            if (parsed == 0) {
                int skipped = skipBlankLines();
                started |= skipped > 0;
                scanned = Math.max(scanned - skipped, 0);
            }
            while (true) {
                int lineStart = pos + parsed;
                if (scanned == parsed) {
                    // a line not searched yet: a plain field line is read in one pass, its
                    // end found on the way; any other is searched for its end below
                    int next = head.plainLine(buf, pos, lineStart, limit);
                    if (next >= 0) {
                        examined += next - lineStart;
                        parsed = scanned = next - pos;
                        continue;
                    }
                    // at most what it read before giving up: nothing, for a request line
                    examined += head.started() ? limit - lineStart : 0;
                }
                int lf = Chars.indexOfLf(buf, pos + scanned, limit);
                if (lf < 0) {
                    break;
                }
                examined += lf + 1 - (pos + scanned) + lf + 1 - lineStart; // searched, then parsed
                parsed = scanned = lf + 1 - pos;
                if (head.line(buf, pos, lineStart, lf + 1)) {
                    if (parsed > maxHead) {
                        throw new ProtocolException(Violation.HEAD_TOO_LARGE);
                    }
                    RequestHead done = head.finish(buf, pos);
                    int end = pos + parsed;
                    consume(end);
                    live = done;
                    liveEnd = end;
                    return done;
                }
            }
            examined += limit - pos - scanned;
            scanned = limit - pos;
            checkHeadBudget(parsed);
            if (parsed == 0 && !checkedEarly && limit - pos >= PARTIAL_LINE_CHECK) {
                // refuse a request line that cannot become valid now rather than at the timeout;
                // once only, so a line trickled byte by byte is not re-read each time
                examined += limit - pos;
                head.unfinished(buf, pos, limit);
                checkedEarly = true;
            }
            answerBeforeWaiting();
            // blank lines count as the start of a request: they must not restart the idle clock
            if (fill(pos == limit && !started ? Watch.IDLE : Watch.HEAD) < 0) {
                return endOfStream(parsed);
            }
        }
    }

    /**
     * The head is not all here: the answers to the requests before it leave now, before
     * the read that waits for the rest. Until then pipelined answers pile up and leave in
     * one write. Nothing is added to them while a head is read, so only the head's first
     * wait finds any, and that wait has not armed the head's deadline yet.
     */
    private void answerBeforeWaiting() throws IOException {
        if (answers != null && answers.size() > 0) {
            answers.flush();
            answers.idle(); // no buffer held while the client takes its time
        }
    }

    /**
     * The input ended before a head did: null between requests, else the rule the
     * unfinished line already breaks, a head timeout, or an EOFException.
     */
    private RequestHead endOfStream(int parsed) throws IOException {
        if (limit == pos) {
            return null; // a close between requests: no head state to make for it
        }
        partialHead().unfinished(buf, pos + parsed, limit); // bytes came: no idle wait let it go
        if (watch.timedOut()) {
            throw new ProtocolException(Violation.HEAD_TIMEOUT);
        }
        throw new EOFException("client closed inside a request head");
    }

    /** Skips CRLF pairs before a request line (RFC 9112 §2.2); returns how many bytes. */
    private int skipBlankLines() {
        int from = pos;
        while (limit - pos >= 2 && buf[pos] == '\r' && buf[pos + 1] == '\n') {
            pos += 2;
        }
        return pos - from;
    }

    /** An unfinished line past what any valid head could hold: 414 or 431 now. */
    private void checkHeadBudget(int parsed) throws ProtocolException {
        int pending = limit - pos;
        // no LF after the parsed lines: the unfinished line is all of [pos + parsed, limit)
        if (parsed == 0 && pending - 1 > maxRequestLine) {
            throw new ProtocolException(Violation.REQUEST_LINE_TOO_LONG); // CR may still come
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
        if (state == Watch.IDLE && pos == limit) {
            return waitIdle(Watch.IDLE);
        }
        if (buf.length < INITIAL) {
            leaveIdleArray();
        } else if (live != null) {
            keepLiveBytes();
        }
        if (limit == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            } else {
                byte[] old = buf;
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxHead + INITIAL));
                BufferPool.give(old);
            }
        }
        int n = socketRead(buf, limit, buf.length - limit, state);
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    /**
     * Before a read into the buffer while the exchange's head still lies in it (a body
     * read): keeps the head's bytes where the read will not reach them. With nothing
     * buffered the read simply starts after the head, while enough room is left there;
     * otherwise the read would overwrite them (from the start, or by compacting), so the
     * head copies them first.
     */
    private void keepLiveBytes() {
        if (liveEnd == 0) {
            return; // its bytes stayed in the idle array (see leaveIdleArray)
        }
        if (limit >= liveEnd && limit < buf.length) {
            return; // the read lands after the head
        }
        if (pos == limit && buf.length - liveEnd >= buf.length / 2) {
            pos = liveEnd;
            limit = liveEnd;
            return;
        }
        detachLive();
    }

    /**
     * Before the first read into a buffer that still is the idle array (see
     * {@link #waitIdle}): the unread bytes move to a pooled buffer, which the read then
     * fills. The head of the exchange in progress may stay where it lies: nothing reads
     * into the idle array until the next wait, and the wait retires that head first.
     */
    private void leaveIdleArray() {
        byte[] work = BufferPool.take();
        int n = limit - pos;
        System.arraycopy(buf, pos, work, 0, n);
        buf = work;
        pos = 0;
        limit = n;
        liveEnd = 0; // none of the live head's bytes lie in the new buffer
    }

    /** The head of the exchange in progress will outlive its bytes here: it copies them. */
    void detachLive() {
        if (live != null) {
            live.detach();
            live = null;
        }
    }

    /** The exchange is over: its head's values can no longer be read. */
    private void retireLive() {
        if (live != null) {
            live.retire();
            live = null;
        }
    }

    /**
     * Waits with nothing buffered, in {@code state} (the next request, or a WebSocket's next
     * frame): the pooled buffer goes back and the wait happens in the small idle array. What
     * the read brought is read where it landed: a request (or a batch of pipelined ones)
     * that came whole is served without a pooled buffer, and only a read for more moves the
     * bytes to one (see {@link #leaveIdleArray}), so what follows is read as before. Returns
     * the count read, or -1 at end of stream. A stopping server's wait for a request ends at
     * once, as a close: the stop marks the server as draining and then closes every
     * connection it finds idle, and this one marks itself idle before it checks, so one of
     * the two always sees the other.
     */
    int waitIdle(int state) throws IOException {
        release(); // nothing is buffered: wait in the idle array, the pooled one goes back
        int n;
        if (state == Watch.IDLE && draining()) {
            n = -1;
        } else {
            n = socketRead(idle, 0, idle.length, state);
        }
        if (n > 0) {
            limit = n; // buf is the idle array: release() made it so
            if (n == idle.length && n < IDLE) {
                idle = new byte[IDLE]; // more was probably waiting: see IDLE (buf keeps the small one)
            }
        }
        return n;
    }

    /**
     * Gives the pooled buffer back and forgets what was buffered: the connection is about
     * to wait idle, or is closed and reads no more. The exchange's head is retired first.
     */
    void release() {
        retireLive();
        if (buf != idle) {
            BufferPool.give(buf);
            buf = idle;
        }
        pos = 0;
        limit = 0;
        bodyPace = Pace.NONE; // the last body's is done with
        head = null;
    }

    /** Whether a head's parse state is held (tests look: an idle wait holds none). */
    boolean holdsHeadState() {
        return head != null;
    }

    private PartialHead partialHead() {
        PartialHead h = head;
        if (h == null) {
            h = parser.partial();
            head = h;
        }
        return h;
    }

    private boolean draining() {
        watch.block(Watch.IDLE);
        if (stopping.getAsBoolean()) {
            watch.unblock();
            return true;
        }
        return false;
    }

    /** Makes a wait for the next request end at once, as a close, when {@code stopping} says so. */
    void stopWhen(BooleanSupplier stopping) {
        this.stopping = stopping;
    }

    /**
     * Sends what {@code out} holds whenever a head read is about to wait for more bytes:
     * the answers to the pipelined requests before that head.
     */
    void answerThrough(OutputBuffer out) {
        this.answers = out;
    }

    /** Counts every byte read from now on into {@code counter}. */
    void countInto(LongAdder counter) {
        this.counted = counter;
    }

    /**
     * The one place a socket read happens, under the watch for {@code state}. A body read
     * is also held to the body's pace, whoever reads: a handler, chunk framing read a
     * line at a time, or the engine discarding what a handler left.
     */
    private int socketRead(byte[] dst, int off, int len, int state) throws IOException {
        watch.block(state);
        long t0 = state == Watch.BODY ? System.nanoTime() : 0; // only a body read is paced, and the clock costs
        int n;
        try {
            n = in.read(dst, off, len);
        } finally {
            watch.unblock();
        }
        if (counted != null && n > 0) {
            counted.add(n);
        }
        if (state == Watch.BODY && !bodyPace.record(System.nanoTime() - t0, Math.max(n, 0))) {
            throw new ProtocolException(Violation.BODY_TIMEOUT);
        }
        return n;
    }

    /** The pace the next body's reads are held to; a new one for each request. */
    void bodyPace(Pace pace) {
        this.bodyPace = pace;
    }

    /**
     * Copies up to {@code len} body bytes into {@code dst}: buffered bytes first, then
     * straight from the socket for large reads (no double copy), else through the buffer.
     * Returns -1 at end of stream.
     */
    int read(byte[] dst, int off, int len) throws IOException {
        return read(dst, off, len, Watch.BODY);
    }

    /**
     * Copies up to {@code len} bytes of a WebSocket frame's payload into {@code dst}, the
     * same way as a body read but unpaced and unwatched (see {@link Watch#FRAME}).
     * Returns -1 at end of stream.
     */
    int readFrame(byte[] dst, int off, int len) throws IOException {
        return read(dst, off, len, Watch.FRAME);
    }

    private int read(byte[] dst, int off, int len, int state) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (limit == pos) {
            // measured against a pooled buffer's size even while in the idle array, so that
            // a body is read the same way whichever array its head came in
            if (len >= Math.max(buf.length, INITIAL) / 2) {
                return socketRead(dst, off, len, state);
            }
            consume(pos);
            if (fill(state) < 0) {
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
