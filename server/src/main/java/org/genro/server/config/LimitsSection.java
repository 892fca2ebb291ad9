package org.genro.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genro.http.Limits;

/**
 * The {@code server.limits} section: every key of the engine's {@link Limits}, one entry
 * each in {@link Key}, read straight into a {@code Limits} and written back (for the
 * builder and the config summary). Ranges come from the engine's own maxima; a value out
 * of range, or a combination the engine refuses, is an error naming the key.
 */
public final class LimitsSection {

    /** How a key's value is written in YAML and checked. */
    private enum Kind {
        /** A size in bytes (or bytes per second): {@code 512}, {@code 8k}, {@code 1m}. */
        SIZE,
        /** A count: a plain integer. */
        COUNT,
        /** A timeout: {@code 10s}, {@code 500ms}; zero disables it; at most {@link Limits#MAX_TIMEOUT}. */
        TIME
    }

    /**
     * One key each: its name, kind and range, how its value goes into a builder and how it
     * is read from the limits. Constant bodies rather than a table of method references:
     * linking the 50 lambdas the table needed cost about 100 ms of the config thread on a
     * cold JVM, every start, and the start waits for that thread.
     */
    private enum Key {
        REQUEST_LINE("request_line", Kind.SIZE, 1, Limits.MAX_REQUEST_LINE) {
            void set(Limits.Builder b, long v) { b.requestLine((int) v); }
            Object get(Limits l) { return l.requestLine(); }
        },
        HEAD("head", Kind.SIZE, 1, Limits.MAX_HEAD) {
            void set(Limits.Builder b, long v) { b.head((int) v); }
            Object get(Limits l) { return l.head(); }
        },
        HEADER_COUNT("header_count", Kind.COUNT, 1, Limits.MAX_HEADER_COUNT) {
            void set(Limits.Builder b, long v) { b.headerCount((int) v); }
            Object get(Limits l) { return l.headerCount(); }
        },
        BODY("body", Kind.SIZE, 0, Limits.MAX_BODY) {
            void set(Limits.Builder b, long v) { b.body(v); }
            Object get(Limits l) { return l.body(); }
        },
        HEAD_TIMEOUT("head_timeout", Kind.TIME, 0, 0) {
            void set(Limits.Builder b, Duration v) { b.headTimeout(v); }
            Object get(Limits l) { return l.headTimeout(); }
        },
        IDLE_TIMEOUT("idle_timeout", Kind.TIME, 0, 0) {
            void set(Limits.Builder b, Duration v) { b.idleTimeout(v); }
            Object get(Limits l) { return l.idleTimeout(); }
        },
        BODY_TIMEOUT("body_timeout", Kind.TIME, 0, 0) {
            void set(Limits.Builder b, Duration v) { b.bodyTimeout(v); }
            Object get(Limits l) { return l.bodyTimeout(); }
        },
        WRITE_TIMEOUT("write_timeout", Kind.TIME, 0, 0) {
            void set(Limits.Builder b, Duration v) { b.writeTimeout(v); }
            Object get(Limits l) { return l.writeTimeout(); }
        },
        MAX_REQUESTS_PER_CONNECTION("max_requests_per_connection", Kind.COUNT, 0, Integer.MAX_VALUE) {
            void set(Limits.Builder b, long v) { b.maxRequestsPerConnection((int) v); }
            Object get(Limits l) { return l.maxRequestsPerConnection(); }
        },
        MAX_CONNECTIONS("max_connections", Kind.COUNT, 1, Limits.MAX_CONNECTIONS) {
            void set(Limits.Builder b, long v) { b.maxConnections((int) v); }
            Object get(Limits l) { return l.maxConnections(); }
        },
        DRAIN("drain", Kind.SIZE, 0, Limits.MAX_DRAIN) {
            void set(Limits.Builder b, long v) { b.drain(v); }
            Object get(Limits l) { return l.drain(); }
        },
        MIN_BODY_RATE("min_body_rate", Kind.SIZE, 0, Limits.MAX_RATE) {
            void set(Limits.Builder b, long v) { b.minBodyRate(v); }
            Object get(Limits l) { return l.minBodyRate(); }
        },
        MIN_WRITE_RATE("min_write_rate", Kind.SIZE, 0, Limits.MAX_RATE) {
            void set(Limits.Builder b, long v) { b.minWriteRate(v); }
            Object get(Limits l) { return l.minWriteRate(); }
        },
        WS_MESSAGE("ws_message", Kind.SIZE, 1, Limits.MAX_WS_MESSAGE) {
            void set(Limits.Builder b, long v) { b.wsMessage((int) v); }
            Object get(Limits l) { return l.wsMessage(); }
        },
        WS_IDLE_TIMEOUT("ws_idle_timeout", Kind.TIME, 0, 0) {
            void set(Limits.Builder b, Duration v) { b.wsIdleTimeout(v); }
            Object get(Limits l) { return l.wsIdleTimeout(); }
        },
        WS_CLOSE_TIMEOUT("ws_close_timeout", Kind.TIME, 0, 0) {
            void set(Limits.Builder b, Duration v) { b.wsCloseTimeout(v); }
            Object get(Limits l) { return l.wsCloseTimeout(); }
        };

        private final String yaml;
        private final Kind kind;
        private final long min;
        private final long max;

        Key(String yaml, Kind kind, long min, long max) {
            this.yaml = yaml;
            this.kind = kind;
            this.min = min;
            this.max = max;
        }

        /** Sets a size or a count; each constant of those kinds overrides it. */
        void set(Limits.Builder b, long v) {
            throw new AssertionError(yaml + " is a " + kind);
        }

        /** Sets a timeout; each constant of that kind overrides it. */
        void set(Limits.Builder b, Duration v) {
            throw new AssertionError(yaml + " is a " + kind);
        }

        /** The value in the limits: an Integer, a Long or a Duration. */
        abstract Object get(Limits l);

        /** Reads this key of the section into the builder, when the section has it. */
        void read(Section s, Limits.Builder b) {
            if (!s.has(yaml)) {
                return;
            }
            switch (kind) {
                case SIZE -> set(b, s.size(yaml, min, max, 0));
                case COUNT -> set(b, s.integer(yaml, (int) min, (int) max, 0));
                case TIME -> {
                    Duration d = s.duration(yaml, Duration.ZERO);
                    if (d.compareTo(Limits.MAX_TIMEOUT) > 0) {
                        throw s.error(yaml, "expected at most " + Limits.MAX_TIMEOUT.toHours() + "h, got "
                                + s.describe(yaml));
                    }
                    set(b, d);
                }
            }
        }

        /** The value as config.yaml holds it: a number, or a duration as text. */
        Object write(Limits l) {
            Object value = get(l);
            return value instanceof Duration d ? Scalars.format(d) : value;
        }
    }

    /** The YAML keys of the section. */
    static final Set<String> NAMES = names();

    private LimitsSection() {
    }

    private static Set<String> names() {
        List<String> names = new ArrayList<>();
        for (Key k : Key.values()) {
            names.add(k.yaml);
        }
        return Set.copyOf(names);
    }

    /** Reads the section over the engine's defaults. */
    static Limits read(Section s) {
        s.allowOnly(NAMES);
        Limits.Builder b = Limits.builder();
        for (Key k : Key.values()) {
            k.read(s, b);
        }
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
        for (Key k : Key.values()) {
            out.put(k.yaml, k.write(limits));
        }
        return out;
    }
}
