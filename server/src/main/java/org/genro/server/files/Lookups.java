package org.genro.server.files;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.genro.server.storage.Root;

/**
 * What each path of a static app resolved to, remembered for {@link #FRESH_NANOS}.
 * Resolving a path walks it on disk (a real-path lookup that reads every segment, then
 * the file's type), and a request also looks for two precompressed siblings: a dozen
 * system calls, which cost more than everything else a small file's request does. The
 * answer is reused for a second; the file itself is still read fresh (its attributes are
 * checked on every request, see {@link StaticFiles}), so what is remembered is only where
 * a name leads and which siblings exist: a new sibling or a new file is seen within a
 * second.
 *
 * <p>Refusals are never remembered (they are decided on the text, cheaply). The table is
 * bounded: when it is full it is emptied, so a client asking for endless distinct names
 * costs what it would without the table, and no more memory.
 */
final class Lookups {
    /** How long a resolution is reused. */
    static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The most names remembered. */
    static final int MAX = 4096;

    private record Known(Root.Resolution resolution, long at) {
    }

    private final Root root;
    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

    Lookups(Root root) {
        this.root = root;
    }

    /** What {@code relative} resolves to in the root, at most {@link #FRESH_NANOS} old. */
    Root.Resolution resolve(String relative) {
        long now = System.nanoTime();
        Known k = known.get(relative);
        if (k != null && now - k.at < FRESH_NANOS) {
            return k.resolution;
        }
        Root.Resolution r = root.resolve(relative);
        if (!(r instanceof Root.Refused)) {
            if (known.size() >= MAX) {
                known.clear();
            }
            known.put(relative, new Known(r, now));
        }
        return r;
    }

    /** Forgets {@code relative}: what it led to has changed or gone. */
    void forget(String relative) {
        known.remove(relative);
    }

    /** The root resolved in. */
    Root root() {
        return root;
    }
}
