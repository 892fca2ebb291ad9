package org.genro.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The connection's write buffer. Responses are appended here and leave in one write
 * when the connection has nothing more to answer right away: a head and a small body
 * share a segment, and pipelined responses share a write (performance.md §3).
 *
 * <p>Owned by the connection's virtual thread; not thread-safe.
 */
final class OutputBuffer {
    /** Above this many buffered bytes, write even if more pipelined requests wait. */
    static final int FLUSH_THRESHOLD = 32 * 1024;

    private final OutputStream out;
    private final Watch watch;
    private byte[] buf = new byte[8 * 1024];
    private int count;

    OutputBuffer(OutputStream out, Watch watch) {
        this.out = out;
        this.watch = watch;
    }

    int size() {
        return count;
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

    /** Appends a Latin-1 string (header names and values are checked to be Latin-1). */
    void writeLatin1(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[count + i] = (byte) s.charAt(i);
        }
        count += n;
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

    /** Writes what is buffered, then {@code b[off, off+len)} without copying it. */
    void writeThrough(byte[] b, int off, int len) throws IOException {
        flush();
        watch.block(Watch.WRITE);
        try {
            out.write(b, off, len);
        } finally {
            watch.unblock();
        }
    }

    /** Sends everything buffered. */
    void flush() throws IOException {
        if (count == 0) {
            return;
        }
        watch.block(Watch.WRITE);
        try {
            out.write(buf, 0, count);
            out.flush();
        } finally {
            watch.unblock();
        }
        count = 0;
        if (buf.length > 64 * 1024) {
            buf = new byte[8 * 1024]; // a big response passed; do not keep its memory per connection
        }
    }

    private void ensure(int n) {
        if (count + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
        }
    }
}
