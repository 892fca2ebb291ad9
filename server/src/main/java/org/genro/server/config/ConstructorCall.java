package org.genro.server.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds one app: chooses the public constructor its kwargs fit and converts each value to
 * its parameter's type. Rules are on {@link AppLoader}.
 */
final class ConstructorCall {

    private final Class<?> type;
    private final AppSpec spec;
    private final Path serverDir;
    private final Function<String, String> originOf;

    ConstructorCall(Class<?> type, AppSpec spec, Path serverDir, Function<String, String> originOf) {
        this.type = type;
        this.spec = spec;
        this.serverDir = serverDir;
        this.originOf = originOf;
    }

    /** Builds the instance or explains, by key path, why it cannot. */
    Object invoke() {
        List<Constructor<?>> byName = byParameterNames();
        ConfigException firstMismatch = null;
        for (Constructor<?> c : byName) {
            try {
                return call(c, bind(c));
            } catch (Mismatch m) {
                // An overload with the same names may take other types; try it before failing.
                firstMismatch = firstMismatch == null ? m.error : firstMismatch;
            }
        }
        if (firstMismatch != null) {
            throw firstMismatch;
        }
        Constructor<?> mapTaking = mapConstructor();
        if (mapTaking != null) {
            // AppSpec already holds the kwargs read-only, so the app cannot change the config.
            return call(mapTaking, mapTaking.getParameterCount() == 1 ? new Object[] {spec.kwargs()}
                    : new Object[] {spec.kwargs(), serverDir});
        }
        throw noConstructor();
    }

    private List<Constructor<?>> byParameterNames() {
        Set<String> keys = spec.kwargs().keySet();
        List<Constructor<?>> out = new ArrayList<>();
        for (Constructor<?> c : publicConstructors()) {
            if (names(c).equals(keys) && c.getParameterCount() == keys.size()) {
                out.add(c);
            }
        }
        return out;
    }

    private Constructor<?> mapConstructor() {
        for (Constructor<?> c : publicConstructors()) {
            if (takesMap(c)) {
                return c;
            }
        }
        return null;
    }

    /** (Map kwargs), or (Map kwargs, Path serverDir). */
    private static boolean takesMap(Constructor<?> c) {
        Class<?>[] types = c.getParameterTypes();
        return types.length >= 1 && types.length <= 2 && types[0] == Map.class
                && (types.length == 1 || types[1] == Path.class);
    }

    // getConstructors() has no defined order; sort so that the choice never varies between runs.
    private List<Constructor<?>> publicConstructors() {
        // sorted by their generic strings: a TreeMap rather than a comparator lambda, which would
        // make the JDK generate a class as the server starts (config's package-info)
        TreeMap<String, Constructor<?>> sorted = new TreeMap<>();
        for (Constructor<?> c : type.getConstructors()) {
            sorted.put(c.toGenericString(), c);
        }
        return List.copyOf(sorted.values());
    }

    private static Set<String> names(Constructor<?> c) {
        Set<String> names = new HashSet<>();
        for (Parameter p : c.getParameters()) {
            names.add(p.getName());
        }
        return names;
    }

    private Object[] bind(Constructor<?> c) throws Mismatch {
        Parameter[] params = c.getParameters();
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            String name = params[i].getName();
            String path = spec.path() + ".kwargs." + name;
            args[i] = new Conversion(path, serverDir).to(params[i].getParameterizedType(),
                    spec.kwargs().get(name), (at, message) -> new Mismatch(error(at, message, null)));
        }
        return args;
    }

    private Object call(Constructor<?> c, Object[] args) {
        String key = spec.path() + ".class";
        try {
            return c.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException refused) {
                // the app named the kwarg it refuses: report it where it is written
                String at = spec.path() + ".kwargs." + refused.path();
                throw new ConfigException(at, originOf.apply(at), refused.detail(), refused);
            }
            throw error(key, "constructor of " + spec.className() + " failed: " + cause, cause);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // Inaccessible (a package the module does not open) or a failing static initialiser.
            throw error(key, "cannot build " + spec.className() + ": " + e, e);
        }
    }

    // Explains the closest miss: the unknown or missing key when there is a single constructor
    // to compare with, otherwise what the class offers.
    private ConfigException noConstructor() {
        List<Constructor<?>> candidates = publicConstructors().stream()
                .filter(c -> !takesMap(c)).toList();
        String kwargs = spec.path() + ".kwargs";
        if (candidates.isEmpty()) {
            return error(spec.path() + ".class", spec.className() + " has no public constructor", null);
        }
        if (candidates.size() == 1) {
            Constructor<?> only = candidates.getFirst();
            if (Arrays.stream(only.getParameters()).anyMatch(p -> !p.isNamePresent())) {
                return error(kwargs, "parameter names of " + signature(only) + " are not available; "
                        + "compile the app with -parameters", null);
            }
            Set<String> wanted = names(only);
            for (String key : spec.kwargs().keySet()) {
                if (!wanted.contains(key)) {
                    return error(kwargs + "." + key, "no such parameter in " + signature(only), null);
                }
            }
            for (String name : new TreeSet<>(wanted)) {
                if (!spec.kwargs().containsKey(name)) {
                    return error(kwargs + "." + name, "missing; required by " + signature(only), null);
                }
            }
        }
        List<String> offered = new ArrayList<>();
        candidates.forEach(c -> offered.add(signature(c)));
        return error(kwargs, "no public constructor takes " + spec.kwargs().keySet()
                + "; available: " + String.join(", ", offered), null);
    }

    private String signature(Constructor<?> c) {
        return type.getSimpleName() + Arrays.stream(c.getParameters())
                .map(p -> p.getType().getSimpleName() + " " + p.getName())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private ConfigException error(String path, String detail, Throwable cause) {
        return new ConfigException(path, originOf.apply(path), detail, cause);
    }

    /** A value that does not fit one constructor; another overload may still fit. */
    private static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ConfigException error;

        Mismatch(ConfigException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    /** Converts one YAML value to a parameter type. */
    private record Conversion(String path, Path serverDir) {

        /** Makes the exception for a value that does not fit, at the path of that value. */
        interface Failure<E extends Exception> {
            E because(String path, String message);
        }

        <E extends Exception> Object to(Type target, Object value, Failure<E> fail) throws E {
            Class<?> raw = raw(target);
            if (value == null) {
                if (raw.isPrimitive()) {
                    throw fail.because(path, "expected " + raw.getName() + ", got null");
                }
                return null;
            }
            Object converted = convert(raw, target, value, fail);
            if (converted == null) {
                throw fail.because(path, "expected " + describe(raw) + ", got " + shown(value));
            }
            return converted;
        }

        private <E extends Exception> Object convert(Class<?> raw, Type target, Object value,
                                                     Failure<E> fail) throws E {
            if (raw == List.class || raw == java.util.Collection.class || raw == Iterable.class) {
                return list(target, value, fail);
            }
            if (raw == Map.class) {
                return value instanceof Map<?, ?> m
                        ? Collections.unmodifiableMap(new LinkedHashMap<>(m)) : null;
            }
            return scalar(raw, value);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Object scalar(Class<?> raw, Object value) {
            if (raw == Object.class) {
                return value;
            }
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                return null;
            }
            if (raw == String.class) {
                return value.toString();
            }
            if (raw == int.class || raw == Integer.class) {
                Long n = Scalars.integer(value);
                return n == null || n != n.intValue() ? null : n.intValue();
            }
            if (raw == long.class || raw == Long.class) {
                return Scalars.integer(value);
            }
            if (raw == double.class || raw == Double.class) {
                return decimal(value);
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return Scalars.bool(value);
            }
            if (raw == Path.class) {
                return value instanceof String s ? serverDir.resolve(s).normalize() : null;
            }
            if (raw == Duration.class) {
                return Scalars.duration(value);
            }
            if (raw.isEnum() && value instanceof String s) {
                for (Object constant : raw.getEnumConstants()) {
                    if (((Enum) constant).name().equalsIgnoreCase(s.strip())) {
                        return constant;
                    }
                }
            }
            return null;
        }

        private <E extends Exception> Object list(Type target, Object value, Failure<E> fail) throws E {
            List<?> items = value instanceof String s
                    // Overrides are text: --apps.x.kwargs.tags=a,b is a two-element list.
                    ? Arrays.stream(s.split(",")).map(String::strip).toList()
                    : value instanceof List<?> l ? l : null;
            if (items == null) {
                return null;
            }
            Type element = target instanceof ParameterizedType p
                    ? p.getActualTypeArguments()[0] : Object.class;
            List<Object> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                out.add(new Conversion(path + "." + i, serverDir).to(element, items.get(i), fail));
            }
            return Collections.unmodifiableList(out);
        }

        private static Double decimal(Object value) {
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            try {
                return value instanceof String s ? Double.valueOf(s.strip()) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static Class<?> raw(Type type) {
            if (type instanceof Class<?> c) {
                return c;
            }
            if (type instanceof ParameterizedType p) {
                return (Class<?>) p.getRawType();
            }
            // Wildcards and type variables: take whatever the YAML holds.
            return Object.class;
        }

        private static String describe(Class<?> raw) {
            if (raw.isEnum()) {
                return "one of " + Arrays.stream(raw.getEnumConstants()).map(Object::toString)
                        .collect(Collectors.joining(", "));
            }
            return switch (raw.getSimpleName()) {
                case "int", "Integer" -> "an int";
                case "long", "Long" -> "a long";
                case "double", "Double" -> "a number";
                case "boolean", "Boolean" -> "true or false";
                case "Path" -> "a path";
                case "Duration" -> "a duration such as 10s";
                case "List", "Collection", "Iterable" -> "a list";
                case "Map" -> "a map";
                case "String" -> "a string";
                default -> "a value of unsupported parameter type " + raw.getName();
            };
        }

        private String shown(Object value) {
            return Secrets.isSecretPath(path) ? Scalars.kind(value) : Scalars.describe(value);
        }
    }
}
