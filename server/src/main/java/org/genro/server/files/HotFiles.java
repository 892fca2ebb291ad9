package org.genro.server.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Small files kept in memory, each checked against the file's attributes on every use
 * (the caller reads them for every request anyway): a file that changed size,
 * modification time or identity (an atomic replace is a new inode) is read again.
 *
 * <p>Two races are closed. A file that changes while it is read is caught by reading its
 * attributes again afterwards; the bytes are used only if nothing moved. And a file
 * modified within the last {@link #SETTLE_SECONDS} seconds is served but not kept: file
 * times are coarse (a tick of a few milliseconds, a whole second on some file systems),
 * so a second write in the same tick, same size, would look unchanged forever (git calls
 * such files "racily clean" and treats them the same way).
 *
 * <p>Bounded in bytes; when full, entries not used since the last sweep go first (a
 * clock: each hit marks its entry, each sweep clears the marks it passes). Safe for
 * concurrent use.
 */
final class HotFiles {
    /** The largest file kept, and read into memory at all (bigger ones are sent from disk). */
    static final int MAX_FILE = 64 * 1024;
    /** How recent a modification time must not be for the bytes to be kept. */
    static final long SETTLE_SECONDS = 2;

    private static final class Entry {
        final Object key;
        final long size;
        final long modified;
        final byte[] bytes;
        volatile boolean used;

        Entry(BasicFileAttributes attrs, byte[] bytes) {
            this.key = attrs.fileKey();
            this.size = attrs.size();
            this.modified = nanos(attrs);
            this.bytes = bytes;
        }

        boolean current(BasicFileAttributes attrs) {
            return size == attrs.size() && modified == nanos(attrs) && Objects.equals(key, attrs.fileKey());
        }
    }

    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long maxBytes;

    /** A cache holding at most {@code maxBytes} of file content (0: keeps nothing). */
    HotFiles(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The content of {@code file}, which has the attributes {@code attrs} and at most
     * {@link #MAX_FILE} bytes: from memory when it is still that version, else read now.
     * Null when the file changed while it was read: the caller then sends it from disk,
     * where the region's own check applies.
     */
    byte[] read(Path file, BasicFileAttributes attrs) throws IOException {
        Entry hit = entries.get(file);
        if (hit != null && hit.current(attrs)) {
            hit.used = true;
            return hit.bytes;
        }
        byte[] content = readExactly(file, attrs.size());
        if (content == null) {
            return null;
        }
        Entry fresh = new Entry(attrs, content);
        if (!fresh.current(Files.readAttributes(file, BasicFileAttributes.class))) {
            return null;
        }
        if (settled(attrs) && content.length <= maxBytes) {
            keep(file, fresh);
        } else if (hit != null) {
            forget(file, hit);
        }
        return content;
    }

    /** Bytes held now, for tests. */
    long size() {
        return bytes.get();
    }

    private static boolean settled(BasicFileAttributes attrs) {
        Instant modified = attrs.lastModifiedTime().toInstant();
        return modified.isBefore(Instant.now().minusSeconds(SETTLE_SECONDS));
    }

    private void keep(Path file, Entry fresh) {
        Entry old = entries.put(file, fresh);
        bytes.addAndGet(fresh.bytes.length - (old == null ? 0 : old.bytes.length));
        if (bytes.get() > maxBytes) {
            sweep();
        }
    }

    private void forget(Path file, Entry entry) {
        if (entries.remove(file, entry)) {
            bytes.addAndGet(-entry.bytes.length);
        }
    }

    /** Drops entries until under the bound: unmarked ones first, marks cleared on the way. */
    private void sweep() {
        for (int pass = 0; pass < 2 && bytes.get() > maxBytes; pass++) {
            Iterator<Map.Entry<Path, Entry>> it = entries.entrySet().iterator();
            while (it.hasNext() && bytes.get() > maxBytes) {
                Map.Entry<Path, Entry> e = it.next();
                if (e.getValue().used && pass == 0) {
                    e.getValue().used = false;
                } else {
                    forget(e.getKey(), e.getValue());
                }
            }
        }
    }

    /** Exactly {@code size} bytes of {@code file}, or null when it holds another number of bytes now. */
    private static byte[] readExactly(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    return null; // it shrank
                }
            }
            return ch.read(ByteBuffer.allocate(1)) < 0 ? buf.array() : null; // or it grew
        }
    }

    private static long nanos(BasicFileAttributes attrs) {
        return attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }
}
