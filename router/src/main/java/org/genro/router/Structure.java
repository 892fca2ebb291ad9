package org.genro.router;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Serializes changes to routing trees and versions them.
 *
 * <p>Writers (attach, replace, remove, lazy build, plug, configure) hold {@link #LOCK},
 * publish new immutable state through volatile fields, then call {@link #changed()}.
 * Readers never lock: a router's compiled index remembers the version it was built at
 * and is rebuilt when the version has moved. Changes are rare (startup, reload, first
 * use of a lazy branch), so one JVM-wide lock and counter are simpler than per-tree ones
 * and cost nothing measurable.
 */
final class Structure {

    /** Held by every structural or configuration change. */
    static final Object LOCK = new Object();

    private static final AtomicLong VERSION = new AtomicLong();

    private Structure() {
    }

    static long version() {
        return VERSION.get();
    }

    /** Called after a change has been published, never before. */
    static void changed() {
        VERSION.incrementAndGet();
    }
}
