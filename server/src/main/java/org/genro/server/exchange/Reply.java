package org.genro.server.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.genro.http.Headers;

/**
 * The response an application produces, before it is written: status, headers and a
 * body that is bytes, a file (or part of one), or a writer that streams. Middleware sees
 * it whole on the way out (to compress, cache or add headers) because nothing has been
 * sent yet; the server writes it to the connection at the very end.
 *
 * <p>A handler may return a Reply to control status and headers; plain results (maps,
 * strings, bytes, files) are turned into one by the dispatcher.
 */
public final class Reply {
    /** Streams a body that is produced piece by piece (server-sent events, large exports). */
    @FunctionalInterface
    public interface BodyWriter {
        /** Writes the body; {@code flush()} on {@code out} pushes bytes to the client. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Part of a file, and the version of the file the reply was made from. The server sends
     * the region only if the file still has that size and modification time when it opens
     * it: validators computed from one version ({@code ETag}, {@code Content-Range}) never
     * go out with the bytes of another. The bytes leave without passing through the heap
     * where the connection allows it.
     *
     * @param file     the file
     * @param offset   the first byte sent
     * @param length   how many bytes, or -1 for the rest of the file as it is when sent
     * @param size     the file's size when the reply was made, or -1 to skip the check
     * @param modified the file's modification time then, or null to skip the check
     */
    public record FileRegion(Path file, long offset, long length, long size, FileTime modified) {
        /**
         * Checks the numbers.
         *
         * @throws IllegalArgumentException for a negative offset, a length below -1, or a
         *                                  region that does not fit the size given
         */
        public FileRegion {
            Objects.requireNonNull(file, "file");
            if (offset < 0 || length < -1 || size < -1) {
                throw new IllegalArgumentException("offset must be >= 0, length and size >= -1");
            }
            if (size >= 0 && length >= 0 && offset > size - length) {
                throw new IllegalArgumentException("the region ends past the size given");
            }
        }

        /** The whole of {@code file}, whatever it holds when sent. */
        public static FileRegion whole(Path file) {
            return new FileRegion(file, 0, -1, -1, null);
        }

        /** Whether a file with the attributes {@code now} is still the version this region was cut from. */
        public boolean matches(BasicFileAttributes now) {
            return (size < 0 || now.size() == size) && (modified == null || modified.equals(now.lastModifiedTime()));
        }
    }

    private static final byte[] EMPTY = new byte[0];

    private int status;
    /**
     * Room for four fields: a reply from the dispatcher carries two (its type and the
     * request id) and the full middleware chain brings it to four (an ETag, a Vary), so
     * the list's default of eight only cleared memory no field used.
     */
    private final Headers headers = new Headers(4);
    private byte[] bytes = EMPTY;
    private FileRegion region;
    private BodyWriter writer;
    private long streamLength = -1;

    private Reply(int status) {
        status(status);
    }

    /** An empty reply with this status. */
    public static Reply of(int status) {
        return new Reply(status);
    }

    /** An empty 200. */
    public static Reply ok() {
        return new Reply(200);
    }

    /** UTF-8 text, {@code text/plain; charset=utf-8}. */
    public static Reply text(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** UTF-8 HTML, {@code text/html; charset=utf-8}. */
    public static Reply html(String html) {
        return bytes(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    }

    /** Bytes with a content type. */
    public static Reply bytes(byte[] body, String contentType) {
        Reply r = new Reply(200);
        r.body(body);
        return r.contentType(contentType);
    }

    /** A file, streamed from disk; its type comes from the dispatcher unless set. */
    public static Reply file(Path file) {
        return file(FileRegion.whole(file));
    }

    /** Part of a file, sent only while the file is the version the region names (see {@link FileRegion}). */
    public static Reply file(FileRegion region) {
        Reply r = new Reply(200);
        r.region = Objects.requireNonNull(region, "region");
        r.bytes = null;
        return r;
    }

    /** A streamed body of unknown length (chunked on the wire). */
    public static Reply stream(String contentType, BodyWriter writer) {
        Reply r = new Reply(200);
        r.writer = Objects.requireNonNull(writer, "writer");
        r.bytes = null;
        return r.contentType(contentType);
    }

    /**
     * A streamed body of known length, sent with {@code Content-Length}. A writer that
     * writes more or fewer bytes breaks the message: the connection closes after it.
     */
    public static Reply stream(String contentType, long length, BodyWriter writer) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, got " + length);
        }
        Reply r = stream(contentType, writer);
        r.streamLength = length;
        return r;
    }

    /** A redirect: 307 keeps the method and body, 308 too, permanently; 302/303 for GET-after-POST. */
    public static Reply redirect(int status, String location) {
        if (status < 300 || status > 308) {
            throw new IllegalArgumentException("redirect status must be 3xx, got " + status);
        }
        return new Reply(status).header("Location", location);
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** Sets the status code (100-599). */
    public Reply status(int code) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("status must be 100-599, got " + code);
        }
        this.status = code;
        return this;
    }

    /** The headers; names are case-insensitive, values checked against CR/LF. */
    public Headers headers() {
        return headers;
    }

    /**
     * Sets a header, replacing others of the same name.
     *
     * @throws IllegalStateException    for {@code Transfer-Encoding}, which the engine
     *                                  chooses: a handler bug, answered 500
     * @throws IllegalArgumentException for a value with a control character
     */
    public Reply header(String name, String value) {
        headers.set(checked(name), value);
        return this;
    }

    /**
     * Adds a header, keeping others of the same name.
     *
     * @throws IllegalStateException    as for {@link #header}
     * @throws IllegalArgumentException as for {@link #header}
     */
    public Reply addHeader(String name, String value) {
        headers.add(checked(name), value);
        return this;
    }

    /**
     * Framing belongs to the engine: it writes the length of the body it sends (a
     * {@code Content-Length} set here is ignored) and picks the transfer coding.
     */
    private static String checked(String name) {
        if (name.equalsIgnoreCase("Transfer-Encoding")) {
            throw new IllegalStateException("Transfer-Encoding is chosen by the server");
        }
        return name;
    }

    /** Sets {@code Content-Type}. */
    public Reply contentType(String type) {
        return header("Content-Type", type);
    }

    /** The {@code Content-Type}, or null. */
    public String contentType() {
        return headers.first("Content-Type");
    }

    /** The body bytes, or null when the body is a file or a stream. */
    public byte[] body() {
        return bytes;
    }

    /** Replaces the body with bytes (e.g. compressed ones). */
    public Reply body(byte[] body) {
        this.bytes = Objects.requireNonNull(body, "body");
        this.region = null;
        this.writer = null;
        this.streamLength = -1;
        return this;
    }

    /** The file the body comes from, or null; {@link #region()} says which part. */
    public Path file() {
        return region == null ? null : region.file();
    }

    /** The part of a file to send, or null when the body is not a file. */
    public FileRegion region() {
        return region;
    }

    /** The streaming writer, or null. */
    public BodyWriter writer() {
        return writer;
    }

    /** The length a streamed body declared, or -1 when it is unknown (or the body is not streamed). */
    public long streamLength() {
        return streamLength;
    }

    /** Whether the body is in memory (middleware may read and replace it). */
    public boolean buffered() {
        return bytes != null;
    }

    @Override
    public String toString() {
        return "Reply[" + status + (bytes != null ? ", " + bytes.length + " bytes" : region != null ? ", file" : ", stream") + "]";
    }
}
