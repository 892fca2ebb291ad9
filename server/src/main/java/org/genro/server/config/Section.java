package org.genro.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Typed reads of the keys of one config map, each failure reported as a
 * {@link ConfigException} that names the key path (and, for the merged tree, where an
 * overridden value came from). The config sections and every middleware's options read
 * through it, so "8k", "yes" or a bad value mean and say the same everywhere.
 *
 * <p>A key that is missing or null reads as the default: {@code port:} with nothing after it
 * means "not configured". Secret values are described by kind only, never quoted.
 */
public final class Section {

    private final BiFunction<String, String, ConfigException> errors;
    private final String path;
    private final Map<String, Object> values;

    private Section(BiFunction<String, String, ConfigException> errors, String path, Map<String, Object> values) {
        this.errors = errors;
        this.path = path;
        this.values = values;
    }

    /** The top level of {@code tree}. */
    static Section root(ConfigTree tree) {
        // not tree::error, which would make a class at its first use (see package-info)
        return new Section(new BiFunction<>() {
            @Override
            public ConfigException apply(String path, String detail) {
                return tree.error(path, detail);
            }
        }, "", tree.root());
    }

    /**
     * A reader over {@code values}, the map found at {@code path}; {@code errors} makes
     * the exception for a key path and a detail (e.g. {@code ServerConfig::error}).
     */
    public static Section of(Map<String, Object> values, String path, BiFunction<String, String, ConfigException> errors) {
        return new Section(errors, path, values);
    }

    /** This map's key path; empty at the top level. */
    public String path() {
        return path;
    }

    /** The key path of {@code key} in this map. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The raw map, in YAML order. */
    Map<String, Object> values() {
        return values;
    }

    /** The raw value of {@code key}, or null. */
    Object raw(String key) {
        return values.get(key);
    }

    /** Whether {@code key} is present with a non-null value. */
    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** Refuses the first key not in {@code allowed}, listing the allowed ones. */
    void allowOnly(Set<String> allowed) {
        allowOnly(allowed, "key");
    }

    /** Refuses the first key not in {@code allowed}: "unknown {@code what}; expected one of: ...". */
    public void allowOnly(Set<String> allowed, String what) {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw error(key, "unknown " + what + "; expected one of: "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    /** The keys of this map, in order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * The map under {@code key}, as a section of its own; empty when missing.
     *
     * @throws ConfigException when the value is not a map
     */
    public Section section(String key) {
        return child(key);
    }

    /**
     * The map under {@code key}; a plain value there reads as a map of one key,
     * {@code shorthand} (so {@code bob: "$pbkdf2..."} means {@code bob: {password_hash: ...}}).
     *
     * @throws ConfigException when the value is a list
     */
    public Section section(String key, String shorthand) {
        Object value = values.get(key);
        if (value != null && !(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(shorthand, value);
            return new Section(errors, path(key), one);
        }
        return child(key);
    }

    /** The map under {@code key}; empty when missing. */
    Section child(String key) {
        Optional<Section> child = optionalChild(key);
        return child.isPresent() ? child.get() : new Section(errors, path(key), new LinkedHashMap<>());
    }

    /** The map under {@code key}, or empty when missing or null. */
    @SuppressWarnings("unchecked")
    Optional<Section> optionalChild(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw error(key, "expected a map, got " + shown(key, value));
        }
        return Optional.of(new Section(errors, path(key), (Map<String, Object>) map));
    }

    /** A scalar read as text (a YAML number such as {@code version: 2} becomes "2"). */
    public String string(String key, String fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Map<?, ?> || value instanceof java.util.List<?>) {
            throw error(key, "expected a string, got " + Scalars.kind(value));
        }
        return value.toString();
    }

    /** A whole number within {@code [min, max]}. */
    public int integer(String key, int min, int max, int fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        Long n = Scalars.integer(value);
        if (n == null || n < min || n > max) {
            String range = max == Integer.MAX_VALUE ? ">= " + min : min + "-" + max;
            throw error(key, "expected an integer " + range + ", got " + shown(key, value));
        }
        return n.intValue();
    }

    /** A boolean: true/false, yes/no, on/off, 1/0. */
    public boolean bool(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        Boolean b = Scalars.bool(value);
        if (b == null) {
            throw error(key, "expected true or false, got " + shown(key, value));
        }
        return b;
    }

    /** A byte size within {@code [min, max]}: {@code 512}, {@code 8k}, {@code 1m}. */
    public long size(String key, long min, long max, long fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        Long n = Scalars.size(value);
        if (n == null) {
            throw error(key, "expected a size such as 512, 8k or 1m, got " + shown(key, value));
        }
        if (n < min || n > max) {
            throw error(key, "expected a size from " + min + " to " + max + " bytes, got "
                    + shown(key, value));
        }
        return n;
    }

    /** A duration: {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, or plain seconds. */
    public Duration duration(String key, Duration fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        Duration d = Scalars.duration(value);
        if (d == null) {
            throw error(key, "expected a duration such as 10s, 500ms or 2m, got " + shown(key, value));
        }
        return d;
    }

    /** A list of non-empty strings, from a YAML list or a comma-separated string. */
    public List<String> list(String key, List<String> fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        List<?> items = switch (value) {
            case String s -> List.of(s.split(",", -1));
            case List<?> l -> l;
            default -> throw error(key, "expected a list or a comma-separated string, got " + shown(key, value));
        };
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof Map<?, ?> || item instanceof List<?> || item == null || item.toString().isBlank()) {
                throw error(key, "item " + i + ": expected a non-empty string, got " + shown(key, item));
            }
            out.add(item.toString().strip());
        }
        return List.copyOf(out);
    }

    /**
     * The value of {@code key} as a boolean when it is one (the words {@link #bool} takes),
     * else null: for keys that take a boolean or something else, such as a switch that may
     * also be a map of options.
     */
    public Boolean booleanOrNull(String key) {
        return Scalars.bool(values.get(key));
    }

    /** The value of {@code key} as a whole number when it is one, else null. */
    public Long integerOrNull(String key) {
        return Scalars.integer(values.get(key));
    }

    /** How the value of {@code key} appears in a message: quoted and shortened, or only its kind when secret. */
    public String describe(String key) {
        return shown(key, values.get(key));
    }

    /**
     * How any value appears in a config message: strings quoted, long ones shortened,
     * maps and lists by kind. For values that are never secret (option records check
     * their own values with it).
     */
    public static String quote(Object value) {
        return Scalars.describe(value);
    }

    /** An error about {@code key} of this map. */
    public ConfigException error(String key, String detail) {
        return errors.apply(path(key), detail);
    }

    /** An error about this map as a whole. */
    ConfigException error(String detail) {
        return errors.apply(path.isEmpty() ? "(top level)" : path, detail);
    }

    /** How a value appears in a message: quoted, or only its kind when the key is secret. */
    String shown(String key, Object value) {
        return Secrets.isSecretPath(path(key)) ? Scalars.kind(value) : Scalars.describe(value);
    }
}
