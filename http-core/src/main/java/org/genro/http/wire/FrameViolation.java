package org.genro.http.wire;

/**
 * Every reason the engine fails a WebSocket connection, each with the close code it
 * sends and the rule it enforces. Like {@link Violation} for requests, there is one
 * strict mode: none of these can be relaxed.
 *
 * <p>{@link #reason()} goes out as the reason of the close frame, so it is short (well
 * under the 123 bytes a close reason may take) and never contains bytes the client sent.
 */
public enum FrameViolation {
    // Framing, RFC 6455 §5.2 and §5.3
    UNMASKED(1002, "RFC 6455 §5.1", "client frame not masked"),
    RESERVED_BITS(1002, "RFC 6455 §5.2", "reserved bit set"),
    RESERVED_OPCODE(1002, "RFC 6455 §5.2", "reserved opcode"),
    LENGTH_OVERFLOW(1002, "RFC 6455 §5.2", "64-bit length with its top bit set"),

    // Control frames, RFC 6455 §5.5
    CONTROL_TOO_LONG(1002, "RFC 6455 §5.5", "control frame over 125 bytes"),
    CONTROL_FRAGMENTED(1002, "RFC 6455 §5.5", "fragmented control frame"),
    CLOSE_PAYLOAD_ONE_BYTE(1002, "RFC 6455 §5.5.1", "close payload of one byte"),
    CLOSE_CODE_INVALID(1002, "RFC 6455 §7.4", "close code not allowed on the wire"),
    CLOSE_REASON_NOT_UTF8(1007, "RFC 6455 §5.5.1", "close reason not UTF-8"),

    // Fragmentation, RFC 6455 §5.4
    CONTINUATION_WITHOUT_START(1002, "RFC 6455 §5.4", "continuation without a message"),
    DATA_INSIDE_MESSAGE(1002, "RFC 6455 §5.4", "new message inside a fragmented one"),

    // Payload
    TEXT_NOT_UTF8(1007, "RFC 6455 §8.1", "text message not UTF-8"),
    MESSAGE_TOO_BIG(1009, "RFC 6455 §7.4.1", "message too big"),

    // permessage-deflate, RFC 7692
    COMPRESSED_CONTROL(1002, "RFC 7692 §6", "RSV1 on a control frame"),
    COMPRESSED_CONTINUATION(1002, "RFC 7692 §6", "RSV1 on a continuation frame"),
    COMPRESSED_DATA_INVALID(1007, "RFC 7692 §7.2.2", "compressed data does not inflate");

    private final int closeCode;
    private final String rfc;
    private final String reason;

    FrameViolation(int closeCode, String rfc, String reason) {
        this.closeCode = closeCode;
        this.rfc = rfc;
        this.reason = reason;
    }

    /** The close code the server sends: 1002, 1007 or 1009. */
    public int closeCode() {
        return closeCode;
    }

    /** The RFC section this rule enforces, e.g. {@code "RFC 6455 §5.5"}. */
    public String rfc() {
        return rfc;
    }

    /** The close frame's reason: a short description of the rule, no client bytes. */
    public String reason() {
        return reason;
    }
}
