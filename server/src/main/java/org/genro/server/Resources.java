package org.genro.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.genro.server.exchange.MediaTypes;
import org.genro.server.storage.Root;

/**
 * Finds a resource (a stylesheet, a script, a page fragment) through three levels, from
 * the most general to the most specific:
 *
 * <ol>
 *   <li>built in: inside the server's jar, under {@code org/genro/server/resources/};
 *   <li>the server: {@code resources/} in the server directory;
 *   <li>an app: {@code resources/<app>/} in the server directory, for the mount named
 *       {@code <app>}.
 * </ol>
 *
 * A stylesheet or a script is the concatenation of every level that has it, general first,
 * so a server or an app adds rules that win over the built-in ones without copying them.
 * Any other resource is the most specific one found. {@code /_server/resource/<name>}
 * serves them ({@code ?app=<mount>} for the app level); everything under {@code resources/}
 * is public.
 */
public final class Resources {
    /** Where built-in resources live on the class path. */
    static final String BUILT_IN = "org/genro/server/resources/";
    /** The name of the level inside the server's jar. */
    private static final String BUILT_IN_LEVEL = "built-in";
    /** The largest resource read, per level: these are page assets, not downloads. */
    static final int MAX_BYTES = 4 << 20;

    /** The most (name, app) pairs remembered; past it the memory starts over. */
    static final int REMEMBERED = 256;

    private final Path dir;
    /**
     * Resources made, by name and app, so that a request for one whose files have not
     * changed costs a look at their attributes instead of reading and hashing them again.
     * Only resources found are kept, so asking for names that do not exist adds nothing.
     */
    private final ConcurrentHashMap<Key, Made> made = new ConcurrentHashMap<>();
    /** Built-in contents by name: the server's jar does not change while it runs. */
    private final ConcurrentHashMap<String, byte[]> builtIns = new ConcurrentHashMap<>();

    /** Resources of the server directory {@code serverDir}. */
    Resources(Path serverDir) {
        this.dir = serverDir.resolve("resources");
    }

    /**
     * One resource found.
     *
     * @param name      its name, as asked
     * @param bytes     its content (concatenated for CSS and JS), shared with later finds of
     *                  the same resource: read it, do not change it
     * @param mediaType its type by extension
     * @param levels    the levels it came from, general first: {@code built-in}, {@code server}, {@code app:<name>}
     * @param etag      a strong validator of the content
     */
    public record Resource(String name, byte[] bytes, String mediaType, List<String> levels, String etag) {
        /** A resource whose validator is worked out from its content. */
        public Resource(String name, byte[] bytes, String mediaType, List<String> levels) {
            this(name, bytes, mediaType, levels, etagOf(bytes));
        }

        private static String etagOf(byte[] bytes) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
                return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e); // every JDK has SHA-256
            }
        }
    }

    /**
     * A file a resource was read from, as it was then: the same path with the same size,
     * time and file key (an inode, where the file system has them, so that a file replaced
     * by a rename shows even within the same second) is taken to hold the same bytes.
     */
    private record Stamp(Path path, long size, FileTime modified, Object key) {
        static Stamp of(Path path) throws IOException {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(path, a.size(), a.lastModifiedTime(), a.fileKey());
        }
    }

    /** A resource made, and the files on disk it was made from (the built-in level does not change). */
    private record Made(List<Stamp> files, Resource resource) {
    }

    private record Key(String name, String app) {
    }

    /**
     * Finds {@code name} ({@code "genro.css"}, {@code "explorer/app.js"}) for {@code app}
     * (null: the server and built-in levels only).
     *
     * @throws IllegalArgumentException when the name is not a plain relative path (dot
     *                                  segments, backslashes, hidden names and the like)
     * @throws IOException              when a level's file cannot be read, or is too large
     */
    public Optional<Resource> find(String name, String app) throws IOException {
        Root.Refused bad = Root.check(name, false);
        if (bad != null) {
            throw new IllegalArgumentException("resource name refused: " + bad.reason());
        }
        // the app level is a directory named by the app: confined like the name, whoever calls
        Root.Refused badApp = app == null ? null : Root.check(app, false);
        if (badApp != null || app != null && app.contains("/")) {
            throw new IllegalArgumentException("app name refused: " + (badApp != null ? badApp.reason() : "one segment only"));
        }
        // where each level's file is now: the paths are confined again on every call, since
        // what a name leads to on disk (a link, say) may change between calls
        byte[] builtIn = builtIn(name);
        Path server = onDisk(dir, name);
        Path specific = app == null ? null : onDisk(dir.resolve(app), name);
        List<Stamp> files = new ArrayList<>(2);
        if (server != null) {
            files.add(Stamp.of(server));
        }
        if (specific != null) {
            files.add(Stamp.of(specific));
        }
        Key key = new Key(name, app);
        Made before = made.get(key);
        if (before != null && before.files.equals(files)) {
            return Optional.of(before.resource);
        }
        // read after the attributes were taken: a change made meanwhile shows as new attributes next time
        List<byte[]> parts = new ArrayList<>(3);
        List<String> levels = new ArrayList<>(3);
        if (builtIn != null) {
            parts.add(builtIn);
            levels.add(BUILT_IN_LEVEL);
        }
        if (server != null) {
            parts.add(read(server));
            levels.add("server");
        }
        if (specific != null) {
            parts.add(read(specific));
            levels.add("app:" + app);
        }
        if (parts.isEmpty()) {
            made.remove(key);
            return Optional.empty();
        }
        Resource resource = make(name, parts, levels);
        if (made.size() >= REMEMBERED && !made.containsKey(key)) {
            made.clear();
        }
        made.put(key, new Made(List.copyOf(files), resource));
        return Optional.of(resource);
    }

    /** How many resources are remembered (for tests). */
    int remembered() {
        return made.size();
    }

    private static Resource make(String name, List<byte[]> parts, List<String> levels) {
        String type = MediaTypes.of(Path.of(name));
        if (!concatenated(name)) {
            return new Resource(name, parts.getLast(), type, List.of(levels.getLast()));
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
            all.write('\n'); // a part without a final newline must not glue its last rule to the next part's first
        }
        return new Resource(name, all.toByteArray(), type, List.copyOf(levels));
    }

    private static boolean concatenated(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".css") || lower.endsWith(".js");
    }

    private byte[] builtIn(String name) throws IOException {
        byte[] known = builtIns.get(name);
        if (known != null) {
            return known;
        }
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(BUILT_IN + name)) {
            if (in == null) {
                return null; // not remembered: names that do not exist must not fill the map
            }
            byte[] bytes = bounded(in);
            builtIns.put(name, bytes);
            return bytes;
        }
    }

    /** The file {@code name} leads to under {@code levelDir}, confined to it, or null. */
    private static Path onDisk(Path levelDir, String name) throws IOException {
        Root root;
        try {
            root = Root.of(levelDir); // which looks at the directory once: no level, no file
        } catch (NoSuchFileException noLevel) {
            return null;
        }
        return root.resolve(name) instanceof Root.Found f && !f.directory() ? f.path() : null;
    }

    private static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return bounded(in);
        }
    }

    private static byte[] bounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException("a resource is larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        return bytes;
    }
}
