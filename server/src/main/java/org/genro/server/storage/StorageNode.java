package org.genro.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.genro.server.exchange.MediaTypes;

/**
 * A file or directory inside a storage mount, found or not. Its path was checked by the
 * mount's {@link Root} when the node was made; a link that points out of the mount is
 * checked again on each read or write, since the tree may change between the two.
 *
 * <p>Writes replace the whole file atomically ({@link AtomicFile}): a reader sees the old
 * content or the new one, never a part.
 */
public final class StorageNode {
    private final String mount;
    private final Root root;
    private final String path;
    private final Path file;

    private StorageNode(String mount, Root root, String path, Path file) {
        this.mount = mount;
        this.root = root;
        this.path = path;
        this.file = file;
    }

    static StorageNode at(String mount, Root root, String path) {
        String clean = path.replaceAll("^/+|/+$", "");
        return new StorageNode(mount, root, clean, locate(root, clean));
    }

    /** Where {@code path} is, or an IllegalArgumentException when the root refuses it. */
    private static Path locate(Root root, String path) {
        return switch (root.resolve(path)) {
            case Root.Found f -> f.path();
            case Root.Missing m -> m.path();
            case Root.Refused r -> throw new IllegalArgumentException("storage path refused: " + r.reason());
        };
    }

    /** The address, {@code "mount:path"}. */
    public String address() {
        return mount + ":" + path;
    }

    /** The mount's name. */
    public String mount() {
        return mount;
    }

    /** The path inside the mount, without leading or trailing '/'; "" for the mount itself. */
    public String path() {
        return path;
    }

    /** The last segment of the path; the mount's name for the mount itself. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return path.isEmpty() ? mount : path.substring(slash + 1);
    }

    /** The extension without its dot, lower case; "" when none. */
    public String extension() {
        String n = name();
        int dot = n.lastIndexOf('.');
        return dot <= 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The file on disk (its real path when it exists). */
    public Path file() {
        return file;
    }

    /** Whether something is there (never something a link out of the mount leads to). */
    public boolean exists() {
        Path now = checkedOrNull();
        return now != null && Files.exists(now);
    }

    /** Whether a regular file is there. */
    public boolean isFile() {
        Path now = checkedOrNull();
        return now != null && Files.isRegularFile(now);
    }

    /** Whether a directory is there. */
    public boolean isDirectory() {
        Path now = checkedOrNull();
        return now != null && Files.isDirectory(now);
    }

    /** The size in bytes. */
    public long size() throws IOException {
        return Files.size(checked());
    }

    /** The last modification time. */
    public Instant modified() throws IOException {
        return Files.readAttributes(checked(), BasicFileAttributes.class).lastModifiedTime().toInstant();
    }

    /** The media type by extension ({@code application/octet-stream} when unknown). */
    public String mediaType() {
        return MediaTypes.ofName(name()); // by the node's own name, never a link's target's
    }

    /** The node one level up, or empty for the mount itself. */
    public Optional<StorageNode> parent() {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        int slash = path.lastIndexOf('/');
        return Optional.of(at(mount, root, slash < 0 ? "" : path.substring(0, slash)));
    }

    /** The node {@code relative} below this one. */
    public StorageNode child(String relative) {
        return at(mount, root, path.isEmpty() ? relative : path + "/" + relative);
    }

    /**
     * The entries of this directory that the mount would serve (no hidden names, no links
     * out), sorted by name.
     */
    public List<StorageNode> children() throws IOException {
        List<StorageNode> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(checked())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (root.check(name) == null && root.resolve(path.isEmpty() ? name : path + "/" + name) instanceof Root.Found) {
                    out.add(child(name));
                }
            }
        }
        out.sort(Comparator.comparing(StorageNode::name));
        return out;
    }

    /** The content. */
    public byte[] bytes() throws IOException {
        return Files.readAllBytes(checked());
    }

    /** The content as UTF-8 text. */
    public String text() throws IOException {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** A stream over the content. */
    public InputStream open() throws IOException {
        return Files.newInputStream(checked());
    }

    /** Replaces the content with {@code bytes}, atomically, creating directories as needed. */
    public void write(byte[] bytes) throws IOException {
        AtomicFile.write(checked(), bytes);
    }

    /** Replaces the content with {@code text} as UTF-8. */
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes the file, or the directory when empty; returns whether something was deleted. */
    public boolean delete() throws IOException {
        return Files.deleteIfExists(checked());
    }

    /**
     * The path again through the root: a link may have appeared, or been turned to point
     * out of the mount, since this node was made.
     */
    private Path checked() {
        return locate(root, path);
    }

    /** As {@link #checked()}, null where the path now leads out of the mount: nothing is there for us. */
    private Path checkedOrNull() {
        try {
            return checked();
        } catch (IllegalArgumentException refused) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageNode n && n.mount.equals(mount) && n.path.equals(path);
    }

    @Override
    public int hashCode() {
        return mount.hashCode() * 31 + path.hashCode();
    }

    @Override
    public String toString() {
        return address();
    }
}
