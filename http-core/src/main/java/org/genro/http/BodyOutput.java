package org.genro.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A streamed response body. Collects up to one buffer; if the body ends within it, the
 * response gets a Content-Length like any other. Otherwise the head is committed and
 * the body goes out chunked (HTTP/1.1), as declared by Content-Length, or delimited by
 * closing the connection (HTTP/1.0). {@link #flush()} pushes bytes to the client.
 */
final class BodyOutput extends OutputStream {
    /**
     * Chunks of a few KiB keep the per-chunk overhead (size line, CRLFs, a write each)
     * small against the data; 8 KiB it is.
     */
    private static final int BUFFER = 8 * 1024;
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

    private final ExchangeResponse response;
    private final OutputBuffer out;
    private final long declared;
    private final byte[] buf = new byte[BUFFER];
    private int count;
    private long written;
    private boolean chunked;
    private boolean closed;

    BodyOutput(ExchangeResponse response, OutputBuffer out, long declared) {
        this.response = response;
        this.out = out;
        this.declared = declared;
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buf.length) {
            drain(false);
        }
        ensureOpen();
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (count == buf.length) {
                drain(false);
            }
            int n = Math.min(len, buf.length - count);
            System.arraycopy(b, off, buf, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        drain(true);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!response.committed()) {
            if (response.discardsBody()) {
                // HEAD (or 204/304): the head GET would get, without the bytes; a stream of
                // unknown length says chunked, as GET would
                response.writeHead(declared, declared < 0 && response.chunkingAllowed());
                return;
            }
            if (declared >= 0 && declared != count) {
                response.framingBroken();
                throw new IOException("declared Content-Length " + declared + " but wrote " + count);
            }
            response.sendFixed(buf, 0, count);
            return;
        }
        drain(false);
        if (chunked && !response.discardsBody()) {
            out.write(LAST_CHUNK);
        } else if (declared >= 0 && written != declared && !response.discardsBody()) {
            response.framingBroken();
            throw new IOException("declared Content-Length " + declared + " but wrote " + written);
        }
    }

    /** Moves buffered bytes to the connection's buffer, committing the head first. */
    private void drain(boolean push) throws IOException {
        if (!response.committed()) {
            chunked = declared < 0 && response.chunkingAllowed();
            response.writeHead(declared, chunked);
        }
        if (count > 0 && !response.discardsBody()) {
            written += count;
            if (declared >= 0 && written > declared) {
                response.framingBroken();
                throw new IOException("body longer than the declared Content-Length " + declared);
            }
            if (chunked) {
                out.writeHex(count);
                out.crlf();
                out.write(buf, 0, count);
                out.crlf();
            } else {
                out.write(buf, 0, count);
            }
        }
        count = 0;
        if (push || out.size() >= OutputBuffer.FLUSH_THRESHOLD) {
            out.flush();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("response body stream is closed");
        }
    }
}
