package org.genro.http.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A benchmark's client on one loopback connection: writes {@code depth} copies of a GET at
 * once and reads until as many answers have arrived, each known by its body's last bytes.
 * Answers are counted rather than measured in bytes, since a server's answers need not all
 * have one length (a request id grows a digit now and then). It allocates nothing per batch,
 * so that {@code -prof gc} counts the server's bytes alone.
 */
public final class PipelinedClient implements Closeable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] batch;
    private final Ends ends;
    private final byte[] answers = new byte[64 * 1024];
    private final int depth;

    /**
     * Connects to {@code port} on loopback; each batch is {@code depth} GETs of {@code path},
     * and an answer ends with {@code body}, which must not begin again inside itself (no
     * proper prefix that is also a suffix), so that a mismatch can restart from scratch.
     */
    public PipelinedClient(int port, String path, int depth, String body) throws IOException {
        this.depth = depth;
        this.ends = new Ends(body);
        byte[] one = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        batch = new byte[one.length * depth];
        for (int i = 0; i < depth; i++) {
            System.arraycopy(one, 0, batch, i * one.length, one.length);
        }
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Writes one batch and reads its answers; returns the bytes read. */
    public int batch() throws IOException {
        out.write(batch);
        int seen = 0;
        int bytes = 0;
        while (seen < depth) {
            int r = in.read(answers);
            if (r < 0) {
                throw new IOException("the server closed after " + seen + " of " + depth + " answers");
            }
            bytes += r;
            seen += ends.count(answers, r);
        }
        if (seen > depth) {
            throw new IOException(seen + " answers to " + depth + " requests");
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Finds where answers end in a stream read piece by piece. */
    static final class Ends {
        private final byte[] body;
        /** How many bytes of {@link #body} the stream read so far ends with. */
        private int matched;

        Ends(String body) {
            if (body.isEmpty()) {
                throw new IllegalArgumentException("an empty body marks nothing");
            }
            for (int k = 1; k < body.length(); k++) {
                if (body.startsWith(body.substring(k))) {
                    throw new IllegalArgumentException("the body overlaps itself: " + body);
                }
            }
            this.body = body.getBytes(StandardCharsets.US_ASCII);
        }

        /** The answers that end in {@code b[0, n)}, carrying a partial match across reads. */
        int count(byte[] b, int n) {
            int found = 0;
            int m = matched;
            for (int i = 0; i < n; i++) {
                if (b[i] == body[m]) {
                    if (++m == body.length) {
                        found++;
                        m = 0;
                    }
                } else {
                    m = b[i] == body[0] ? 1 : 0;
                }
            }
            matched = m;
            return found;
        }
    }
}
