package org.genro.server.middleware;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.genro.server.config.ConfigException;
import org.genro.server.config.Section;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Middleware;

/**
 * Turns a {@code middleware} config section into ranked {@link Layer}s, once, at startup.
 *
 * <p>The section maps names to {@code true}, {@code false} or an options map:
 * <pre>
 * middleware:
 *   errors: {debug: true}        # rank 100, on unless false (global section only)
 *   logging: true                # 200
 *   cors: {allow_origins: [https://app.example.com], allow_credentials: true}   # 300
 *   audit: {class: com.example.Audit, rank: 600, table: audit_log}             # custom
 *   cache: {max_age: 60, store: true}                                          # 850
 *   compression: {minimum_size: 1k}                                            # 900
 * </pre>
 * A custom entry names a class from the app class loader that implements {@link Middleware}
 * and has a public constructor taking the remaining options as a {@code Map<String, Object>},
 * or a no-argument one when there are none; its rank is required and lies in
 * {@value Layer#CUSTOM_MIN}-{@value Layer#CUSTOM_MAX}. Ranks 400 ({@code session}) and 450
 * ({@code auth}) are reserved for layers other packages install with {@link #with}.
 *
 * <p>Unknown names, unknown options and values of the wrong type fail with a
 * {@link ConfigException} whose message starts with the key path
 * ({@code middleware.cors.allow_orign: unknown option; ...}): the original dropped such
 * options without a word.
 *
 * <p>From Java the same layers come from the built-ins' option records, e.g.
 * {@code new Cors(Cors.Options.DEFAULTS.allowOrigins(List.of("https://a.example"))).layer()},
 * and {@link Layer#custom} for one's own.
 */
public final class Middlewares {
    /** Layers that carry the server's own state (who is calling, sessions): once, around everything. */
    private static final java.util.Set<String> SERVER_WIDE = java.util.Set.of("session", "auth");

    /**
     * Builds one configured middleware from its options: the map given in config, or an empty
     * one for {@code name: true}. Reports bad options as a {@link ConfigException} at
     * {@code path + "." + key}.
     */
    @FunctionalInterface
    public interface Factory {
        /** The middleware for {@code options}, read at key path {@code path}. */
        Middleware create(Map<String, Object> options, String path);
    }

    private record Kind(int rank, boolean onByDefault, Factory factory) {
    }

    /**
     * The factory of a built-in layer, by its name: one class for the five rather than five
     * lambdas, each of which made the JDK generate a class as the server started.
     */
    private record BuiltIn(String name, boolean debug, BiFunction<String, String, ConfigException> errors, Path base)
            implements Factory {
        @Override
        public Middleware create(Map<String, Object> o, String p) {
            return switch (name) {
                case Errors.NAME -> new Errors(Errors.Options.read(o, p, debug, errors));
                case AccessLog.NAME -> new AccessLog(AccessLog.Options.read(o, p, errors, base));
                case Cors.NAME -> new Cors(Cors.Options.read(o, p, errors));
                case Cache.NAME -> new Cache(Cache.Options.read(o, p, errors));
                case Compression.NAME -> new Compression(Compression.Options.read(o, p, errors));
                default -> throw new IllegalStateException("not a built-in layer: " + name);
            };
        }
    }

    private final ClassLoader loader;
    private final BiFunction<String, String, ConfigException> errors;
    private final Map<String, Kind> kinds;

    private Middlewares(ClassLoader loader, BiFunction<String, String, ConfigException> errors,
                        Map<String, Kind> kinds) {
        this.loader = loader;
        this.errors = errors;
        this.kinds = kinds;
    }

    /**
     * The built-ins, with errors reported as plain {@code ConfigException(path, detail)}.
     *
     * @param appLoader the loader custom middleware classes come from
     * @param debug     the server's debug setting, the default of {@code errors.debug}
     */
    public static Middlewares standard(ClassLoader appLoader, boolean debug) {
        return standard(appLoader, debug, ConfigException::new);
    }

    /**
     * The built-ins, with errors made by {@code errors}; pass {@code serverConfig::error} so
     * that a message names where an overridden value came from ({@code --middleware.cors...}).
     */
    public static Middlewares standard(ClassLoader appLoader, boolean debug,
                                       BiFunction<String, String, ConfigException> errors) {
        return standard(appLoader, debug, errors, Path.of(""));
    }

    /**
     * As {@link #standard(ClassLoader, boolean, BiFunction)}, with relative paths in options
     * (the access log's file) taken from {@code base}, the server directory.
     */
    public static Middlewares standard(ClassLoader appLoader, boolean debug,
                                       BiFunction<String, String, ConfigException> errors, Path base) {
        Objects.requireNonNull(appLoader, "appLoader");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(errors, "errors");
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kinds.put(Errors.NAME, new Kind(Errors.RANK, true, new BuiltIn(Errors.NAME, debug, errors, base)));
        for (String name : List.of(AccessLog.NAME, Cors.NAME, Cache.NAME, Compression.NAME)) {
            kinds.put(name, new Kind(Layer.BUILT_IN.get(name), false, new BuiltIn(name, debug, errors, base)));
        }
        return new Middlewares(appLoader, errors, Collections.unmodifiableMap(kinds));
    }

    /**
     * Reads a global section with the built-ins: {@code standard(appLoader, debug).global(section, path)}.
     *
     * @param section the raw section: name to Boolean, options map, or null (on)
     * @param path    the section's key path for messages, e.g. {@code middleware}
     * @throws ConfigException for any unknown name, unknown option or bad value
     */
    public static List<Layer> fromConfig(Map<String, Object> section, String path, ClassLoader appLoader,
                                         boolean debug) {
        return standard(appLoader, debug).global(section, path);
    }

    /**
     * Reads a section with the built-ins, as {@link #global} when {@code defaults} is true and
     * as {@link #app} (nothing on by default) when false.
     *
     * @throws ConfigException for any unknown name, unknown option or bad value
     */
    public static List<Layer> fromConfig(Map<String, Object> section, String path, ClassLoader appLoader,
                                         boolean debug, boolean defaults) {
        Middlewares standard = standard(appLoader, debug);
        return defaults ? standard.global(section, path) : standard.app(section, path);
    }

    /**
     * These kinds plus one provided elsewhere, such as {@code session} at 400 or {@code auth}
     * at 450.
     *
     * @param onByDefault whether the layer is on in a global section that does not name it
     *                    ({@code name: false} still turns it off)
     * @throws IllegalArgumentException when the name is already known
     */
    public Middlewares with(String name, int rank, boolean onByDefault, Factory factory) {
        Objects.requireNonNull(factory, "factory");
        if (kinds.containsKey(name)) {
            throw new IllegalArgumentException("middleware '" + name + "' is already defined");
        }
        Map<String, Kind> more = new LinkedHashMap<>(kinds);
        more.put(name, new Kind(rank, onByDefault, factory));
        return new Middlewares(loader, errors, Collections.unmodifiableMap(more));
    }

    /**
     * The layers of the server-wide section at {@code path}, sorted outermost first; layers on
     * by default (errors) are included unless the section says {@code false}.
     */
    public List<Layer> global(Map<String, Object> section, String path) {
        return read(section, path, true);
    }

    /**
     * The layers of an app's own section ({@code apps.shop.middleware}), sorted outermost first.
     * Nothing is on by default: the global chain around the app already has its errors layer.
     */
    public List<Layer> app(Map<String, Object> section, String path) {
        return read(section, path, false);
    }

    private List<Layer> read(Map<String, Object> section, String path, boolean defaults) {
        Map<String, Object> given = section == null ? Map.of() : section;
        Section reader = Section.of(given, path, errors);
        List<Layer> layers = new ArrayList<>();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            Layer layer = layer(reader, e.getKey(), e.getValue(), defaults);
            if (layer != null) {
                layers.add(layer);
            }
        }
        if (defaults) {
            for (Map.Entry<String, Kind> e : kinds.entrySet()) {
                Kind kind = e.getValue();
                if (kind.onByDefault() && !given.containsKey(e.getKey())) {
                    layers.add(new Layer(e.getKey(), kind.rank(), kind.factory().create(Map.of(), path + "." + e.getKey())));
                }
            }
        }
        return MiddlewareChain.order(layers);
    }

    // One entry: null when switched off.
    @SuppressWarnings("unchecked")
    private Layer layer(Section section, String name, Object value, boolean global) {
        String path = section.path() + "." + name;
        Kind kind = kinds.get(name);
        Boolean on = value == null ? Boolean.TRUE : value instanceof Map<?, ?> ? null : section.booleanOrNull(name);
        boolean builtIn = Layer.BUILT_IN.containsKey(name);
        if (kind == null && builtIn && !Boolean.FALSE.equals(on)) {
            throw errors.apply(path, "reserved for the " + name + " layer, which this server does not install");
        }
        if (!global && SERVER_WIDE.contains(name)) {
            throw errors.apply(path, "the " + name + " layer serves the whole server; configure it in the global "
                    + "middleware section");
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> options = (Map<String, Object>) map;
            return kind != null ? new Layer(name, kind.rank(), kind.factory().create(options, path))
                    : custom(name, options, path);
        }
        if (on == null) {
            throw errors.apply(path, "expected true, false or a map of options, got " + section.describe(name));
        }
        if (kind == null && !builtIn) {
            throw errors.apply(path, unknown());
        }
        return on && kind != null ? new Layer(name, kind.rank(), kind.factory().create(Map.of(), path)) : null;
    }

    private String unknown() {
        return "unknown middleware; expected one of: " + String.join(", ", new TreeSet<>(kinds.keySet()))
                + ", or a map with class and rank for a custom one";
    }

    private Layer custom(String name, Map<String, Object> entry, String path) {
        Section section = Section.of(entry, path, errors);
        if (!entry.containsKey("class")) {
            throw errors.apply(path + ".class", "missing; " + unknown());
        }
        if (!(entry.get("class") instanceof String cls) || cls.isBlank()) {
            throw errors.apply(path + ".class", "expected a class name, got " + section.describe("class"));
        }
        Long rank = section.integerOrNull("rank");
        if (rank == null || rank < Layer.CUSTOM_MIN || rank > Layer.CUSTOM_MAX) {
            boolean missing = !section.has("rank");
            throw errors.apply(path + ".rank", (missing ? "missing; " : "")
                    + "expected an integer " + Layer.CUSTOM_MIN + "-" + Layer.CUSTOM_MAX
                    + (missing ? "" : ", got " + section.describe("rank")));
        }
        Map<String, Object> options = new LinkedHashMap<>(entry);
        options.remove("class");
        options.remove("rank");
        return new Layer(name, rank.intValue(), instantiate(cls.strip(), Collections.unmodifiableMap(options), path));
    }

    private Middleware instantiate(String className, Map<String, Object> options, String path) {
        String key = path + ".class";
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw errors.apply(key, "class not found: " + className);
        }
        if (!Middleware.class.isAssignableFrom(type)) {
            throw errors.apply(key, className + " does not implement " + Middleware.class.getName());
        }
        Constructor<?> constructor = constructor(type);
        if (constructor == null || (constructor.getParameterCount() == 0 && !options.isEmpty())) {
            String first = options.isEmpty() ? null : options.keySet().iterator().next();
            throw first == null || constructor == null
                    ? errors.apply(key, className + " needs a public constructor taking Map<String, Object> or nothing")
                    : errors.apply(path + "." + first, "unknown option; " + className + " takes no options");
        }
        try {
            return (Middleware) (constructor.getParameterCount() == 0
                    ? constructor.newInstance() : constructor.newInstance(options));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ConfigException own) {
                throw own;
            }
            throw withCause(errors.apply(key, "constructor of " + className + " failed: " + e.getCause()), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // Abstract, not accessible (a package its module does not open), or a failing static initialiser.
            throw withCause(errors.apply(key, "cannot build " + className + ": " + e), e);
        }
    }

    private static Constructor<?> constructor(Class<?> type) {
        try {
            return type.getConstructor(Map.class);
        } catch (NoSuchMethodException noMap) {
            try {
                return type.getConstructor();
            } catch (NoSuchMethodException none) {
                return null;
            }
        }
    }

    // The error factory cannot take a cause; keep it as suppressed so the trace still shows it.
    private static ConfigException withCause(ConfigException error, Throwable cause) {
        if (cause != null) {
            error.addSuppressed(cause);
        }
        return error;
    }
}
