package org.genro.http.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The frame grammar of RFC 6455 §5 as a server reads it: frame heads, the order of
 * frames within a message, and the size of a message. Works over the bytes it is given
 * and remembers only the message in progress; no I/O.
 *
 * <pre>
 *  byte 0: FIN RSV1 RSV2 RSV3 opcode(4)     byte 1: MASK length(7)
 *  then 0, 2 or 8 bytes of extended length (length 126 or 127), then the 4-byte mask key
 * </pre>
 *
 * <p>Each byte of a head is checked as soon as it is there, so a frame that cannot be
 * valid is refused before the rest of its head arrives. A complete head is checked
 * against the message in progress: a continuation needs a message started, a new text
 * or binary frame must wait for the end of the current one, and the lengths declared so
 * far must fit the message limit before a single payload byte is buffered. Control
 * frames may come between fragments and do not touch the message state.
 *
 * <p>A length that could have been written shorter (126 for a payload of 10) is valid:
 * the RFC asks senders for the minimal form but gives receivers no rule to refuse it.
 *
 * <p>One instance per connection; not thread-safe.
 */
public final class FrameParser {
    /** Continues the message in progress. */
    public static final int CONTINUATION = 0x0;
    /** Starts a text message. */
    public static final int TEXT = 0x1;
    /** Starts a binary message. */
    public static final int BINARY = 0x2;
    /** Closes the connection. */
    public static final int CLOSE = 0x8;
    /** Asks for a pong. */
    public static final int PING = 0x9;
    /** Answers a ping. */
    public static final int PONG = 0xA;
    /** The largest payload of a control frame. */
    public static final int MAX_CONTROL_PAYLOAD = 125;
    /** The longest head of a server frame: no mask key, up to 8 bytes of length. */
    public static final int MAX_SERVER_HEAD = 10;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int FIN = 0x80;
    private static final int RSV1 = 0x40;
    private static final int RSV2_RSV3 = 0x30;

    private final boolean deflate;
    private final long maxMessage;
    private final long maxCompressed;

    // the frame whose head was read last
    private boolean fin;
    private int opcode;
    private long length;
    private int maskKey;
    private int messageType;
    private boolean messageCompressed;

    // the data message in progress: opcode 0 when none
    private int openType;
    private boolean openCompressed;
    private long declared;

    /**
     * @param deflate    whether permessage-deflate was agreed, which gives RSV1 a meaning
     * @param maxMessage the largest message, in bytes of payload (inflated for compressed
     *                   messages, which the caller counts); a compressed message's wire
     *                   size may exceed it by deflate's own framing, up to 1/16 more plus
     *                   64 bytes, which stored blocks of already compressed data need
     */
    public FrameParser(boolean deflate, long maxMessage) {
        this.deflate = deflate;
        this.maxMessage = maxMessage;
        this.maxCompressed = maxMessage + (maxMessage >> 4) + 64;
    }

    /**
     * Reads the frame head at the start of {@code b[off, end)}. Returns its length, or 0
     * when more bytes are needed; nothing is remembered until a head is complete, so the
     * same bytes can be offered again with more after them.
     *
     * @throws FrameException as soon as the bytes present break a rule
     */
    public int head(byte[] b, int off, int end) throws FrameException {
        int available = end - off;
        if (available < 1) {
            return 0;
        }
        int b0 = b[off] & 0xff;
        int op = b0 & 0x0f;
        checkFirstByte(b0, op);
        if (available < 2) {
            return 0;
        }
        int b1 = b[off + 1] & 0xff;
        if ((b1 & 0x80) == 0) {
            throw new FrameException(FrameViolation.UNMASKED); // RFC 6455 §5.1: every client frame is masked
        }
        int len7 = b1 & 0x7f;
        if (op >= CLOSE && len7 > MAX_CONTROL_PAYLOAD) {
            throw new FrameException(FrameViolation.CONTROL_TOO_LONG);
        }
        int lengthBytes = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        if (lengthBytes == 8 && available > 2 && b[off + 2] < 0) {
            throw new FrameException(FrameViolation.LENGTH_OVERFLOW);
        }
        int headLength = 2 + lengthBytes + 4;
        if (available < headLength) {
            return 0;
        }
        long len = switch (lengthBytes) {
            case 0 -> len7;
            case 2 -> (b[off + 2] & 0xff) << 8 | b[off + 3] & 0xff;
            default -> (long) LONGS.get(b, off + 2);
        };
        int key = (b[off + headLength - 4] & 0xff) << 24 | (b[off + headLength - 3] & 0xff) << 16
                | (b[off + headLength - 2] & 0xff) << 8 | b[off + headLength - 1] & 0xff;
        accept(b0, op, len, key);
        return headLength;
    }

    /** The rules the first byte alone can break, including where the frame may come. */
    private void checkFirstByte(int b0, int op) throws FrameException {
        if (op > BINARY && op < CLOSE || op > PONG) {
            throw new FrameException(FrameViolation.RESERVED_OPCODE);
        }
        if ((b0 & RSV2_RSV3) != 0 || (b0 & RSV1) != 0 && !deflate) {
            throw new FrameException(FrameViolation.RESERVED_BITS);
        }
        boolean control = op >= CLOSE;
        if ((b0 & RSV1) != 0 && control) {
            throw new FrameException(FrameViolation.COMPRESSED_CONTROL);
        }
        if ((b0 & RSV1) != 0 && op == CONTINUATION) {
            // RSV1 marks a compressed message, so only its first frame may carry it
            throw new FrameException(FrameViolation.COMPRESSED_CONTINUATION);
        }
        if (control && (b0 & FIN) == 0) {
            throw new FrameException(FrameViolation.CONTROL_FRAGMENTED);
        }
        if (op == CONTINUATION && openType == 0) {
            throw new FrameException(FrameViolation.CONTINUATION_WITHOUT_START);
        }
        if ((op == TEXT || op == BINARY) && openType != 0) {
            throw new FrameException(FrameViolation.DATA_INSIDE_MESSAGE);
        }
    }

    /** Takes a complete head: the message it belongs to, and that message's size so far. */
    private void accept(int b0, int op, long len, int key) throws FrameException {
        fin = (b0 & FIN) != 0;
        opcode = op;
        length = len;
        maskKey = key;
        if (op >= CLOSE) {
            return;
        }
        if (op != CONTINUATION) {
            openType = op;
            openCompressed = (b0 & RSV1) != 0;
            declared = 0;
        }
        long max = openCompressed ? maxCompressed : maxMessage;
        if (len > max - declared) {
            throw new FrameException(FrameViolation.MESSAGE_TOO_BIG); // judged before any of it is buffered
        }
        declared += len;
        messageType = openType;
        messageCompressed = openCompressed;
        if (fin) {
            openType = 0; // the message ends with this frame's payload
        }
    }

    /** Whether the last frame ends its message (always true for control frames). */
    public boolean fin() {
        return fin;
    }

    /** The last frame's opcode, e.g. {@link #CONTINUATION} or {@link #PING}. */
    public int opcode() {
        return opcode;
    }

    /** Whether the last frame is a control frame (close, ping, pong). */
    public boolean control() {
        return opcode >= CLOSE;
    }

    /** Whether the last frame starts a message (text or binary, not a continuation). */
    public boolean first() {
        return opcode == TEXT || opcode == BINARY;
    }

    /** The last frame's payload length. */
    public long length() {
        return length;
    }

    /** The last frame's mask key, first key byte in the high bits. */
    public int maskKey() {
        return maskKey;
    }

    /** For a data frame: {@link #TEXT} or {@link #BINARY}, the type of its message. */
    public int messageType() {
        return messageType;
    }

    /** For a data frame: whether its message is compressed (RSV1 on its first frame). */
    public boolean compressed() {
        return messageCompressed;
    }

    /**
     * Unmasks {@code b[off, off+len)} in place: these are the payload bytes that start
     * {@code position} bytes into a frame masked with {@code key} (RFC 6455 §5.3). Eight
     * bytes at a time, with the key turned to line up with the position.
     */
    public static void unmask(byte[] b, int off, int len, int key, long position) {
        int turned = Integer.rotateLeft(key, 8 * (int) (position & 3));
        long mask = (long) turned << 32 | turned & 0xffffffffL;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            LONGS.set(b, i, (long) LONGS.get(b, i) ^ mask);
        }
        for (int j = 0; i < end; i++, j++) {
            b[i] ^= (byte) (turned >>> (24 - 8 * (j & 3)));
        }
    }

    /**
     * Writes the head of an unmasked server frame into {@code dst} at {@code off} (room
     * for {@link #MAX_SERVER_HEAD} bytes needed), with the shortest length form; returns
     * its size.
     */
    public static int writeHead(byte[] dst, int off, int opcode, boolean compressed, long length) {
        dst[off] = (byte) (FIN | (compressed ? RSV1 : 0) | opcode);
        if (length <= MAX_CONTROL_PAYLOAD) {
            dst[off + 1] = (byte) length;
            return 2;
        }
        if (length <= 0xffff) {
            dst[off + 1] = 126;
            dst[off + 2] = (byte) (length >>> 8);
            dst[off + 3] = (byte) length;
            return 4;
        }
        dst[off + 1] = 127;
        LONGS.set(dst, off + 2, length);
        return 10;
    }

    /**
     * The code of the close payload {@code p[0, len)}, already unmasked, or -1 when it is
     * empty (no code given). The caller checks that the code is one that may be sent.
     *
     * @throws FrameException for a payload of one byte, or a reason that is not UTF-8
     */
    public static int closeCode(byte[] p, int len) throws FrameException {
        if (len == 0) {
            return -1;
        }
        if (len == 1) {
            throw new FrameException(FrameViolation.CLOSE_PAYLOAD_ONE_BYTE);
        }
        if (!Utf8Validator.valid(p, 2, len - 2)) {
            throw new FrameException(FrameViolation.CLOSE_REASON_NOT_UTF8);
        }
        return (p[0] & 0xff) << 8 | p[1] & 0xff;
    }
}
