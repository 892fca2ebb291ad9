package org.genro.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The deflaters and inflaters of permessage-deflate, lent per message and shared by all
 * of a server's WebSockets. Every agreement says no context is carried between messages
 * (see {@link org.genro.http.wire.PermessageDeflate}), so nothing needs one for longer:
 * memory follows the messages in flight instead of the sockets open. A deflater with
 * its tables is about 260 KiB of native memory, an inflater about 40 KiB.
 *
 * <p>A deflater is taken after the message is encoded and given back before it is
 * written, so a slow client never holds one; an inflater is held from the first frame of
 * a compressed message to its last. When the pools run dry new instances are made; a
 * pool keeps at most {@link #KEEP} idle ones and ends the rest. Thread-safe.
 */
final class Compressors {
    /** Idle instances kept of each kind: enough for the cores to compress at once. */
    static final int KEEP = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final ArrayBlockingQueue<Deflater> deflaters = new ArrayBlockingQueue<>(KEEP);
    private final ArrayBlockingQueue<Deflater> huffmanOnly = new ArrayBlockingQueue<>(KEEP);
    private final ArrayBlockingQueue<Inflater> inflaters = new ArrayBlockingQueue<>(KEEP);

    /**
     * A raw deflater, either ordinary or one that never refers back
     * ({@link Deflater#HUFFMAN_ONLY}). Each kind has its own pool because a strategy
     * changed on a used deflater only takes effect after output in the old one.
     */
    Deflater deflater(boolean huffman) {
        Deflater d = (huffman ? huffmanOnly : deflaters).poll();
        if (d == null) {
            d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            if (huffman) {
                d.setStrategy(Deflater.HUFFMAN_ONLY); // before any input: nothing is written with the old one
            }
        }
        return d;
    }

    /** Takes back a deflater from {@link #deflater(boolean)} with the same {@code huffman}. */
    void release(Deflater d, boolean huffman) {
        d.reset();
        if (!(huffman ? huffmanOnly : deflaters).offer(d)) {
            d.end();
        }
    }

    /** A raw inflater, ready for a new message. */
    Inflater inflater() {
        Inflater i = inflaters.poll();
        return i != null ? i : new Inflater(true);
    }

    /** Takes back an inflater; null is ignored. */
    void release(Inflater i) {
        if (i == null) {
            return;
        }
        i.reset();
        if (!inflaters.offer(i)) {
            i.end();
        }
    }
}
