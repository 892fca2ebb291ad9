package org.genro.http;

/**
 * The minimum-rate rule for one stream of blocking socket calls, the reads of a request
 * body or the writes of a response: once the calls have waited longer than a grace
 * period in all, the bytes they moved must average at least {@code minRate} bytes per
 * second of waiting. A client that moves a byte just before each timeout thus cannot
 * hold a connection for ever. Waiting is measured inside the calls only, so a handler
 * that works between reads does not count against its client.
 *
 * <p>Owned by the connection's virtual thread; not thread-safe.
 */
final class Pace {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** No minimum: never fails and keeps no count, so one instance serves every stream. */
    static final Pace NONE = new Pace(0, 0);

    private final long minRate;
    private final long graceNanos;
    private long waitedNanos;
    private long bytes;

    /** {@code minRate} bytes per second (0: no minimum) once {@code graceNanos} have been waited. */
    Pace(long minRate, long graceNanos) {
        this.minRate = minRate;
        this.graceNanos = graceNanos;
    }

    /** Starts counting again, for the next body or response. */
    void reset() {
        waitedNanos = 0;
        bytes = 0;
    }

    /**
     * Records one call that waited {@code nanos} and moved {@code moved} bytes; returns
     * false once the stream, past its grace, has averaged less than the minimum rate.
     */
    boolean record(long nanos, long moved) {
        if (minRate == 0) {
            return true;
        }
        // saturate rather than wrap: neither sum can matter near Long.MAX_VALUE
        waitedNanos = addSaturated(waitedNanos, Math.max(nanos, 0));
        bytes = addSaturated(bytes, Math.max(moved, 0));
        return waitedNanos <= graceNanos || !below(bytes, waitedNanos, minRate);
    }

    /**
     * Whether {@code bytes} moved in {@code nanos} is less than {@code rate} bytes per
     * second, for non-negative arguments. The products are compared in 128 bits, so no
     * body size, rate or duration can overflow them.
     */
    static boolean below(long bytes, long nanos, long rate) {
        long leftHigh = Math.multiplyHigh(bytes, NANOS_PER_SECOND);
        long rightHigh = Math.multiplyHigh(rate, nanos);
        if (leftHigh != rightHigh) {
            return leftHigh < rightHigh;
        }
        return Long.compareUnsigned(bytes * NANOS_PER_SECOND, rate * nanos) < 0;
    }

    private static long addSaturated(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
