package org.genro.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connection's write buffer. Responses are appended here and leave in one write
 * when the connection has nothing more to answer right away: a head and a small body
 * share a segment, and pipelined responses share a write instead of a system call each.
 *
 * <p>Owned by the connection's virtual thread; not thread-safe.
 */
final class OutputBuffer {
    /** Above this many buffered bytes, write even if more pipelined requests wait. */
    static final int FLUSH_THRESHOLD = 32 * 1024;
    /** The most one blocking write hands the socket: progress is checked between slices. */
    static final int SLICE = 64 * 1024;
    /**
     * The most one transferTo offers the kernel (nginx's {@code sendfile_max_chunk} is 2 MiB):
     * on a connection's virtual thread the call sends what the socket buffer takes and returns.
     */
    static final int TRANSFER_SLICE = 1024 * 1024;
    /**
     * What is copied through the heap when the socket buffer is full: a blocking write of
     * this much parks the thread until the client reads, then sendfile takes over again.
     * Measured on loopback with 1 MiB files and 64 connections (benchmarks/load/files.sh):
     * 16 KiB gave 1.6 GB/s, 64 KiB 2.6 GB/s, 256 KiB 2.1 GB/s, 1 MiB 1.5 GB/s. Too small a
     * slice parks and wakes the thread too often; too large a one copies what sendfile
     * would have moved.
     */
    static final int PARK_SLICE = 64 * 1024;

    private final OutputStream out;
    /** The socket's channel for transferTo, or null (TLS: the bytes must be encrypted first). */
    private final WritableByteChannel channel;
    private final Watch watch;
    private final Pace pace;
    private static final byte[] NONE = new byte[0];
    /** Empty between requests; a pooled array while a response is built. */
    private byte[] buf = NONE;
    private int count;
    /** Bytes that have left, in all: the position in the stream of {@code buf[0]}. */
    private long sent;
    /** Where the current exchange's response starts, as a position in the stream. */
    private long mark;
    private boolean broken;

    OutputBuffer(OutputStream out, Watch watch, Limits limits) {
        this(out, null, watch, limits);
    }

    /** Where the bytes written are counted, for the server's metrics; null counts nothing. */
    private LongAdder counted;

    /** @param channel the socket's channel, to send files with transferTo; null copies them */
    OutputBuffer(OutputStream out, WritableByteChannel channel, Watch watch, Limits limits) {
        this.out = out;
        this.channel = channel;
        this.watch = watch;
        // the rate applies after the write timeout; with that disabled, after half a minute
        long grace = limits.writeTimeout().isZero() ? TimeUnit.SECONDS.toNanos(30) : limits.writeTimeout().toNanos();
        this.pace = new Pace(limits.minWriteRate(), grace);
    }

    int size() {
        return count;
    }

    /** The current exchange's response starts here (after earlier responses and any 100 Continue). */
    void mark() {
        mark = sent + count;
        pace.reset();
    }

    /**
     * Takes back everything appended since {@link #mark()}, if none of it has left yet;
     * returns whether it could. Lets the connection replace a response it must not send
     * (a 200 to a body that turned out incomplete) while it is still only in memory.
     */
    boolean withdraw() {
        if (mark < sent) {
            return false;
        }
        count = (int) (mark - sent);
        return true;
    }

    void write(byte[] b) {
        write(b, 0, b.length);
    }

    void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    void write(int b) {
        ensure(1);
        buf[count++] = (byte) b;
    }

    /**
     * Appends the field line {@code name: value CRLF}, name and value in Latin-1 (both
     * were checked as they were set), with one check of the room left for all of it.
     */
    @SuppressWarnings("deprecation") // the old getBytes keeps each char's low byte: exactly Latin-1, copied as a block
    void writeField(String name, String value) {
        int n = name.length();
        int v = value.length();
        ensure(n + v + 4);
        byte[] b = buf;
        int at = count;
        name.getBytes(0, n, b, at);
        at += n;
        b[at++] = ':';
        b[at++] = ' ';
        value.getBytes(0, v, b, at);
        at += v;
        b[at++] = '\r';
        b[at++] = '\n';
        count = at;
    }

    /** Appends a non-negative decimal number without making a String. */
    void writeDecimal(long v) {
        ensure(20);
        if (v == 0) {
            buf[count++] = '0';
            return;
        }
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        for (int i = count + digits - 1; i >= count; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        count += digits;
    }

    /** Appends a hexadecimal number (chunk sizes). */
    void writeHex(long v) {
        ensure(16);
        int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 3) / 4);
        for (int i = count + digits - 1; i >= count; i--) {
            buf[i] = (byte) "0123456789abcdef".charAt((int) (v & 0xf));
            v >>>= 4;
        }
        count += digits;
    }

    void crlf() {
        ensure(2);
        buf[count++] = '\r';
        buf[count++] = '\n';
    }

    /** Whether a write failed or was cut: the client can no longer be answered. */
    boolean broken() {
        return broken;
    }

    /** Writes what is buffered, then {@code b[off, off+len)} without copying it. */
    void writeThrough(byte[] b, int off, int len) throws IOException {
        flush();
        send(b, off, len);
    }

    /**
     * Appends {@code count} bytes of {@code file} from {@code position}: a small region
     * leaves with the head in one write.
     */
    void append(FileChannel file, long position, int count) throws IOException {
        ensure(count);
        read(file, position, buf, this.count, count);
        this.count += count;
    }

    /**
     * Sends what is buffered, then {@code count} bytes of {@code file} from {@code position}.
     * With a channel the kernel moves them (transferTo, sendfile on Linux). A virtual thread
     * sees its socket as non-blocking, so transferTo returns 0 rather than waiting when the
     * socket buffer is full; one slice is then copied and written the usual way, which parks
     * the thread until the client reads and puts the wait under the write timeout. Without
     * a channel every slice is copied so.
     */
    void transfer(FileChannel file, long position, long count) throws IOException {
        // the head leaves with the start of the file, so that its segment is not sent alone
        // (the socket has TCP_NODELAY; nginx gets the same from TCP_CORK). A whole 64 KiB
        // slice, though the buffer grows for it: topping up only the 8 KiB buffer brought
        // 1 MiB files from 2.9 to 2.0 GB/s on loopback (files.sh)
        int lead = (int) Math.min(count, Math.max(0, PARK_SLICE - this.count));
        append(file, position, lead);
        flush();
        long end = position + count;
        position += lead;
        byte[] slice = null;
        while (position < end) {
            long moved = channel == null ? 0 : direct(file, position, Math.min(end - position, TRANSFER_SLICE));
            if (moved == 0) {
                if (slice == null) {
                    slice = new byte[(int) Math.min(end - position, channel == null ? SLICE : PARK_SLICE)];
                }
                int n = (int) Math.min(slice.length, end - position);
                read(file, position, slice, 0, n);
                send(slice, 0, n);
                moved = n;
            }
            position += moved;
        }
    }

    /** One transferTo to the socket, timed and paced like a write; returns the bytes moved. */
    private long direct(FileChannel file, long position, long count) throws IOException {
        boolean cutBefore = watch.timedOut();
        long t0 = watch.block(Watch.WRITE); // the deadline's clock reading starts the pace's too
        long moved;
        try {
            moved = file.transferTo(position, count, channel);
        } catch (IOException e) {
            broken = true;
            throw e;
        } finally {
            watch.unblock();
        }
        progress(cutBefore, t0, moved);
        return moved;
    }

    /** Reads exactly {@code len} bytes of {@code file} at {@code position} into {@code b[off, off+len)}. */
    private static void read(FileChannel file, long position, byte[] b, int off, int len) throws IOException {
        ByteBuffer dst = ByteBuffer.wrap(b, off, len);
        while (dst.hasRemaining()) {
            if (file.read(dst, position + dst.position() - off) < 0) {
                throw new EOFException("the file ended before the region did");
            }
        }
    }

    /** Sends everything buffered. */
    void flush() throws IOException {
        if (count == 0) {
            return;
        }
        send(buf, 0, count);
        count = 0;
        if (buf.length > BufferPool.SIZE) {
            buf = NONE; // a big response passed; do not keep its memory per connection
        }
    }

    /** Whether the buffer has been given back (tests look). */
    boolean holdsNoBuffer() {
        return buf == NONE;
    }

    /**
     * The connection is about to wait for its next request with everything sent: the
     * buffer goes back to the pool, and the next response takes one again.
     */
    void idle() {
        if (count == 0 && buf != NONE) {
            BufferPool.give(buf);
            buf = NONE;
        }
    }

    /**
     * Writes in slices, re-arming the write deadline for each: the timeout then measures
     * a client that stops reading, not the size of the reply, and the pace catches one
     * that reads too slowly in all.
     */
    private void send(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, SLICE);
            boolean cutBefore = watch.timedOut();
            long t0 = watch.block(Watch.WRITE); // the deadline's clock reading starts the pace's too
            try {
                out.write(b, off, n);
            } catch (IOException e) {
                broken = true;
                throw e;
            } finally {
                watch.unblock();
            }
            progress(cutBefore, t0, n);
            off += n;
            len -= n;
        }
    }

    /** Counts every byte written from now on into {@code counter}. */
    void countInto(LongAdder counter) {
        this.counted = counter;
    }

    /**
     * Counts what one write moved; fails when the sweeper cut the write, or when the client,
     * past the grace period, has read too slowly in all.
     */
    private void progress(boolean cutBefore, long t0, long moved) throws IOException {
        if (counted != null) {
            counted.add(moved);
        }
        if (!cutBefore && watch.timedOut()) {
            // the sweeper closed the socket under this write: a channel's blocked write can
            // return as if it had succeeded, so the cut is reported here, not by the next write
            broken = true;
            throw new IOException("the client stopped reading: write timed out");
        }
        sent += moved;
        if (!pace.record(System.nanoTime() - t0, moved)) {
            broken = true;
            throw new IOException("the client reads more slowly than the minimum write rate");
        }
    }

    private void ensure(int n) {
        if (count + n > buf.length) {
            if (buf == NONE && n <= BufferPool.SIZE) {
                buf = BufferPool.take();
            } else {
                byte[] old = buf;
                buf = Arrays.copyOf(buf, Math.max(Math.max(buf.length * 2, BufferPool.SIZE), count + n));
                BufferPool.give(old);
            }
        }
    }
}
