package org.genro.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The server's named storage mounts ({@code storage: {uploads: data/uploads}}): each a
 * {@link Root}, so that no address can reach outside its mount. Application code
 * addresses files as {@code "mount:path/in/it"}:
 *
 * <pre>{@code
 * StorageNode avatar = Context.server().storage().node("uploads:avatars/ann.png");
 * avatar.write(bytes);                       // atomically, directories created
 * for (StorageNode n : storage.node("uploads:avatars").children()) { ... }
 * }</pre>
 *
 * A mount's directory is created at startup when missing. There is no implicit mount of
 * the server directory: it holds {@code config.yaml} and its secrets, and a mount is
 * something application code may hand paths from clients to.
 */
public final class Storage {
    private final Map<String, Root> mounts;

    private Storage(Map<String, Root> mounts) {
        this.mounts = mounts;
    }

    /**
     * Mounts each directory under its name, creating those that are missing.
     *
     * @throws UncheckedIOException when a directory cannot be created or is a file
     */
    public static Storage of(Map<String, Path> dirs) {
        Map<String, Root> roots = new LinkedHashMap<>();
        for (Map.Entry<String, Path> mount : dirs.entrySet()) {
            String name = mount.getKey();
            Path dir = mount.getValue();
            try {
                Files.createDirectories(dir);
                roots.put(name, Root.of(dir));
            } catch (IOException e) {
                throw new UncheckedIOException("storage mount '" + name + "' cannot use " + dir + ": " + e.getMessage(), e);
            }
        }
        return new Storage(Collections.unmodifiableMap(roots));
    }

    /** The mount names, in config order. */
    public Set<String> mounts() {
        return mounts.keySet();
    }

    /** The directory of a mount. */
    public Path directory(String mount) {
        return root(mount).dir();
    }

    /**
     * The node at {@code address}: {@code "mount:path"} ({@code "mount:"} or {@code "mount"}
     * alone for the mount's own directory).
     *
     * @throws IllegalArgumentException for an unknown mount, or a path its root refuses
     *                                  (the message does not repeat the path)
     */
    public StorageNode node(String address) {
        Objects.requireNonNull(address, "address");
        int colon = address.indexOf(':');
        String mount = colon < 0 ? address : address.substring(0, colon);
        String path = colon < 0 ? "" : address.substring(colon + 1);
        return StorageNode.at(mount, root(mount), path);
    }

    /** The node at {@code path} inside {@code mount}. */
    public StorageNode node(String mount, String path) {
        return StorageNode.at(mount, root(mount), path);
    }

    private Root root(String mount) {
        Root r = mounts.get(mount);
        if (r == null) {
            throw new IllegalArgumentException("no storage mount named '" + mount + "' (mounts: "
                    + String.join(", ", mounts.keySet()) + ")");
        }
        return r;
    }

    @Override
    public String toString() {
        return "Storage" + mounts.keySet();
    }
}
