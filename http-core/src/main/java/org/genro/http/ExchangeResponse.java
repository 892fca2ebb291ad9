package org.genro.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.genro.http.wire.Handshake;
import org.genro.http.wire.PermessageDeflate;
import org.genro.http.wire.RequestHead;
import org.genro.http.wire.Violation;

/**
 * The response half of one exchange. Writes its head and body into the connection's
 * {@link OutputBuffer}; the connection decides when the bytes leave.
 *
 * <p>Framing rules applied here: HEAD gets the head only; 1xx and 204 carry neither
 * body nor length, 304 no body (RFC 9110 §6.4.1); a streamed body is chunked for
 * HTTP/1.1 and delimited by closing the connection for HTTP/1.0 (RFC 9112 §6.3).
 *
 * <p>An accepted WebSocket handshake ({@link #upgrade}) writes nothing by itself: once
 * the handler has returned, the connection writes the 101 ({@link #writeSwitch}) and
 * switches, so a handler that throws after accepting still gets its 500 instead.
 */
final class ExchangeResponse implements Response {
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OFFER_UPGRADE = "Connection: upgrade\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OFFER_UPGRADE_CLOSE = "Connection: upgrade, close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SWITCH = "Upgrade: websocket\r\nConnection: Upgrade\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Fields of a 101 that only the engine writes: a handler's own would contradict them. */
    private static final String[] SWITCH_FIELDS = {"Upgrade", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol",
        "Sec-WebSocket-Extensions"};
    private static final String TEXT_UTF8 = "text/plain; charset=utf-8";
    /** Bodies larger than this skip the buffer copy and go straight to the socket (files: by transferTo). */
    private static final int WRITE_THROUGH = 16 * 1024;

    private final OutputBuffer out;
    private final Persistence persistence;
    private final RequestHead request;
    private final boolean deflateAllowed;
    private final boolean headRequest;
    private final boolean http10;
    /** What a response's fields become once it has given its list back: none, and none can be set. */
    private static final Headers GIVEN_BACK = Headers.readOnlyView(new Headers(1));

    /** The handler's fields; a list the connection may reuse (see {@link #giveBackFields}). */
    private Headers headers;
    /** Made when a handler first asks for the fields: most only set them. */
    private Headers view;
    private int status = 200;
    private boolean committed;
    private boolean dateSet;
    private long declaredLength = -1;
    private BodyOutput stream;
    /** Sent with a 426: names the protocol to switch to, which Connection must list too (RFC 9110 §7.8). */
    private boolean offersUpgrade;
    private Switch upgrade;

    /**
     * @param request        the request answered, or null for a rejection that has no
     *                       parsed head
     * @param deflateAllowed whether a WebSocket handshake may agree to permessage-deflate
     * @param fields         an empty list for the handler's fields
     */
    ExchangeResponse(OutputBuffer out, Persistence persistence, RequestHead request, boolean deflateAllowed,
            Headers fields) {
        this.out = out;
        this.headers = fields;
        this.persistence = persistence;
        this.request = request;
        this.deflateAllowed = deflateAllowed;
        this.headRequest = request != null && "HEAD".equals(request.method());
        this.http10 = request != null && request.version() == 10;
    }

    /**
     * An accepted WebSocket handshake, written as the 101 once the handler returns.
     *
     * @param accept the {@code Sec-WebSocket-Accept} value
     * @param deflate the agreed permessage-deflate, or null
     */
    record Switch(WebSocketListener listener, String subprotocol, String accept, PermessageDeflate.Agreement deflate) {
    }

    @Override
    public Response status(int code) {
        checkOpen();
        checkNotSwitching();
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

    @Override
    public Response addHeaders(Headers fields) {
        for (int i = 0, n = fields.size(); i < n; i++) {
            String name = fields.name(i);
            String value = fields.value(i);
            if (!framing(name, value)) {
                headers.append(name, value);
            }
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
        if (view == null) {
            view = Headers.readOnlyView(headers);
        }
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
        checkOpen();
        if (!headers.contains("Content-Type")) {
            headers.set("Content-Type", TEXT_UTF8);
        }
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void send(byte[] body, int off, int len) {
        checkOpen();
        checkNotSwitching();
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
    public void send(FileChannel file, long offset, long length) throws IOException {
        Objects.requireNonNull(file, "file");
        checkOpen();
        checkNotSwitching();
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
        if (stream != null) {
            throw new IllegalStateException("the body is being streamed");
        }
        writeHead(length, false);
        if (discardsBody() || length == 0) {
            return;
        }
        try {
            if (length <= WRITE_THROUGH) {
                out.append(file, offset, (int) length);
            } else {
                out.transfer(file, offset, length);
            }
        } catch (IOException | RuntimeException e) {
            framingBroken(); // the head promised bytes that will not all come
            throw e;
        }
    }

    @Override
    public OutputStream stream() {
        if (stream == null) {
            checkOpen();
            checkNotSwitching();
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
        writeFields(false);
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
            out.write(offersUpgrade ? OFFER_UPGRADE_CLOSE : CLOSE);
        } else if (offersUpgrade) {
            out.write(OFFER_UPGRADE);
        } else if (http10) {
            out.write(KEEP_ALIVE);
        }
        out.crlf();
    }

    /** Whether a streamed body of unknown length may be chunked (not for HTTP/1.0). */
    boolean chunkingAllowed() {
        return !http10;
    }

    private void writeFields(boolean switching) {
        Headers h = headers;
        for (int i = 0, n = h.size(); i < n; i++) {
            String name = h.name(i);
            if (!switching || !engineField(name)) {
                out.writeField(name, h.value(i));
            }
        }
    }

    private static boolean engineField(String name) {
        for (String f : SWITCH_FIELDS) {
            if (f.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Ends the response: an empty 200 if nothing was sent, or the end of a stream; nothing for a switch. */
    void finish() throws IOException {
        if (upgrade != null) {
            return;
        }
        if (stream != null) {
            stream.close();
        } else if (!committed) {
            send();
        }
    }

    @Override
    public boolean upgrade(WebSocketListener listener, String subprotocol) {
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        if (upgrade != null || stream != null) {
            throw new IllegalStateException(upgrade != null ? "upgrade was already accepted" : "the body is being streamed");
        }
        Violation refused = request == null ? Violation.WEBSOCKET_UPGRADE_MISSING : Handshake.check(request);
        if (refused != null) {
            refuse(refused);
            return false;
        }
        Headers fields = Headers.wrap(request);
        if (subprotocol != null && !WebSockets.offered(fields).contains(subprotocol)) {
            throw new IllegalArgumentException("the client did not offer the subprotocol " + subprotocol);
        }
        PermessageDeflate.Agreement deflate = deflateAllowed
                ? PermessageDeflate.negotiate(fields.all("Sec-WebSocket-Extensions")) : null;
        upgrade = new Switch(listener, subprotocol, Handshake.accept(Handshake.key(request)), deflate);
        status = 101;
        return true;
    }

    /**
     * Answers a handshake that cannot switch with a short plain-text reason; a 426 also
     * names the protocol and version the client should ask for (RFC 6455 §4.4).
     */
    private void refuse(Violation v) {
        status = v.status();
        if (v.status() == 426) {
            headers.set("Upgrade", "websocket");
            headers.set("Sec-WebSocket-Version", "13");
            offersUpgrade = true;
        }
        headers.set("Content-Type", TEXT_UTF8);
        send(Status.reason(v.status()) + ": " + v.message() + "\n");
    }

    /**
     * Once the exchange is over: hands the list of fields over, emptied, for the
     * connection's next response, unless a handler may still hold it (it asked for
     * {@link #headers()}) or the response switched protocols. Returns null when it keeps
     * the list. A response that gave its list back shows no fields and takes none.
     */
    Headers giveBackFields() {
        if (view != null || upgrade != null || headers == GIVEN_BACK) {
            return null;
        }
        Headers h = headers;
        headers = GIVEN_BACK;
        h.clear();
        return h;
    }

    /** The accepted handshake, or null when this response does not switch. */
    Switch switching() {
        return upgrade;
    }

    /**
     * Writes the 101 of an accepted handshake: the engine's fields, then the handler's
     * (a cookie, say). No Date, which a 1xx may omit, and no framing fields: no message
     * body follows, the connection's bytes are frames from here on.
     */
    void writeSwitch() {
        committed = true;
        out.write(StatusLine.of(101));
        out.write(SWITCH);
        out.writeField("Sec-WebSocket-Accept", upgrade.accept());
        if (upgrade.subprotocol() != null) {
            out.writeField("Sec-WebSocket-Protocol", upgrade.subprotocol());
        }
        if (upgrade.deflate() != null) {
            out.writeField("Sec-WebSocket-Extensions", upgrade.deflate().answer());
        }
        writeFields(true);
        out.crlf();
    }

    private void checkNotSwitching() {
        if (upgrade != null) {
            throw new IllegalStateException("the response switches to WebSocket: no status or body of its own");
        }
    }

    private void checkOpen() {
        if (committed) {
            throw new IllegalStateException("the response is already committed");
        }
    }
}
