package org.genro.http.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The payload of the message being received, assembled frame by frame as the bytes
 * arrive: unmasked, inflated when compressed, and checked as UTF-8 when it is text,
 * each piece as soon as it is there. No I/O: the caller reads the bytes and hands them
 * over, or reads them straight into {@link #array()}.
 *
 * <p>The size limit holds for what the message becomes: the declared lengths of an
 * uncompressed message are judged by {@link FrameParser} before any byte arrives, and
 * a compressed one is inflated in bounded steps into a buffer that never grows past the
 * limit; one byte more of output fails it. A deflate bomb thus costs at most the limit.
 *
 * <p>A frame head alone commits at most {@link #UPFRONT} bytes: up to that size the
 * buffer is sized by what the frame declares, beyond it it doubles as bytes arrive, so a
 * head promising a megabyte costs 64 KiB until the megabyte comes. The buffer is reused
 * across messages up to {@code keep} bytes; a bigger one is dropped once its message is
 * done. A binary message in one frame of up to {@link #UPFRONT} bytes is read into an
 * array of its exact size, which becomes the message without a copy.
 *
 * <p>One instance per connection; not thread-safe.
 */
public final class MessageBuffer {
    /** Put back after a compressed message before the last inflate (RFC 7692 §7.2.2). */
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    /** The most a frame head can make the buffer allocate before its payload arrives. */
    public static final int UPFRONT = 64 * 1024;
    /** The smallest buffer: small messages then share one without regrowing. */
    private static final int MIN_CAPACITY = 4096;
    private static final byte[] EMPTY = new byte[0];

    private final int max;
    private final int keep;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final byte[] probe = new byte[1];
    private byte[] reusable = EMPTY;
    private byte[] data = EMPTY;
    /** Whether {@link #data} is the message's own array rather than the reusable buffer. */
    private boolean own;
    private int count;
    private boolean text;
    private Inflater inflater;
    private int maskKey;
    private long position;

    /**
     * @param max  the largest message, in bytes of payload after inflating
     * @param keep the largest buffer kept between messages
     */
    public MessageBuffer(int max, int keep) {
        this.max = max;
        this.keep = keep;
    }

    /**
     * Starts a message. {@code inflater} (raw, reset) is given for a compressed message
     * and handed back by {@link #end()}; {@code firstLength} and {@code fin} describe the
     * first frame.
     */
    public void start(boolean text, Inflater inflater, long firstLength, boolean fin) {
        this.text = text;
        this.inflater = inflater;
        this.count = 0;
        utf8.reset();
        own = fin && !text && inflater == null && firstLength <= UPFRONT;
        data = own ? new byte[(int) firstLength] : reusable;
    }

    /** The next frame of the message begins: its payload is masked with {@code key}. */
    public void frame(int key) {
        this.maskKey = key;
        this.position = 0;
    }

    /** The array bytes of an uncompressed message are read into, at {@link #size()}. */
    public byte[] array() {
        return data;
    }

    /** Payload bytes held so far (inflated, for a compressed message). */
    public int size() {
        return count;
    }

    /**
     * Free room at {@link #size()} for bytes of an uncompressed frame with
     * {@code wanted} bytes still to come, growing the buffer when it is full; never more
     * than {@code wanted}.
     */
    public int room(long wanted) {
        if (count == data.length) {
            grow(wanted, UPFRONT);
        }
        return (int) Math.min(data.length - count, wanted);
    }

    /**
     * Grows toward {@code count + wanted} (at most the limit): straight there when that
     * is within {@code upfront}, else by doubling.
     */
    private void grow(long wanted, int upfront) {
        long needed = Math.min(count + wanted, max);
        long cap = Math.min(needed, Math.max(data.length * 2L, upfront));
        cap = Math.max(cap, Math.min(MIN_CAPACITY, max));
        data = Arrays.copyOf(data, (int) cap);
    }

    /**
     * Takes {@code n} masked bytes just read into {@link #array()} at {@link #size()}:
     * unmasks them and checks them.
     *
     * @throws FrameException when text stops being UTF-8
     */
    public void appendMasked(int n) throws FrameException {
        FrameParser.unmask(data, count, n, maskKey, position);
        position += n;
        if (text && !utf8.feed(data, count, n)) {
            throw new FrameException(FrameViolation.TEXT_NOT_UTF8);
        }
        count += n;
    }

    /**
     * Takes {@code b[off, off+len)}, masked compressed bytes of the current frame:
     * unmasks them in place and inflates them, checking the output as it comes.
     *
     * @throws FrameException when the data does not inflate, the output passes the
     *                        limit, or text stops being UTF-8
     */
    public void inflateMasked(byte[] b, int off, int len) throws FrameException {
        FrameParser.unmask(b, off, len, maskKey, position);
        position += len;
        inflate(b, off, len);
    }

    private void inflate(byte[] b, int off, int len) throws FrameException {
        if (inflater.finished()) {
            if (len > 0) {
                throw new FrameException(FrameViolation.COMPRESSED_DATA_INVALID); // data after the final block
            }
            return;
        }
        inflater.setInput(b, off, len);
        try {
            while (true) {
                int remaining = inflater.getRemaining();
                int n;
                if (count < data.length) {
                    n = inflater.inflate(data, count, data.length - count);
                } else if (count < max) {
                    grow(max - count, MIN_CAPACITY); // inflated size unknown: double from small
                    continue;
                } else if (inflater.inflate(probe) > 0) {
                    throw new FrameException(FrameViolation.MESSAGE_TOO_BIG); // full at the limit, and more to come
                } else {
                    n = 0;
                }
                if (n > 0) {
                    if (text && !utf8.feed(data, count, n)) {
                        throw new FrameException(FrameViolation.TEXT_NOT_UTF8);
                    }
                    count += n;
                } else if (inflater.needsInput() || inflater.finished() || inflater.getRemaining() == remaining) {
                    break; // all input taken (or, defensively, no progress at all)
                }
            }
        } catch (DataFormatException e) {
            throw new FrameException(FrameViolation.COMPRESSED_DATA_INVALID);
        }
        if (inflater.finished() && inflater.getRemaining() > 0) {
            throw new FrameException(FrameViolation.COMPRESSED_DATA_INVALID); // data after the final block
        }
    }

    /**
     * The last frame has been taken: inflates what the sender's final flush left, and
     * checks that text ends on a character boundary.
     */
    public void finish() throws FrameException {
        if (inflater != null && !inflater.finished()) {
            inflate(TAIL, 0, TAIL.length);
        }
        if (text && !utf8.complete()) {
            throw new FrameException(FrameViolation.TEXT_NOT_UTF8);
        }
    }

    /** The finished text message. */
    public String text() {
        return new String(data, 0, count, StandardCharsets.UTF_8);
    }

    /** The finished binary message: its own array when it had one, else a copy. */
    public byte[] binary() {
        return own ? data : Arrays.copyOf(data, count);
    }

    /**
     * Ends the message, delivered or not: forgets its bytes, keeps the buffer only when
     * small, and returns the inflater it was given (to be reset and reused), or null.
     */
    public Inflater end() {
        if (!own) {
            reusable = data.length <= keep ? data : EMPTY; // grown for this message, or dropped when big
        }
        data = reusable;
        own = false;
        count = 0;
        Inflater i = inflater;
        inflater = null;
        return i;
    }
}
