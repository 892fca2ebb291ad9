package org.genro.router;

import java.util.Arrays;

/**
 * An entry's plugin slots and the call pipeline built from them, published together
 * through one volatile field so a request never sees slots from one configuration and
 * a pipeline from another.
 *
 * @param slots one per plugin of the entry's router, in plug order
 * @param guards the slots that may refuse a caller, in plug order: the only ones a
 *               resolution asks, since the others allow everyone
 * @param pipeline the handler wrapped by every enabled wrapping plugin, first plug outermost
 */
record EntryState(Slot<?>[] slots, Slot<?>[] guards, Handler pipeline) {

    static EntryState of(Slot<?>[] slots, Handler base) {
        Handler h = base;
        for (int i = slots.length - 1; i >= 0; i--) {
            h = slots[i].wrap(h);
        }
        int n = 0;
        Slot<?>[] guards = new Slot<?>[slots.length];
        for (Slot<?> slot : slots) {
            if (slot.guards()) {
                guards[n++] = slot;
            }
        }
        return new EntryState(slots, n == slots.length ? slots : Arrays.copyOf(guards, n), h);
    }
}
