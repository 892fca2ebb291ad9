package org.genro.server.files;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.genro.server.files.ByteRanges.Span;

/**
 * A {@code multipart/byteranges} body (RFC 9110 §14.6): each part a delimiter, its
 * {@code Content-Type} and {@code Content-Range}, then its bytes; the length is known
 * before the first byte is written, so the reply carries an exact {@code Content-Length}.
 *
 * <p>The boundary is 128 random bits from a strong generator: a file whose content
 * someone else chose must not be able to guess it and forge parts of its own.
 */
final class Multipart {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int COPY = 16 * 1024;

    private final String boundary;
    private final List<Span> spans;
    private final byte[][] heads;
    private final byte[] tail;
    private final long length;

    /** The parts {@code spans} of a representation of type {@code type} and {@code size} bytes. */
    Multipart(String type, long size, List<Span> spans) {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        this.boundary = HexFormat.of().formatHex(bits);
        this.spans = spans;
        this.heads = new byte[spans.size()][];
        long total = 0;
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            // the CRLF before a delimiter belongs to it (RFC 2046 §5.1.1): none before the first
            heads[i] = ((i == 0 ? "" : "\r\n") + "--" + boundary + "\r\nContent-Type: " + type
                    + "\r\nContent-Range: bytes " + s.first() + "-" + s.last() + "/" + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            total += heads[i].length + s.length();
        }
        this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        this.length = total + tail.length;
    }

    /** The reply's {@code Content-Type}. */
    String contentType() {
        return "multipart/byteranges; boundary=" + boundary;
    }

    /** The body's exact length. */
    long length() {
        return length;
    }

    /** The body, for a representation held in memory. */
    byte[] from(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
        for (int i = 0; i < spans.size(); i++) {
            out.writeBytes(heads[i]);
            out.write(content, (int) spans.get(i).first(), (int) spans.get(i).length());
        }
        out.writeBytes(tail);
        return out.toByteArray();
    }

    /** Writes the body, reading the parts from {@code file}. */
    void write(OutputStream out, FileChannel file) throws IOException {
        byte[] slice = new byte[COPY];
        for (int i = 0; i < spans.size(); i++) {
            out.write(heads[i]);
            Span s = spans.get(i);
            for (long at = s.first(); at <= s.last(); ) {
                int n = (int) Math.min(COPY, s.last() - at + 1);
                int read = file.read(ByteBuffer.wrap(slice, 0, n), at);
                if (read < 0) {
                    throw new EOFException("the file ended before its range did");
                }
                out.write(slice, 0, read);
                at += read;
            }
        }
        out.write(tail);
    }
}
