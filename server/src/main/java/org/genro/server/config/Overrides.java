package org.genro.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns environment variables and command-line arguments into key-path overrides.
 *
 * <p>Both sources name the server directory and the config file as well as plain values; those
 * two are kept apart because they decide which YAML file is read at all.
 */
final class Overrides {

    /** The environment variable prefix, as in the original server. */
    static final String ENV_PREFIX = "GENRO_ASGI_";

    private static final String OPTIONS_HELP = "expected --host, --port, --reload, --debug, "
            + "--config, --server-dir, --main-app or a dotted key such as --server.port=9000";

    private Overrides() {
    }

    /** One value for one key path, and where it came from. */
    record Assignment(String path, Object value, String origin) {
    }

    /**
     * What one source says.
     *
     * @param serverDir the server directory it names, or null
     * @param config    the config file it names, or null
     * @param values    key-path overrides in the order they apply
     */
    record Layer(Assignment serverDir, Assignment config, List<Assignment> values) {
    }

    /**
     * Reads the {@code GENRO_ASGI_*} variables. {@code HOST}, {@code PORT}, {@code RELOAD},
     * {@code SERVER_DIR} and {@code CONFIG} have fixed meanings; any other name is a key path,
     * lower-cased, with {@code __} between levels. An empty variable counts as unset, since that
     * is how shells and compose files blank one out.
     */
    static Layer fromEnvironment(Map<String, String> env) {
        Assignment serverDir = null;
        Assignment config = null;
        List<Assignment> generic = new ArrayList<>();
        List<Assignment> named = new ArrayList<>();
        // Sorted so that the outcome does not depend on the platform's map order.
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (!name.startsWith(ENV_PREFIX) || value == null || value.isEmpty()) {
                continue;
            }
            String rest = name.substring(ENV_PREFIX.length());
            switch (rest) {
                case "HOST" -> named.add(new Assignment("server.host", value, name));
                case "PORT" -> named.add(new Assignment("server.port", value, name));
                case "RELOAD" -> named.add(new Assignment("server.reload", value, name));
                case "SERVER_DIR" -> serverDir = new Assignment("server_dir", value, name);
                case "CONFIG" -> config = new Assignment("config", value, name);
                default -> generic.add(new Assignment(envPath(name, rest), value, name));
            }
        }
        // The five fixed names are the documented interface; they beat a key-path spelling.
        generic.addAll(named);
        return new Layer(serverDir, config, List.copyOf(generic));
    }

    /**
     * Reads command-line arguments: {@code --host H}, {@code --port N}, {@code --reload},
     * {@code --debug}, {@code --config F}, {@code --server-dir D}, {@code --main-app NAME},
     * dotted key paths ({@code --server.port=9000} or {@code --server.port 9000}), and one
     * positional server directory. {@code --} ends the options.
     *
     * @throws ConfigException naming the argument for an unknown option, a missing value or a
     *                         second positional argument
     */
    static Layer fromArguments(List<String> argv) {
        Assignment serverDir = null;
        Assignment config = null;
        List<Assignment> values = new ArrayList<>();
        boolean optionsEnded = false;
        boolean positionalSeen = false;
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                if (positionalSeen) {
                    throw new ConfigException(Scalars.describe(arg), null, "unexpected argument; "
                            + "only one server directory may be given", null);
                }
                positionalSeen = true;
                serverDir = new Assignment("server_dir", arg, "argument");
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            Option option = Option.parse(arg);
            String value = option.inline;
            if (value == null && option.takesValue()) {
                if (i + 1 >= argv.size() || argv.get(i + 1).startsWith("--")) {
                    throw new ConfigException(option.flag(), null, "missing value", null);
                }
                value = argv.get(++i);
            }
            Assignment o = option.toOverride(value);
            switch (o.path()) {
                case "server_dir" -> serverDir = o;
                case "config" -> config = o;
                default -> values.add(o);
            }
        }
        return new Layer(serverDir, config, List.copyOf(values));
    }

    private static String envPath(String name, String rest) {
        String[] levels = rest.toLowerCase(Locale.ROOT).split("__", -1);
        for (String level : levels) {
            if (level.isEmpty()) {
                throw new ConfigException(name, null,
                        "empty key level; use __ only between key names, e.g. "
                                + ENV_PREFIX + "SERVER__LIMITS__BODY", null);
            }
        }
        return String.join(".", levels);
    }

    /** One {@code --name[=value]} argument. */
    private record Option(String name, String inline) {

        static Option parse(String arg) {
            // A single dash never names an option here; "-v" and "-h" belong to the launcher.
            if (!arg.startsWith("--")) {
                throw new ConfigException(arg, null, "unknown option; " + OPTIONS_HELP, null);
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String inline = eq < 0 ? null : body.substring(eq + 1);
            Option option = new Option(name, inline);
            option.check();
            return option;
        }

        String flag() {
            return "--" + name;
        }

        boolean takesValue() {
            return !isSwitch();
        }

        private boolean isSwitch() {
            return name.equals("reload") || name.equals("debug");
        }

        private void check() {
            boolean known = switch (name) {
                case "host", "port", "reload", "debug", "config", "server-dir", "server_dir",
                     "main-app", "main_app" -> true;
                default -> false;
            };
            if (!known && !isKeyPath()) {
                throw new ConfigException(flag(), null, "unknown option; " + OPTIONS_HELP, null);
            }
        }

        private boolean isKeyPath() {
            if (!name.contains(".")) {
                return false;
            }
            for (String level : name.split("\\.", -1)) {
                if (level.isEmpty()) {
                    throw new ConfigException(flag(), null, "empty key level in a dotted key", null);
                }
            }
            return true;
        }

        Assignment toOverride(String value) {
            String origin = flag();
            // A bare switch means true; --reload=false switches it off again.
            Object v = value == null ? "true" : value;
            return switch (name) {
                case "host" -> new Assignment("server.host", v, origin);
                case "port" -> new Assignment("server.port", v, origin);
                case "reload" -> new Assignment("server.reload", v, origin);
                case "debug" -> new Assignment("server.debug", v, origin);
                case "config" -> new Assignment("config", v, origin);
                case "server-dir", "server_dir" -> new Assignment("server_dir", v, origin);
                case "main-app", "main_app" -> new Assignment("main_app", v, origin);
                default -> new Assignment(name, v, origin);
            };
        }
    }
}
