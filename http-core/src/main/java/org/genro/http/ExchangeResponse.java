package org.genro.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The response half of one exchange. Writes its head and body into the connection's
 * {@link OutputBuffer}; the connection decides when the bytes leave.
 *
 * <p>Framing rules applied here: HEAD gets the head only; 1xx and 204 carry neither
 * body nor length, 304 no body (RFC 9110 §6.4.1); a streamed body is chunked for
 * HTTP/1.1 and delimited by closing the connection for HTTP/1.0 (RFC 9112 §6.3).
 */
final class ExchangeResponse implements Response {
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String TEXT_UTF8 = "text/plain; charset=utf-8";
    /** Bodies larger than this skip the buffer copy and go straight to the socket. */
    private static final int WRITE_THROUGH = 16 * 1024;

    private final OutputBuffer out;
    private final Persistence persistence;
    private final boolean headRequest;
    private final boolean http10;
    private final Headers headers = new Headers();
    private final Headers view = Headers.readOnlyView(headers);
    private int status = 200;
    private boolean committed;
    private boolean dateSet;
    private long declaredLength = -1;
    private BodyOutput stream;

    ExchangeResponse(OutputBuffer out, Persistence persistence, boolean headRequest, boolean http10) {
        this.out = out;
        this.persistence = persistence;
        this.headRequest = headRequest;
        this.http10 = http10;
    }

    @Override
    public Response status(int code) {
        checkOpen();
        if (code < 200 && code != 101 || code > 599) {
            throw new IllegalArgumentException("status must be 200-599 (or 101), got " + code);
        }
        status = code;
        return this;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Response header(String name, String value) {
        if (!framing(name, value)) {
            headers.set(name, value);
        }
        return this;
    }

    @Override
    public Response addHeader(String name, String value) {
        if (!framing(name, value)) {
            headers.add(name, value);
        }
        return this;
    }

    /** Takes the fields the engine writes itself; returns true if {@code name} was one. */
    private boolean framing(String name, String value) {
        checkOpen();
        if (name.equalsIgnoreCase("Content-Length")) {
            try {
                declaredLength = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Content-Length must be a number");
            }
            if (declaredLength < 0) {
                throw new IllegalArgumentException("Content-Length must not be negative");
            }
            return true;
        }
        if (name.equalsIgnoreCase("Transfer-Encoding")) {
            throw new IllegalArgumentException("Transfer-Encoding is chosen by the server");
        }
        if (name.equalsIgnoreCase("Connection")) {
            Headers.checkValue(value);
            if (value.toLowerCase(java.util.Locale.ROOT).contains("close")) {
                persistence.handlerAskedClose();
            }
            return true;
        }
        dateSet |= name.equalsIgnoreCase("Date");
        return false;
    }

    /** A live read-only view: fields are set through {@link #header} and {@link #addHeader}, which keep framing for the engine. */
    @Override
    public Headers headers() {
        return view;
    }

    @Override
    public void send() {
        send(new byte[0], 0, 0);
    }

    @Override
    public void send(byte[] body) {
        send(body, 0, body.length);
    }

    @Override
    public void send(String text) {
        if (!headers.contains("Content-Type")) {
            headers.set("Content-Type", TEXT_UTF8);
        }
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void send(byte[] body, int off, int len) {
        checkOpen();
        java.util.Objects.checkFromIndexSize(off, len, body.length);
        if (stream != null) {
            throw new IllegalStateException("the body is being streamed");
        }
        sendFixed(body, off, len);
    }

    /** Head with Content-Length, then the body; also ends a stream that fit one buffer. */
    void sendFixed(byte[] body, int off, int len) {
        writeHead(len, false);
        if (headRequest || !bodyAllowed()) {
            return;
        }
        if (len > WRITE_THROUGH) {
            try {
                out.writeThrough(body, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.write(body, off, len);
        }
    }

    @Override
    public OutputStream stream() {
        if (stream == null) {
            checkOpen();
            stream = new BodyOutput(this, out, declaredLength);
        }
        return stream;
    }

    @Override
    public boolean committed() {
        return committed;
    }

    /** The body broke its declared length: only closing the connection can end it. */
    void framingBroken() {
        persistence.delimitedByClose();
    }

    boolean bodyAllowed() {
        return status >= 200 && status != 204 && status != 304;
    }

    boolean discardsBody() {
        return headRequest || !bodyAllowed();
    }

    /**
     * Writes status line and fields. {@code length} is the body size or -1 when
     * streamed; {@code chunked} picks chunked framing for a streamed body.
     */
    void writeHead(long length, boolean chunked) {
        committed = true;
        out.write(StatusLine.of(status));
        if (!dateSet) {
            out.write(HttpDate.line());
        }
        for (int i = 0; i < headers.size(); i++) {
            out.writeLatin1(headers.name(i));
            out.write(':');
            out.write(' ');
            out.writeLatin1(headers.value(i));
            out.crlf();
        }
        // HEAD and 304 describe a body they do not carry: a length the handler declared
        // is that body's, not the zero bytes sent (RFC 9110 §8.6, §15.4.5)
        long advertised = declaredLength >= 0 && (headRequest || status == 304) ? declaredLength : length;
        if (status >= 200 && status != 204 && status != 304 || status == 304 && declaredLength >= 0) {
            if (chunked) {
                out.write(CHUNKED);
            } else if (advertised >= 0) {
                out.write(CONTENT_LENGTH);
                out.writeDecimal(advertised);
                out.crlf();
            } else if (!headRequest) {
                persistence.delimitedByClose(); // HTTP/1.0 stream: the end of the body is the end of the connection
            }
        }
        if (persistence.close()) {
            out.write(CLOSE);
        } else if (http10) {
            out.write(KEEP_ALIVE);
        }
        out.crlf();
    }

    /** Whether a streamed body of unknown length may be chunked (not for HTTP/1.0). */
    boolean chunkingAllowed() {
        return !http10;
    }

    /** Ends the response: an empty 200 if nothing was sent, or the end of a stream. */
    void finish() throws IOException {
        if (stream != null) {
            stream.close();
        } else if (!committed) {
            send();
        }
    }

    private void checkOpen() {
        if (committed) {
            throw new IllegalStateException("the response is already committed");
        }
    }
}
