package org.genro.server.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.genro.http.Limits;

/**
 * The {@code server.limits} section: each key of the engine's {@link Limits}, one line per
 * limit in {@link #KEYS}, read into a {@code Limits} and written back (for the builder and
 * the config summary). The engine checks the combinations and ranges; a refusal names the
 * key here.
 */
public final class LimitsSection {

    /** How a value is read and written. */
    private enum Kind { SIZE, COUNT, TIME }

    /** One key: its YAML name, kind, accepted range, and where it sits in {@link Limits}. */
    private record Key(String name, Kind kind, long min, long max, Function<Limits, Object> get) {
    }

    // In the order of the Limits record's components, which build() relies on.
    private static final List<Key> KEYS = List.of(
            new Key("request_line", Kind.SIZE, 1, 1 << 20, Limits::requestLine),
            new Key("head", Kind.SIZE, 1, 16 << 20, Limits::head),
            new Key("header_count", Kind.COUNT, 1, 10_000, Limits::headerCount),
            new Key("body", Kind.SIZE, 0, 1L << 40, Limits::body),
            new Key("head_timeout", Kind.TIME, 0, 0, Limits::headTimeout),
            new Key("idle_timeout", Kind.TIME, 0, 0, Limits::idleTimeout),
            new Key("body_timeout", Kind.TIME, 0, 0, Limits::bodyTimeout),
            new Key("write_timeout", Kind.TIME, 0, 0, Limits::writeTimeout),
            new Key("max_requests_per_connection", Kind.COUNT, 0, Integer.MAX_VALUE, Limits::maxRequestsPerConnection),
            new Key("max_connections", Kind.COUNT, 1, 1_000_000, Limits::maxConnections),
            new Key("drain", Kind.SIZE, 0, 1L << 30, Limits::drain),
            new Key("min_body_rate", Kind.SIZE, 0, 1L << 30, Limits::minBodyRate));

    private static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    /** The YAML keys of the section. */
    static final Set<String> NAMES = KEYS.stream().map(Key::name).collect(Collectors.toUnmodifiableSet());

    private LimitsSection() {
    }

    /** Reads the section over the engine's defaults. */
    static Limits read(Section s) {
        s.allowOnly(NAMES);
        Limits d = Limits.defaults();
        Object[] v = new Object[KEYS.size()];
        for (int i = 0; i < v.length; i++) {
            Key k = KEYS.get(i);
            Object fallback = k.get().apply(d);
            v[i] = switch (k.kind()) {
                case SIZE -> {
                    long n = s.size(k.name(), k.min(), k.max(), ((Number) fallback).longValue());
                    yield fallback instanceof Integer ? (Object) (int) n : (Object) n;
                }
                case COUNT -> s.integer(k.name(), (int) k.min(), (int) k.max(), (Integer) fallback);
                case TIME -> {
                    Duration t = s.duration(k.name(), (Duration) fallback);
                    if (t.compareTo(MAX_TIMEOUT) > 0) {
                        throw s.error(k.name(), "expected at most 24h, got " + s.describe(k.name()));
                    }
                    yield t;
                }
            };
        }
        try {
            return new Limits((int) v[0], (int) v[1], (int) v[2], (long) v[3], (Duration) v[4], (Duration) v[5],
                    (Duration) v[6], (Duration) v[7], (int) v[8], (int) v[9], (long) v[10], (long) v[11]);
        } catch (IllegalArgumentException e) {
            throw s.error(e.getMessage());
        }
    }

    /**
     * The section as config.yaml would hold it: every key, sizes in bytes, durations as
     * text ({@code 10s}).
     */
    public static Map<String, Object> tree(Limits limits) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Key k : KEYS) {
            Object value = k.get().apply(limits);
            out.put(k.name(), value instanceof Duration d ? Scalars.format(d) : value);
        }
        return out;
    }
}
