package org.genro.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The 8 KiB arrays a connection reads and writes through while it serves a request. An idle
 * keep-alive connection gives them back and waits with a small array of its own, so ten
 * thousand idle clients do not hold ten thousand pairs of buffers only a busy one needs.
 *
 * <p>A fixed set of slots, each holding one array or none: taking is a {@code getAndSet}
 * and giving back a {@code compareAndSet}, from a random slot onwards, so connections on
 * different carriers rarely touch the same slot and nothing allocates. A slot is looked at
 * with a plain read first, and only one that seems to fit is changed atomically. When every slot is
 * empty a new array is made; when every slot is full a returned one is left to the
 * collector. Arrays come back with old bytes in them: every reader of a buffer reads only
 * what was written into it since it was taken.
 */
final class BufferPool {
    /** The size of a pooled array. */
    static final int SIZE = 8 * 1024;
    /** How many arrays the pool keeps at most (512 KiB). */
    private static final int SLOTS = 64;
    private static final AtomicReferenceArray<byte[]> FREE = new AtomicReferenceArray<>(SLOTS);

    private BufferPool() {
    }

    /** An array of {@link #SIZE} bytes, from the pool when it has one. */
    static byte[] take() {
        int start = ThreadLocalRandom.current().nextInt(SLOTS);
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            // look before taking: an atomic exchange on each empty slot would cost more than the array
            if (FREE.getPlain(slot) != null) {
                byte[] b = FREE.getAndSet(slot, null);
                if (b != null) {
                    return b;
                }
            }
        }
        return new byte[SIZE];
    }

    /** Gives {@code b} back; arrays of another size (a buffer that grew) are left to the collector. */
    static void give(byte[] b) {
        if (b.length != SIZE) {
            return;
        }
        int start = ThreadLocalRandom.current().nextInt(SLOTS);
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            if (FREE.getPlain(slot) == null && FREE.compareAndSet(slot, null, b)) {
                return;
            }
        }
    }
}
