package org.genro.server.config;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Compiles the {@code src/} Java sources of a server directory (one with a
 * {@code config.yaml}), so a server directory can
 * hold its apps as source (as the samples do) and {@code reload} picks up edits. The
 * output goes to {@code .genro/build/<hash>} inside the server directory, named by a
 * hash of the sources' paths, sizes and times: an unchanged tree is compiled once, and
 * the classes live where the sources do, under the same owner (a shared temp folder
 * would let another local user plant classes).
 *
 * <p>Older builds are removed, but never one a class loader still reads from: a reload
 * compiles the new sources while the running apps keep loading classes from theirs, and
 * if the reload fails they go on running from them. Each {@link #compile} takes a use of
 * its build that {@link #release} gives back when the loader closes.
 *
 * <p>The compiler runs in a JVM of its own. Run in the server's, it left the server holding
 * what compiling needed for as long as it ran: the compiler's classes, which the JDK never
 * unloads, and the heap its work had touched, 44 MiB of resident memory more than the same
 * server started on a build compiled before (the hello sample, on the 2-core test machine).
 * A new JVM costs about what loading the compiler into a cold server did, and it is paid
 * only when the sources changed.
 */
final class SourceTree {
    private static final System.Logger LOG = System.getLogger(SourceTree.class.getName());
    /** Builds in use by open class loaders, with how many use each. */
    private static final Map<Path, Integer> IN_USE = new HashMap<>();

    /** The JDK module whose {@code com.sun.tools.javac.Main} is what the {@code javac} command runs. */
    private static final String COMPILER_MODULE = "jdk.compiler";

    /**
     * How long the compiler may run before it is stopped and the compile counts as failed.
     * The samples compile in under two seconds on a 2-core machine; a compiler still
     * running after this is stuck (a source or jar on a file system that stopped
     * answering), and the start or the reload waiting for it would wait for ever.
     */
    static final Duration COMPILE_LIMIT = Duration.ofMinutes(2);
    /** How long a compiler told to stop is waited for; SIGKILL ends a process at once. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private SourceTree() {
    }

    /**
     * The compiled classes of {@code serverDir/src}, or empty when there is no such
     * folder. {@code libs} are the directory's jars, on the compile class path too.
     *
     * @throws ConfigException under key {@code src} when compiling fails or no compiler exists
     */
    static Optional<Path> compile(Path serverDir, List<Path> libs) {
        return compile(serverDir, libs, COMPILE_LIMIT);
    }

    /** As {@link #compile(Path, List)}, the compiler stopped after {@code limit}. */
    static Optional<Path> compile(Path serverDir, List<Path> libs, Duration limit) {
        Path src = serverDir.resolve("src");
        // only a real server directory: an embedding tool's working directory may be a
        // Maven project whose src/ is not ours to compile
        if (!Files.isDirectory(src) || !Files.isRegularFile(serverDir.resolve(ServerConfig.CONFIG_FILE))) {
            return Optional.empty();
        }
        List<Path> sources = sources(src);
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        Path builds = serverDir.resolve(".genro").resolve("build");
        String fingerprint = fingerprint(serverDir, sources, libs);
        Path out = builds.resolve(name(fingerprint)).toAbsolutePath().normalize();
        synchronized (IN_USE) {
            IN_USE.merge(out, 1, Integer::sum);
        }
        try {
            return Optional.of(build(src, sources, libs, builds, out, fingerprint, limit));
        } catch (RuntimeException | Error e) {
            release(out);
            throw e;
        }
    }

    /** Gives back a use of a build taken by {@link #compile}, once its class loader is closed. */
    static void release(Path build) {
        synchronized (IN_USE) {
            IN_USE.computeIfPresent(build, (dir, uses) -> uses == 1 ? null : uses - 1);
        }
    }

    private static Path build(Path src, List<Path> sources, List<Path> libs, Path builds, Path out, String fingerprint,
                              Duration limit) {
        Path complete = out.resolve(".complete");
        String done = readComplete(complete);
        if (fingerprint.equals(done)) {
            return out;
        }
        removeOldBuilds(builds);
        if (done != null) {
            // another fingerprint under the same name: its classes must not mix with these
            delete(out);
        }
        if (ModuleFinder.ofSystem().find(COMPILER_MODULE).isEmpty()) {
            throw new ConfigException("src", "the server directory has Java sources, but this runtime has no compiler (run it on a JDK)");
        }
        List<String> args = new ArrayList<>(List.of("-parameters", "-proc:none", "-nowarn", "-encoding", "UTF-8",
                "-d", out.toString(), "-cp", classPath(libs)));
        sources.forEach(p -> args.add(p.toString()));
        try {
            Files.createDirectories(out);
            // the arguments go in a file: a large tree's paths can exceed what a command line holds
            Path argFile = out.resolve(".javac-arguments");
            Path outputFile = out.resolve(".javac-output");
            Files.writeString(argFile, argumentFile(args), StandardCharsets.UTF_8);
            try {
                javac(src, argFile, outputFile, builds.resolveSibling("javac.jsa"), limit);
            } finally {
                Files.deleteIfExists(argFile);
                Files.deleteIfExists(outputFile);
            }
            Files.writeString(complete, fingerprint, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("src", null, "cannot compile " + src + ": " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "compiled " + sources.size() + " source file(s) of " + src);
        return out;
    }

    /**
     * Runs the compiler in a JVM of the same runtime on the arguments in {@code argFile},
     * for at most {@code limit}; its output, collected in {@code outputFile}, is the error.
     * The output goes to a file rather than a pipe so that waiting for the compiler can
     * end at the limit: a pipe read to its end blocks for as long as the compiler runs,
     * and a pipe left unread blocks a compiler with much to say.
     *
     * <p>A compile is a short run: the client compiler alone finishes it sooner than with
     * the server compiler after it, and a class archive that the first run writes spares
     * every later one loading the compiler's classes again (the hello sample on the 2-core
     * test machine: 1.2-1.7 s plain, 0.6-0.7 s with both).
     */
    private static void javac(Path src, Path argFile, Path outputFile, Path archive, Duration limit) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the argument file read and the messages written as UTF-8 whatever the locale, as
        // they are written and read here; the JVM's own log off, so that a failure shows the
        // compiler's messages alone (the archive's writing lists classes it cannot hold)
        ProcessBuilder command = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + archive, "-Xlog:disable", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                "-Dfile.encoding=UTF-8", "-m", COMPILER_MODULE + "/com.sun.tools.javac.Main", "@" + argFile)
                .redirectErrorStream(true).redirectOutput(outputFile.toFile());
        // options given to the server's JVM through the environment are the server's: an AOT
        // cache or a log file named there would be written by the compiler's JVM as well
        command.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        Process javac = command.start();
        try {
            javac.getOutputStream().close(); // it reads nothing
            if (!javac.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ConfigException("src", "compiling " + src + " took longer than " + said(limit)
                        + "; the compiler was stopped");
            }
            if (javac.exitValue() != 0) {
                throw new ConfigException("src", "compiling " + src + " failed:\n"
                        + Files.readString(outputFile, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("src", "compiling " + src + " was interrupted");
        } finally {
            javac.destroyForcibly();
            stopped(javac);
        }
    }

    private static String said(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }

    /**
     * Waits a little for a compiler just told to stop, so that its output file can be
     * deleted and no compiler outlives the compile that started it.
     */
    private static void stopped(Process javac) {
        try {
            javac.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The compiler's argument file: one argument per line, each in double quotes, with a
     * backslash before each backslash and double quote, and line breaks written as
     * {@code \n} and {@code \r}, which is how the compiler reads a quoted argument back.
     * Paths may hold spaces, quotes, {@code #} and backslashes.
     */
    private static String argumentFile(List<String> args) {
        StringBuilder text = new StringBuilder();
        for (String arg : args) {
            text.append('"');
            for (int i = 0; i < arg.length(); i++) {
                char c = arg.charAt(i);
                switch (c) {
                    case '\\', '"' -> text.append('\\').append(c);
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
            text.append("\"\n");
        }
        return text.toString();
    }

    /** Best effort: builds of earlier sources that no loader uses; a failure leaves them for next time. */
    private static void removeOldBuilds(Path builds) {
        if (!Files.isDirectory(builds)) {
            return;
        }
        Set<Path> used;
        synchronized (IN_USE) {
            used = Set.copyOf(IN_USE.keySet());
        }
        try (Stream<Path> dirs = Files.list(builds)) {
            dirs.map(p -> p.toAbsolutePath().normalize()).filter(p -> !used.contains(p)).forEach(SourceTree::delete);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot list old builds in " + builds);
        }
    }

    private static void delete(Path tree) {
        try (Stream<Path> files = Files.walk(tree)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "cannot remove old build file " + p);
                }
            });
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot list old build " + tree);
        }
    }

    /** A jar's size and time, or the latest time in a class folder; "-" when it does not exist. */
    private static String stamp(Path entry) throws IOException {
        if (Files.isRegularFile(entry)) {
            return Files.size(entry) + "@" + Files.getLastModifiedTime(entry).toMillis();
        }
        if (!Files.isDirectory(entry)) {
            return "-";
        }
        try (Stream<Path> files = Files.walk(entry)) {
            return "dir@" + files.mapToLong(f -> {
                try {
                    return Files.getLastModifiedTime(f).toMillis();
                } catch (IOException e) {
                    return 0;
                }
            }).max().orElse(0);
        }
    }

    private static List<Path> sources(Path src) {
        try (Stream<Path> files = Files.walk(src)) {
            List<Path> out = new ArrayList<>();
            for (Iterator<Path> i = files.iterator(); i.hasNext(); ) {
                Path p = i.next();
                if (p.toString().endsWith(".java") && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
            Collections.sort(out);
            return List.copyOf(out);
        } catch (IOException e) {
            throw new ConfigException("src", null, "cannot list " + src + ": " + e.getMessage(), e);
        }
    }

    private static String classPath(List<Path> libs) {
        List<String> entries = new ArrayList<>(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
        for (Path l : libs) {
            entries.add(l.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** What a finished build's {@code .complete} holds (its fingerprint), or null when it has none. */
    private static String readComplete(Path complete) {
        try {
            return Files.isRegularFile(complete) ? Files.readString(complete, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Everything a build was compiled against, one line each: the server directory, the
     * version of each class path entry (the server's own jar among them) and each source's
     * size and time. Classes compiled against an older server may refer to types it no
     * longer has, so a new server compiles again.
     */
    private static String fingerprint(Path serverDir, List<Path> sources, List<Path> libs) {
        try {
            StringBuilder text = new StringBuilder(serverDir.toAbsolutePath().toString()).append('\n');
            List<Path> compiledAgainst = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                compiledAgainst.add(Path.of(entry));
            }
            compiledAgainst.addAll(libs);
            for (Path entry : compiledAgainst) {
                text.append(entry).append(' ').append(stamp(entry)).append('\n');
            }
            for (Path p : sources) {
                text.append(p).append(' ').append(Files.size(p)).append(' ')
                        .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
            }
            return text.toString();
        } catch (IOException e) {
            throw new ConfigException("src", null, "cannot read the sources of " + serverDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A build's folder name: a 64-bit FNV-1a hash of its fingerprint, in hex. The build is
     * reused only when its {@code .complete} holds the same fingerprint, so the name need
     * not be collision-proof and no message digest is needed: getting one sets up the JCA
     * providers, some 30 ms of every start on a cold JVM.
     */
    static String name(String fingerprint) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : fingerprint.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return HexFormat.of().toHexDigits(hash);
    }
}
