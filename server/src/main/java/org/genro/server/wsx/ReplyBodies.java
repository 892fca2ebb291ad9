package org.genro.server.wsx;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.genro.server.exchange.Reply;

/**
 * A reply's body in memory, whatever form the handler gave it (bytes, a file, a writer),
 * for a transport that sends each reply as one message. Bounded: a body over the limit
 * is not read to its end.
 */
final class ReplyBodies {
    private ReplyBodies() {
    }

    /** The body, or null when it is longer than {@code max} bytes. */
    static byte[] bytes(Reply reply, long max) throws IOException {
        if (reply.region() != null) {
            return region(reply.region(), max);
        }
        if (reply.writer() != null) {
            Bounded out = new Bounded(max);
            try {
                reply.writer().writeTo(out);
            } catch (TooLong e) {
                return null;
            }
            return out.toByteArray();
        }
        return reply.body().length > max ? null : reply.body();
    }

    /** The bytes of a file region, or null when it is longer than {@code max}. */
    private static byte[] region(Reply.FileRegion region, long max) throws IOException {
        try (FileChannel file = FileChannel.open(region.file())) {
            long length = region.length() < 0 ? file.size() - region.offset() : region.length();
            if (length > max) {
                return null;
            }
            ByteBuffer out = ByteBuffer.allocate((int) Math.max(length, 0));
            while (out.hasRemaining()) {
                if (file.read(out, region.offset() + out.position()) < 0) {
                    throw new EOFException("the file ended before the region did");
                }
            }
            return out.array();
        }
    }

    /** Thrown inside the writer to stop it once it passed the limit. */
    private static final class TooLong extends IOException {
        TooLong() {
            super("the body passed its limit", null);
        }
    }

    private static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long max;

        Bounded(long max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check(len);
            bytes.write(b, off, len);
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }

        private void check(int more) throws TooLong {
            if (bytes.size() + (long) more > max) {
                throw new TooLong();
            }
        }
    }
}
