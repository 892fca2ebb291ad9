package org.genro.server.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;
import org.genro.server.storage.Root;

/**
 * What each path of a static app resolved to, and the attributes of the file it led to,
 * remembered for the app's {@code revalidate} time (a second by default). Resolving a path walks it on disk (a real-path
 * lookup that reads every segment, then the file's type), and a request also looks for two
 * precompressed siblings: a dozen system calls, more than everything else a small file's
 * request costs, and on a virtual thread each file-system call also hands its carrier
 * over. Remembered for a second, an edit, a new file or a new sibling shows within a
 * second, as with nginx's {@code open_file_cache} (which waits a minute by default).
 * What is served never comes from a link out of the root: a file sent from disk is opened
 * and checked to be the version remembered (see {@code ReplyWriter}), and a file served
 * from memory was read when it was that version.
 *
 * <p>Refusals are never remembered (they are decided on the text, cheaply). The table is
 * bounded: when it is full it is emptied, so a client asking for endless distinct names
 * costs what it would without the table, and no more memory.
 */
final class Lookups {
    /** The most names remembered. */
    static final int MAX = 4096;

    private record Known(Root.Resolution resolution, long at) {
    }

    private record Attributes(Path file, BasicFileAttributes attrs, long at) {
    }

    private final Root root;
    private final long freshNanos;
    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Attributes> attributes = new ConcurrentHashMap<>();

    /** @param freshNanos how long a lookup is reused; 0: never */
    Lookups(Root root, long freshNanos) {
        this.root = root;
        this.freshNanos = freshNanos;
    }

    /** What {@code relative} resolves to in the root, at most the revalidation time old. */
    Root.Resolution resolve(String relative) {
        long now = System.nanoTime();
        Known k = known.get(relative);
        if (k != null && now - k.at < freshNanos) {
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

    /**
     * The attributes of {@code file}, which {@code relative} resolved to, at most the
     * revalidation time old; read without following a link (a real path whose last
     * segment became a link has changed: the caller looks the name up again).
     *
     * @throws java.nio.file.NoSuchFileException when the file is gone
     */
    BasicFileAttributes attributes(String relative, Path file) throws IOException {
        long now = System.nanoTime();
        Attributes a = attributes.get(relative);
        // a file sent from disk pays one more look for its freshness, next to what it costs to send;
        // one sent from memory is where skipping it counts
        if (a != null && a.file.equals(file) && now - a.at < freshNanos && a.attrs.size() <= HotFiles.MAX_FILE) {
            return a.attrs;
        }
        BasicFileAttributes read = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.size() >= MAX) {
            attributes.clear();
        }
        attributes.put(relative, new Attributes(file, read, now));
        return read;
    }

    /** Forgets {@code relative}: what it led to has changed or gone. */
    void forget(String relative) {
        known.remove(relative);
        attributes.remove(relative);
    }
}
