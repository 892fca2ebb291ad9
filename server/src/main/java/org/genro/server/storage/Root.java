package org.genro.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A directory that paths from outside (a URL, a storage address) are resolved in and
 * cannot leave. Every relative path is checked as text first, segment by segment, and
 * then on disk: the real path of what it names, symbolic links followed, must still lie
 * under the root's real path, unless links out of the root are allowed.
 *
 * <p>The text rules refuse more than Linux needs, on purpose: a name that means something
 * else on another system (a Windows device, a drive letter, a trailing dot) is refused
 * everywhere, so the same tree behaves the same on every machine and nothing reaches the
 * file system that a different layer might read differently.
 *
 * <pre>
 *  "css/site.css"        → Found(root/css/site.css)
 *  "nothing-here.txt"    → Missing
 *  "../etc/passwd"       → Refused(400)  a segment "." or ".." (decoding already happened)
 *  "a\\b", "a%00", "c:x"  → Refused(400)  backslash, control characters, colon
 *  "con.txt", "a./b"     → Refused(404)  Windows device names, trailing dots and spaces
 *  ".git/config"         → Refused(404)  a hidden segment, unless dotfiles are allowed
 *  "link-to-etc/passwd"  → Refused(404)  a symbolic link out of the root
 * </pre>
 *
 * Refusals that only hide something answer 404, as if nothing were there; refusals of a
 * path no honest client sends answer 400. Neither message repeats the path.
 */
public final class Root {
    /** The longest relative path accepted, in characters. */
    public static final int MAX_PATH = 4096;
    /** The longest segment accepted, in characters (what most file systems allow). */
    public static final int MAX_SEGMENT = 255;

    private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul", "conin$", "conout$",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private final Path dir;
    private final Path real;
    private final boolean dotfiles;
    private final boolean linksOut;

    private Root(Path dir, Path real, boolean dotfiles, boolean linksOut) {
        this.dir = dir;
        this.real = real;
        this.dotfiles = dotfiles;
        this.linksOut = linksOut;
    }

    /**
     * A root at {@code dir}, which must be an existing directory.
     *
     * @param dotfiles whether segments starting with '.' may be served ({@code .well-known} is always allowed)
     * @param linksOut whether symbolic links may lead out of the root
     * @throws IOException when {@code dir} is not a readable directory
     */
    public static Root of(Path dir, boolean dotfiles, boolean linksOut) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new NoSuchFileException(abs.toString(), null, "not a directory");
        }
        return new Root(abs, abs.toRealPath(), dotfiles, linksOut);
    }

    /** A root at {@code dir} with no dotfiles and no links out. */
    public static Root of(Path dir) throws IOException {
        return of(dir, false, false);
    }

    /** The directory, absolute and normalized (not resolved through links). */
    public Path dir() {
        return dir;
    }

    /** What a relative path names under a root. */
    public sealed interface Resolution {
    }

    /** An existing file or directory inside the root; {@code path} is its real path. */
    public record Found(Path path, boolean directory) implements Resolution {
    }

    /** A well-formed path inside the root that names nothing (yet). {@code path} is where it would be. */
    public record Missing(Path path) implements Resolution {
    }

    /** A path refused, with the status to answer and a message that does not repeat it. */
    public record Refused(int status, String reason) implements Resolution {
    }

    /**
     * Resolves {@code relative} ("" or "/" for the root itself; segments separated by '/',
     * already percent-decoded; a leading '/' is ignored).
     */
    public Resolution resolve(String relative) {
        Objects.requireNonNull(relative, "relative");
        Refused bad = check(relative);
        if (bad != null) {
            return bad;
        }
        String clean = strip(relative);
        Path candidate = clean.isEmpty() ? dir : dir.resolve(clean);
        if (!candidate.normalize().startsWith(dir)) {
            return new Refused(400, "the path leaves its root"); // cannot happen after check(): kept as a second lock
        }
        return onDisk(candidate);
    }

    /** Checks the text of a relative path by this root's rules; null when it passes. */
    public Refused check(String relative) {
        return check(relative, dotfiles);
    }

    /**
     * Checks the text of a relative path, without any directory: for names that are
     * looked up elsewhere (on the class path, say) by the same rules; null when it passes.
     */
    public static Refused check(String relative, boolean dotfiles) {
        if (relative.length() > MAX_PATH) {
            return new Refused(414, "the path is longer than the server accepts");
        }
        String clean = strip(relative);
        if (clean.isEmpty()) {
            return null;
        }
        for (String segment : clean.split("/", -1)) {
            Refused bad = segment(segment, dotfiles);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private static Refused segment(String s, boolean dotfiles) {
        if (s.isEmpty() || s.equals(".") || s.equals("..")) {
            return new Refused(400, "the path has an empty segment or a dot segment");
        }
        if (s.length() > MAX_SEGMENT) {
            return new Refused(414, "a path segment is longer than the server accepts");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // a backslash is a separator elsewhere; a colon names drives and streams; controls never name files
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':' || c >= 0xfff0 && c <= 0xffff) {
                return new Refused(400, "the path holds a character no file name here may have");
            }
        }
        char last = s.charAt(s.length() - 1);
        if (last == '.' || last == ' ') {
            return new Refused(404, "not found"); // Windows would drop the dot or space: another file there
        }
        int dot = s.indexOf('.');
        String stem = (dot < 0 ? s : s.substring(0, dot)).strip().toLowerCase(Locale.ROOT);
        if (DEVICES.contains(stem)) {
            return new Refused(404, "not found");
        }
        if (s.charAt(0) == '.' && !dotfiles && !s.equals(".well-known")) {
            return new Refused(404, "not found");
        }
        return null;
    }

    /** Follows the path on disk: links out of the root are refused unless allowed. */
    private Resolution onDisk(Path candidate) {
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) && !Files.exists(candidate)) {
            return missing(candidate);
        }
        Path resolved;
        try {
            resolved = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            return missing(candidate); // a dangling link
        } catch (IOException e) {
            return new Refused(404, "not found");
        }
        if (!linksOut && !resolved.startsWith(real)) {
            return new Refused(404, "not found");
        }
        return new Found(resolved, Files.isDirectory(resolved));
    }

    /**
     * A missing path, provided its nearest existing ancestor is itself inside the root:
     * otherwise a write through it would land outside.
     */
    private Resolution missing(Path candidate) {
        for (Path p = candidate.getParent(); p != null && p.startsWith(dir); p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    Path r = p.toRealPath();
                    return linksOut || r.startsWith(real) ? new Missing(candidate) : new Refused(404, "not found");
                } catch (IOException e) {
                    return new Refused(404, "not found");
                }
            }
        }
        return new Missing(candidate);
    }

    private static String strip(String relative) {
        int from = 0;
        while (from < relative.length() && relative.charAt(from) == '/') {
            from++;
        }
        int to = relative.length();
        while (to > from && relative.charAt(to - 1) == '/') {
            to--;
        }
        return relative.substring(from, to);
    }

    @Override
    public String toString() {
        return "Root[" + dir + (dotfiles ? ", dotfiles" : "") + (linksOut ? ", links out" : "") + "]";
    }
}
