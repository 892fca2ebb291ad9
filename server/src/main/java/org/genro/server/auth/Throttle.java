package org.genro.server.auth;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Backs off a key (an identity, a client address) after repeated failures: the first
 * {@code after} failures cost nothing, then each locks the key for {@code base}, doubling
 * with every further failure, until a success clears it. A locked key is refused without
 * checking anything, so guessing passwords gets slower the longer it goes on.
 *
 * <p>Bounded: at most {@code maxKeys} keys are tracked; when full, keys whose lock has
 * run out and whose last failure is old go first, then the oldest.
 */
final class Throttle {
    /** Doublings stop here: 2^12 times the base (34 hours at 30 s) is long enough. */
    private static final int MAX_DOUBLINGS = 12;

    private record State(int failures, long lockedUntil, long lastFailure) {
    }

    private final int after;
    private final long baseNanos;
    private final int maxKeys;
    private final LongSupplier clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    /**
     * @param after failures allowed before the first lock (0 disables the throttle)
     * @param base  the first lock; each later failure doubles it
     * @param clock nanoseconds, as {@link System#nanoTime()} gives them
     */
    Throttle(int after, Duration base, int maxKeys, LongSupplier clock) {
        this.after = after;
        this.baseNanos = base.toNanos();
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** How long {@code key} must still wait; zero when it may try. */
    Duration wait(String key) {
        State s = key == null ? null : states.get(key);
        long left = s == null ? 0 : s.lockedUntil() - clock.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** Counts a failure for {@code key}; locks it once past the allowance. */
    void failed(String key) {
        if (key == null || after == 0) {
            return;
        }
        long now = clock.getAsLong();
        if (!states.containsKey(key) && states.size() >= maxKeys) {
            makeRoom(now);
        }
        states.compute(key, (k, s) -> {
            int failures = s == null ? 1 : s.failures() + 1;
            long until = failures < after ? 0 : now + (baseNanos << Math.min(failures - after, MAX_DOUBLINGS));
            return new State(failures, until, now);
        });
    }

    /** Clears {@code key} after a success. */
    void succeeded(String key) {
        if (key != null) {
            states.remove(key);
        }
    }

    private void makeRoom(long now) {
        Iterator<Map.Entry<String, State>> it = states.entrySet().iterator();
        String oldest = null;
        long oldestFailure = Long.MAX_VALUE;
        while (it.hasNext()) {
            Map.Entry<String, State> e = it.next();
            State s = e.getValue();
            if (s.lockedUntil() - now <= 0 && now - s.lastFailure() > baseNanos) {
                it.remove();
            } else if (s.lastFailure() < oldestFailure) {
                oldestFailure = s.lastFailure();
                oldest = e.getKey();
            }
        }
        if (states.size() >= maxKeys && oldest != null) {
            states.remove(oldest);
        }
    }

    int size() {
        return states.size();
    }
}
