package org.genro.server.config;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.genro.server.config.Overrides.Assignment;
import org.genro.server.config.Overrides.Layer;

/**
 * The configuration of one server directory, merged and validated once, then read-only.
 *
 * <p>Sources, from weakest to strongest:
 * <ol>
 *   <li>built-in defaults;</li>
 *   <li>{@code config.yaml} in the server directory (or the file named by {@code --config} or
 *       {@code GENRO_ASGI_CONFIG}, taken from the server directory when relative). A directory
 *       without {@code config.yaml} means all defaults; a named file that is missing is an
 *       error;</li>
 *   <li>environment variables: {@code GENRO_ASGI_HOST}, {@code _PORT}, {@code _RELOAD},
 *       {@code _SERVER_DIR}, {@code _CONFIG}, and any key path lower-cased with {@code __}
 *       between levels ({@code GENRO_ASGI_SERVER__LIMITS__BODY=2m});</li>
 *   <li>command-line arguments: {@code --host}, {@code --port}, {@code --reload},
 *       {@code --debug}, {@code --config}, {@code --server-dir}, {@code --main-app}, dotted
 *       key paths ({@code --server.port=9000}, {@code --apps.shop.kwargs.title X}) and one
 *       positional server directory;</li>
 *   <li>constructor arguments that are not null.</li>
 * </ol>
 * Every problem (unknown key, wrong type, bad size or duration, unknown option) is a
 * {@link ConfigException} whose message starts with the key path and, for a value not from
 * the YAML file, names its origin.
 *
 * <p>Immutable once built, so it may be shared between threads; a reload builds a new one.
 *
 * <pre>{@code
 * ServerConfig config = new ServerConfig(Path.of("site"), null, null, null, List.of(args));
 * int port = config.server().port();
 * try (LoadedApps loaded = config.loadApps()) {
 *     Object shop = loaded.apps().get("shop");
 * }
 * }</pre>
 */
public final class ServerConfig {

    /** The config file name looked for in a server directory. */
    public static final String CONFIG_FILE = "config.yaml";

    private static final System.Logger LOG = System.getLogger(ServerConfig.class.getName());

    private final Path serverDir;
    private final Optional<Path> configFile;
    private final ConfigSchema.Parsed parsed;
    private final ConfigTree tree;

    /**
     * Loads the configuration with the process environment.
     *
     * @param serverDir the server directory, or null to take it from argv, the environment or
     *                  the working directory
     * @param host      bind address override, or null
     * @param port      bind port override, or null
     * @param reload    reload override, or null
     * @param argv      command-line arguments, or null for none
     * @throws ConfigException for any invalid source
     */
    public ServerConfig(Path serverDir, String host, Integer port, Boolean reload, List<String> argv) {
        this(serverDir, host, port, reload, argv, System.getenv());
    }

    /**
     * Loads the configuration with the given environment instead of the process's.
     *
     * @param env environment variables; only names starting with {@code GENRO_ASGI_} are read
     * @throws ConfigException for any invalid source
     * @see #ServerConfig(Path, String, Integer, Boolean, List)
     */
    public ServerConfig(Path serverDir, String host, Integer port, Boolean reload, List<String> argv,
                        Map<String, String> env) {
        Layer fromEnv = Overrides.fromEnvironment(Objects.requireNonNull(env, "env"));
        Layer fromArgv = Overrides.fromArguments(argv == null ? List.of() : argv);
        this.serverDir = serverDir(serverDir, fromArgv, fromEnv);
        Assignment configChoice = fromArgv.config() != null ? fromArgv.config() : fromEnv.config();
        this.configFile = configFile(this.serverDir, configChoice);
        ConfigTree tree = new ConfigTree(configFile.isPresent()
                ? YamlFile.read(configFile.get(), configChoice == null ? null : configChoice.origin())
                : new LinkedHashMap<>());
        for (Assignment o : fromEnv.values()) {
            tree.set(o.path(), o.value(), o.origin());
        }
        for (Assignment o : fromArgv.values()) {
            tree.set(o.path(), o.value(), o.origin());
        }
        applyArguments(tree, host, port, reload);
        this.parsed = ConfigSchema.validate(tree, this.serverDir);
        this.tree = tree;
        if (LOG.isLoggable(Level.INFO)) {
            LOG.log(Level.INFO, "config.loaded dir=" + this.serverDir + " file="
                    + (configFile.isPresent() ? configFile.get().toString() : "(none)") + " apps=" + parsed.apps().size()
                    + " overrides=" + tree.origins());
        }
    }

    private ServerConfig(Path serverDir, ConfigTree tree) {
        this.serverDir = serverDir;
        this.configFile = Optional.empty();
        this.parsed = ConfigSchema.validate(tree, serverDir);
        this.tree = tree;
    }

    /**
     * Validates a tree built in Java, as if it had been read from a YAML file: no file,
     * environment or arguments are consulted. {@link #tree()} gives the reverse.
     *
     * @param serverDir the directory relative paths are taken from
     * @param tree      sections as a {@code config.yaml} would hold them, with String, Boolean,
     *                  Integer, Long, Double, Map and List values
     * @throws ConfigException for an invalid tree
     */
    public static ServerConfig fromTree(Path serverDir, Map<String, ?> tree) {
        return new ServerConfig(serverDir.toAbsolutePath().normalize(),
                new ConfigTree(YamlFile.copyOf(tree)));
    }

    /** The server directory, absolute. */
    public Path serverDir() {
        return serverDir;
    }

    /** The YAML file that was read, if any. */
    public Optional<Path> configFile() {
        return configFile;
    }

    /** The {@code server} section. */
    public ServerSettings server() {
        return parsed.server();
    }

    /**
     * User apps in config order, to mount at {@code /<name>/}: those of {@code apps}, then
     * the static apps of the {@code static} section.
     */
    public List<AppSpec> apps() {
        return parsed.apps();
    }

    /** System apps in config order, to mount at {@code /_sys/<name>/}. */
    public List<AppSpec> sysApps() {
        return parsed.sysApps();
    }

    /** The app that also answers at {@code /}: {@code main_app}, else the only app, if one. */
    public Optional<String> mainApp() {
        return parsed.mainApp();
    }

    /**
     * Loads and builds the apps and system apps this configuration names, in a class
     * loader of their own (see {@link LoadedApps}). Each call builds new instances.
     *
     * @throws ConfigException naming {@code apps.<name>.class} or {@code .kwargs...} when a
     *                         class is missing, cannot be built, or no constructor takes the kwargs
     */
    public LoadedApps loadApps() {
        return LoadedApps.of(this);
    }

    /** The OpenAPI {@code info} title, version and description. */
    public OpenApiInfo openapi() {
        return parsed.openapi();
    }

    /** Global middleware switches: name to {@code Boolean} or an options map, in config order. */
    public Map<String, Object> middleware() {
        return section("middleware");
    }

    /** Router plugins switched on, each with its options; {@code name: false} is left out. */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> plugins() {
        Map<String, Map<String, Object>> on = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : section("plugins").entrySet()) {
            if (e.getValue() instanceof Map<?, ?> options) {
                on.put(e.getKey(), (Map<String, Object>) options);
            }
        }
        return java.util.Collections.unmodifiableMap(on);
    }

    /** Storage mounts: name to absolute directory. */
    public Map<String, Path> storage() {
        return parsed.storage();
    }

    /**
     * One top-level section of the merged tree, read-only; empty when the file has none.
     * Values are YAML-like: String, Boolean, Integer, Long, Double, Map, List or null.
     *
     * @param name a section name such as {@code middleware}, {@code auth} or {@code session}
     * @throws IllegalArgumentException when {@code name} is not a section
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String name) {
        if (!ConfigSchema.SECTIONS.contains(name) || name.equals("main_app")) {
            throw new IllegalArgumentException("not a config section: " + name);
        }
        return (Map<String, Object>) parsed.tree().get(name);
    }

    /** The whole merged, normalised tree, read-only, defaults filled in. Holds secrets. */
    public Map<String, Object> tree() {
        return parsed.tree();
    }

    /**
     * The merged tree for display ({@code /_server/config}): passwords, secrets, tokens, keys
     * and credentials read {@code ***}; {@code server} also shows {@code server_dir} and
     * {@code config_file}.
     */
    public Map<String, Object> summary() {
        Map<String, Object> shown = new LinkedHashMap<>(Secrets.mask(parsed.tree()));
        @SuppressWarnings("unchecked")
        Map<String, Object> server = new LinkedHashMap<>((Map<String, Object>) shown.get("server"));
        server.put("server_dir", serverDir.toString());
        server.put("config_file", configFile.map(Path::toString).orElse(null));
        shown.put("server", server);
        return ConfigSchema.freeze(shown);
    }

    /**
     * Where the value at a key path came from when it was not the YAML file: an environment
     * variable name, a {@code --flag}, or {@code constructor}. A value inside an overridden
     * subtree reports the override of the subtree.
     */
    public Optional<String> origin(String path) {
        return Optional.ofNullable(tree.originOf(path));
    }

    /**
     * An error about a key path, worded and attributed like this package's own errors. Lets the
     * owners of {@code middleware}, {@code auth} and other sections report their options the
     * same way.
     */
    public ConfigException error(String path, String detail) {
        return tree.error(path, detail);
    }

    private static void applyArguments(ConfigTree tree, String host, Integer port, Boolean reload) {
        if (host != null) {
            tree.set("server.host", host, "constructor");
        }
        if (port != null) {
            tree.set("server.port", port, "constructor");
        }
        if (reload != null) {
            tree.set("server.reload", reload, "constructor");
        }
    }

    private static Path serverDir(Path given, Layer fromArgv, Layer fromEnv) {
        Assignment choice = fromArgv.serverDir() != null ? fromArgv.serverDir() : fromEnv.serverDir();
        if (given != null) {
            choice = new Assignment("server_dir", given.toString(), "constructor");
        }
        if (choice == null) {
            return Path.of("").toAbsolutePath();
        }
        Path dir = path("server_dir", choice, Path.of(""));
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("server_dir", choice.origin(), "not a directory: " + dir, null);
        }
        return dir;
    }

    private static Optional<Path> configFile(Path serverDir, Assignment choice) {
        if (choice == null) {
            Path standard = serverDir.resolve(CONFIG_FILE);
            return Files.exists(standard) ? Optional.of(standard) : Optional.empty();
        }
        Path file = path("config", choice, serverDir);
        if (!Files.exists(file)) {
            throw new ConfigException("config", choice.origin(), "file not found: " + file, null);
        }
        return Optional.of(file);
    }

    private static Path path(String key, Assignment choice, Path base) {
        try {
            return base.toAbsolutePath().resolve(choice.value().toString()).normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(key, choice.origin(), "invalid path: " + e.getReason(), null);
        }
    }
}
