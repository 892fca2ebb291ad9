package org.genro.server.storage;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file's content atomically and durably: the bytes go to a temporary file in
 * the same directory, which is forced to disk and moved over the target; then the
 * directory itself is forced, so the rename survives a crash too. A reader sees the old
 * content or the new, never a mix, and a crash at any point leaves one of the two.
 */
public final class AtomicFile {
    private static final System.Logger LOG = System.getLogger("org.genro.server.storage");

    private AtomicFile() {
    }

    /**
     * Writes {@code bytes} as the whole content of {@code file}, creating its directory
     * when missing.
     *
     * @throws IOException when the directory cannot be written; the old content is intact
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Forces a directory's entries to disk: without it a crash soon after a rename can
     * bring back the old file, or none, on file systems that journal data and names
     * apart. Platforms that cannot open a directory for reading skip this.
     */
    public static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (UnsupportedOperationException | AccessDeniedException e) {
            LOG.log(Level.DEBUG, "cannot force directory " + dir + ": " + e);
        }
    }
}
