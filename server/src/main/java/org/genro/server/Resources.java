package org.genro.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
    /** The largest resource read, per level: these are page assets, not downloads. */
    static final int MAX_BYTES = 4 << 20;

    private final Path dir;

    /** Resources of the server directory {@code serverDir}. */
    Resources(Path serverDir) {
        this.dir = serverDir.resolve("resources");
    }

    /**
     * One resource found.
     *
     * @param name      its name, as asked
     * @param bytes     its content (concatenated for CSS and JS)
     * @param mediaType its type by extension
     * @param levels    the levels it came from, general first: {@code built-in}, {@code server}, {@code app:<name>}
     */
    public record Resource(String name, byte[] bytes, String mediaType, List<String> levels) {
        /** A strong validator of the content. */
        public String etag() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
                return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e); // every JDK has SHA-256
            }
        }
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
        List<byte[]> parts = new ArrayList<>(3);
        List<String> levels = new ArrayList<>(3);
        byte[] builtIn = builtIn(name);
        if (builtIn != null) {
            parts.add(builtIn);
            levels.add("built-in");
        }
        add(parts, levels, dir, name, "server");
        if (app != null) {
            add(parts, levels, dir.resolve(app), name, "app:" + app);
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String type = MediaTypes.of(Path.of(name));
        if (!concatenated(name)) {
            return Optional.of(new Resource(name, parts.getLast(), type, List.of(levels.getLast())));
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
            all.write('\n'); // a part without a final newline must not glue its last rule to the next part's first
        }
        return Optional.of(new Resource(name, all.toByteArray(), type, List.copyOf(levels)));
    }

    private static boolean concatenated(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".css") || lower.endsWith(".js");
    }

    private static byte[] builtIn(String name) throws IOException {
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(BUILT_IN + name)) {
            return in == null ? null : bounded(in);
        }
    }

    private static void add(List<byte[]> parts, List<String> levels, Path levelDir, String name, String level)
            throws IOException {
        if (!Files.isDirectory(levelDir)) {
            return;
        }
        if (Root.of(levelDir).resolve(name) instanceof Root.Found f && !f.directory()) {
            try (InputStream in = Files.newInputStream(f.path())) {
                parts.add(bounded(in));
                levels.add(level);
            }
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
