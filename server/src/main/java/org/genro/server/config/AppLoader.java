package org.genro.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Loads the application classes of one server directory and builds them from their kwargs.
 *
 * <p>Classes come from the directory's {@code src/} Java sources (compiled on first use, see
 * {@code SourceTree}), its {@code classes/} folder and its {@code lib/*.jar} files (in name order), through a class loader of their own whose parent is the server's loader; so
 * two server directories never see each other's classes, and a reload drops the old classes by
 * closing this loader and creating a new one. Results are plain objects: whether one is a
 * routing class or a low-level handler is for the server to decide. Safe to use from several
 * threads; close it once, when its apps are gone.
 *
 * <p>Construction picks the first public constructor that fits, in this order:
 * <ol>
 *   <li>one whose parameter names (the classes must be compiled with {@code -parameters}) are
 *       exactly the kwargs keys; each value is converted to its parameter's type (see below);
 *       with empty kwargs this is the no-argument constructor;</li>
 *   <li>one taking a single {@code Map}, which receives the kwargs, read-only;</li>
 *   <li>one taking a {@code Map} and a {@code Path}: the kwargs and the server directory, for
 *       apps that read their kwargs themselves and resolve relative paths.</li>
 * </ol>
 * A constructor that refuses a kwarg throws a {@link ConfigException} whose path is the key
 * inside {@code kwargs} ({@code root}); it is reported at {@code <section>.<name>.kwargs.root}.
 * A {@code class} may also be the short name of a built-in app: {@code static} is the
 * static file app.
 *
 * Conversions: {@code int}, {@code long}, {@code double}, {@code boolean} and their boxes
 * (text accepted, since overrides arrive as text), {@code String}, {@code Path} (relative to
 * the server directory), {@code Duration} ({@code 10s}), enums (by name, any case),
 * {@code List} (a string splits on commas; elements converted when the element type is one of
 * these), {@code Map}, {@code Object}.
 */
final class AppLoader implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AppLoader.class.getName());
    /**
     * Built-in apps by the short name a config may give as {@code class}. Names, not
     * classes: the config package knows nothing of the apps it loads.
     */
    static final Map<String, String> BUILT_IN = Map.of("static", "org.genro.server.files.StaticFiles");

    private final Path serverDir;
    private final URLClassLoader loader;
    private final Path build;
    private final Function<String, String> originOf;

    /**
     * A loader for a validated configuration's server directory, whose parent is the loader of
     * this package; errors name the origin of overridden kwargs.
     */
    AppLoader(ServerConfig config) {
        this(config.serverDir(), AppLoader.class.getClassLoader(), path -> config.origin(path).orElse(null));
    }

    /**
     * A loader for {@code serverDir}'s {@code classes/} and {@code lib/*.jar}.
     *
     * @param serverDir the server directory
     * @param parent    the loader app classes delegate to first, normally the server's own
     */
    AppLoader(Path serverDir, ClassLoader parent) {
        this(serverDir, parent, path -> null);
    }

    private AppLoader(Path serverDir, ClassLoader parent, Function<String, String> originOf) {
        this.serverDir = serverDir.toAbsolutePath().normalize();
        this.originOf = originOf;
        List<Path> jars = jars(this.serverDir);
        this.build = SourceTree.compile(this.serverDir, jars).orElse(null);
        this.loader = new URLClassLoader("apps@" + this.serverDir.getFileName(),
                classPath(this.serverDir, build, jars), parent);
    }

    /** The class loader app classes come from, for resources and service lookups. */
    ClassLoader classLoader() {
        return loader;
    }

    /** The {@code classes/} folder and {@code lib/*.jar} files this loader reads, in order. */
    List<URL> classPath() {
        return List.of(loader.getURLs());
    }

    /**
     * Loads the class an app spec names, without building it.
     *
     * @throws ConfigException naming {@code <section>.<name>.class} when the class is missing
     *                         or cannot be linked
     */
    Class<?> load(AppSpec spec) {
        String key = spec.path() + ".class";
        try {
            return Class.forName(BUILT_IN.getOrDefault(spec.className(), spec.className()), false, loader);
        } catch (ClassNotFoundException e) {
            throw error(key, "class not found: " + spec.className()
                    + " (looked in " + serverDir.resolve("classes") + ", "
                    + serverDir.resolve("lib") + "/*.jar and the server's class path)", null);
        } catch (LinkageError e) {
            // A class that is there but whose dependencies are not, or that fails to verify.
            throw error(key, "cannot load " + spec.className() + ": " + e, e);
        }
    }

    /**
     * Loads and builds an app from its kwargs.
     *
     * @return the new instance
     * @throws ConfigException naming {@code <section>.<name>.class} for a class that cannot be
     *                         loaded, built or whose constructor throws, and
     *                         {@code <section>.<name>.kwargs[.<param>]} for kwargs no
     *                         constructor takes or a value of the wrong type
     */
    Object instantiate(AppSpec spec) {
        Class<?> type = load(spec);
        String key = spec.path() + ".class";
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())
                || type.isInterface() || type.isEnum()) {
            throw error(key, spec.className() + " must be a public, concrete class", null);
        }
        Object app = new ConstructorCall(type, spec, serverDir, originOf).invoke();
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "app.built " + spec.path() + " class=" + spec.className());
        }
        return app;
    }

    /** Closes the class loader; classes already loaded keep working until unreferenced. */
    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the app class loader of " + serverDir, e);
        } finally {
            if (build != null) {
                SourceTree.release(build);
            }
        }
    }

    private ConfigException error(String key, String detail, Throwable cause) {
        return new ConfigException(key, originOf.apply(key), detail, cause);
    }

    private static URL[] classPath(Path serverDir, Path build, List<Path> jars) {
        List<URL> urls = new ArrayList<>();
        if (build != null) {
            urls.add(url(build));
        }
        Path classes = serverDir.resolve("classes");
        if (Files.isDirectory(classes)) {
            urls.add(url(classes));
        }
        for (Path jar : jars) {
            urls.add(url(jar));
        }
        return urls.toArray(new URL[0]);
    }

    private static List<Path> jars(Path serverDir) {
        Path lib = serverDir.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException("lib", null, "cannot list " + lib + ": " + e, e);
        }
    }

    private static URL url(Path path) {
        try {
            // toUri() ends a directory with "/", which URLClassLoader needs to treat it as one.
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("no URL for " + path, e);
        }
    }
}
