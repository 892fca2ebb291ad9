package org.genro.router;

/**
 * An entry's plugin slots and the call pipeline built from them, published together
 * through one volatile field so a request never sees slots from one configuration and
 * a pipeline from another.
 *
 * @param slots one per plugin of the entry's router, in plug order
 * @param pipeline the handler wrapped by every enabled wrapping plugin, first plug outermost
 */
record EntryState(Slot<?>[] slots, Handler pipeline) {

    static EntryState of(Slot<?>[] slots, Handler base) {
        Handler h = base;
        for (int i = slots.length - 1; i >= 0; i--) {
            h = slots[i].wrap(h);
        }
        return new EntryState(slots, h);
    }
}
