package org.genro.server.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.genro.http.Limits;

/**
 * The {@code server.limits} section: every key of the engine's {@link Limits}, one line
 * each in {@link #KEYS}, read straight into a {@code Limits} and written back (for the
 * builder and the config summary). Ranges come from the engine's own maxima; a value out
 * of range, or a combination the engine refuses, is an error naming the key.
 */
public final class LimitsSection {

    /** One key: how it is read into a builder and written from the limits. */
    private record Key(String name, BiConsumer<Section, Limits.Builder> read, Function<Limits, Object> write) {
    }

    private static final List<Key> KEYS = List.of(
            size("request_line", 1, Limits.MAX_REQUEST_LINE, Limits::requestLine, (b, v) -> b.requestLine((int) v)),
            size("head", 1, Limits.MAX_HEAD, Limits::head, (b, v) -> b.head((int) v)),
            count("header_count", 1, Limits.MAX_HEADER_COUNT, Limits::headerCount, Limits.Builder::headerCount),
            size("body", 0, Limits.MAX_BODY, Limits::body, Limits.Builder::body),
            time("head_timeout", Limits::headTimeout, Limits.Builder::headTimeout),
            time("idle_timeout", Limits::idleTimeout, Limits.Builder::idleTimeout),
            time("body_timeout", Limits::bodyTimeout, Limits.Builder::bodyTimeout),
            time("write_timeout", Limits::writeTimeout, Limits.Builder::writeTimeout),
            count("max_requests_per_connection", 0, Integer.MAX_VALUE, Limits::maxRequestsPerConnection,
                    Limits.Builder::maxRequestsPerConnection),
            count("max_connections", 1, Limits.MAX_CONNECTIONS, Limits::maxConnections, Limits.Builder::maxConnections),
            size("drain", 0, Limits.MAX_DRAIN, Limits::drain, Limits.Builder::drain),
            size("min_body_rate", 0, Limits.MAX_RATE, Limits::minBodyRate, Limits.Builder::minBodyRate),
            size("min_write_rate", 0, Limits.MAX_RATE, Limits::minWriteRate, Limits.Builder::minWriteRate),
            size("ws_message", 1, Limits.MAX_WS_MESSAGE, Limits::wsMessage, (b, v) -> b.wsMessage((int) v)),
            time("ws_idle_timeout", Limits::wsIdleTimeout, Limits.Builder::wsIdleTimeout),
            time("ws_close_timeout", Limits::wsCloseTimeout, Limits.Builder::wsCloseTimeout));

    /** The YAML keys of the section. */
    static final Set<String> NAMES = KEYS.stream().map(Key::name).collect(Collectors.toUnmodifiableSet());

    private LimitsSection() {
    }

    /** A size in bytes (or bytes per second): {@code 512}, {@code 8k}, {@code 1m}. */
    private static Key size(String name, long min, long max, Function<Limits, Object> get, ObjLongConsumer<Limits.Builder> set) {
        return new Key(name, (s, b) -> {
            if (s.has(name)) {
                set.accept(b, s.size(name, min, max, 0));
            }
        }, get);
    }

    /** A count: a plain integer. */
    private static Key count(String name, int min, int max, ToIntFunction<Limits> get, ObjIntConsumer<Limits.Builder> set) {
        return new Key(name, (s, b) -> {
            if (s.has(name)) {
                set.accept(b, s.integer(name, min, max, 0));
            }
        }, l -> get.applyAsInt(l));
    }

    /** A timeout: {@code 10s}, {@code 500ms}; zero disables it. */
    private static Key time(String name, Function<Limits, Duration> get, BiConsumer<Limits.Builder, Duration> set) {
        return new Key(name, (s, b) -> {
            if (s.has(name)) {
                Duration d = s.duration(name, Duration.ZERO);
                if (d.compareTo(Limits.MAX_TIMEOUT) > 0) {
                    throw s.error(name, "expected at most " + Limits.MAX_TIMEOUT.toHours() + "h, got "
                            + s.describe(name));
                }
                set.accept(b, d);
            }
        }, l -> Scalars.format(get.apply(l)));
    }

    /** Reads the section over the engine's defaults. */
    static Limits read(Section s) {
        s.allowOnly(NAMES);
        Limits.Builder b = Limits.builder();
        KEYS.forEach(k -> k.read().accept(s, b));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw s.error(e.getMessage()); // a combination, such as a request line that leaves no room in the head
        }
    }

    /**
     * The section as config.yaml would hold it: every key, sizes in bytes, durations as
     * text ({@code 10s}).
     */
    public static Map<String, Object> tree(Limits limits) {
        Map<String, Object> out = new LinkedHashMap<>();
        KEYS.forEach(k -> out.put(k.name(), k.write().apply(limits)));
        return out;
    }
}
