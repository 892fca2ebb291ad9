package org.genro.http.wire;

/**
 * Every reason the engine refuses a request, each citing the rule it enforces and the
 * status it answers with. There is one strict mode: no rule can be relaxed.
 *
 * <p>The {@link #message()} is safe to send to the client: it describes the rule and
 * never contains bytes from the request (a rejected header may carry credentials).
 */
public enum Violation {
    // Request line, RFC 9112 §3
    METHOD_NOT_TOKEN(400, "RFC 9112 §3.1", "the method is not a token"),
    REQUEST_LINE_MALFORMED(400, "RFC 9112 §3", "the request line is not 'method SP target SP version'"),
    REQUEST_LINE_TOO_LONG(414, "RFC 9112 §3", "the request line is longer than the server accepts"),
    TARGET_INVALID(400, "RFC 9112 §3.2", "the request target contains a character outside RFC 3986"),
    TARGET_FRAGMENT(400, "RFC 9112 §3.2", "the request target carries a fragment"),
    TARGET_USERINFO(400, "RFC 9110 §4.2.4", "the request target carries userinfo"),
    TARGET_FORM(400, "RFC 9112 §3.2", "the request target form does not fit the method"),
    VERSION_MALFORMED(400, "RFC 9112 §2.3", "the protocol version is malformed"),
    VERSION_UNSUPPORTED(505, "RFC 9110 §15.6.6", "only HTTP/1.0 and HTTP/1.1 are supported"),

    // Field lines, RFC 9112 §2.2, §5
    BARE_CR(400, "RFC 9112 §2.2", "a CR is not followed by LF"),
    BARE_LF(400, "RFC 9112 §2.2", "a line ends in LF without CR"),
    WHITESPACE_AFTER_START_LINE(400, "RFC 9112 §2.2", "whitespace between the start line and the first field"),
    OBS_FOLD(400, "RFC 9112 §5.2", "obsolete line folding is not accepted"),
    FIELD_NAME_INVALID(400, "RFC 9110 §5.1", "a field name is not a token"),
    SPACE_BEFORE_COLON(400, "RFC 9112 §5.1", "whitespace between a field name and the colon"),
    FIELD_VALUE_INVALID(400, "RFC 9110 §5.5", "a field value contains a control character"),
    HEAD_TOO_LARGE(431, "RFC 6585 §5", "the request head is larger than the server accepts"),
    TOO_MANY_FIELDS(431, "RFC 6585 §5", "the request has more header fields than the server accepts"),

    // Host, RFC 9112 §3.2
    HOST_MISSING(400, "RFC 9112 §3.2", "an HTTP/1.1 request needs a Host field"),
    HOST_DUPLICATED(400, "RFC 9112 §3.2", "the Host field appears more than once"),
    HOST_INVALID(400, "RFC 9112 §3.2", "the Host field is not a valid authority"),

    // Message body framing, RFC 9112 §6
    CONTENT_LENGTH_INVALID(400, "RFC 9112 §6.3", "Content-Length is not a single decimal number"),
    CONTENT_LENGTH_DUPLICATED(400, "RFC 9112 §6.3", "Content-Length appears more than once"),
    CONTENT_LENGTH_WITH_TRANSFER_ENCODING(400, "RFC 9112 §6.3", "Content-Length together with Transfer-Encoding"),
    TRANSFER_ENCODING_NOT_CHUNKED(400, "RFC 9112 §6.3", "Transfer-Encoding does not end in chunked"),
    TRANSFER_ENCODING_CHUNKED_TWICE(400, "RFC 9112 §6.1", "chunked is applied more than once"),
    TRANSFER_ENCODING_IN_HTTP10(400, "RFC 9112 §6.1", "Transfer-Encoding in an HTTP/1.0 request"),
    TRANSFER_CODING_UNSUPPORTED(501, "RFC 9112 §6.1", "a transfer coding other than chunked"),
    TRANSFER_ENCODING_INVALID(400, "RFC 9112 §6.1", "Transfer-Encoding is not a list of codings"),
    CONNECT_WITH_BODY(400, "RFC 9110 §9.3.6", "a CONNECT request with framing fields"),
    CHUNK_SIZE_INVALID(400, "RFC 9112 §7.1", "a chunk size is not hexadecimal"),
    CHUNK_SIZE_OVERFLOW(400, "RFC 9112 §7.1", "a chunk size is too large"),
    CHUNK_EXTENSION_INVALID(400, "RFC 9112 §7.1.1", "a chunk extension is malformed"),
    CHUNK_LINE_TOO_LONG(400, "RFC 9112 §7.1.1", "a chunk header line is longer than the server accepts"),
    CHUNK_DATA_NOT_TERMINATED(400, "RFC 9112 §7.1", "chunk data is not followed by CRLF"),
    TRAILER_TOO_LARGE(431, "RFC 9112 §7.1.2", "the trailer section is larger than the server accepts"),
    BODY_TOO_LARGE(413, "RFC 9110 §15.5.14", "the request body is larger than the server accepts"),
    BODY_TRUNCATED(400, "RFC 9112 §6.3", "the connection closed before the body was complete"),

    EXPECTATION_UNSUPPORTED(417, "RFC 9110 §10.1.1", "the only expectation understood is 100-continue"),

    // WebSocket opening handshake, RFC 6455 §4.2.1; 426 tells the client what to ask for instead (§4.4)
    WEBSOCKET_NOT_GET(400, "RFC 6455 §4.2.1", "a WebSocket handshake must be a GET"),
    WEBSOCKET_NOT_HTTP11(400, "RFC 6455 §4.2.1", "a WebSocket handshake needs HTTP/1.1"),
    WEBSOCKET_UPGRADE_MISSING(426, "RFC 6455 §4.2.1", "Upgrade does not name websocket"),
    WEBSOCKET_CONNECTION_MISSING(400, "RFC 6455 §4.2.1", "Connection does not name upgrade"),
    WEBSOCKET_VERSION_UNSUPPORTED(426, "RFC 6455 §4.4", "Sec-WebSocket-Version must be 13"),
    WEBSOCKET_KEY_INVALID(400, "RFC 6455 §4.2.1", "Sec-WebSocket-Key is not one 16-byte value in base64"),
    WEBSOCKET_BODY(400, "RFC 6455 §4.2.1", "a WebSocket handshake carries no body: what follows it is frames"),

    // Timing, RFC 9110 §15.5.9
    HEAD_TIMEOUT(408, "RFC 9110 §15.5.9", "the request head did not arrive in time"),
    BODY_TIMEOUT(408, "RFC 9110 §15.5.9", "the request body did not arrive in time");

    private final int status;
    private final String rfc;
    private final String message;

    Violation(int status, String rfc, String message) {
        this.status = status;
        this.rfc = rfc;
        this.message = message;
    }

    /** The status code the engine answers with. */
    public int status() {
        return status;
    }

    /** The RFC section this rule enforces, e.g. {@code "RFC 9112 §6.3"}. */
    public String rfc() {
        return rfc;
    }

    /** A client-safe description of the rule: never contains request bytes. */
    public String message() {
        return message + " (" + rfc + ")";
    }
}
