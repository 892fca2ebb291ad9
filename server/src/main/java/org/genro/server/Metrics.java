package org.genro.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters of the requests served, by app, method and status class, and a latency
 * histogram per app; and their Prometheus text exposition, with the gauges the server
 * reads when asked.
 *
 * <p>Recording takes no lock and no atomic instruction. The counts are kept in
 * {@link Tally tallies}, one per holder (each of the request registry's cells), and only
 * the thread holding a tally writes to it, so a count is a plain add to memory that
 * thread's core already owns; the exposition adds the tallies up. Labels come from
 * bounded sets: the mount an exchange went to (unknown paths have none), one of eight
 * method names, five classes.
 */
final class Metrics {
    /** Bucket bounds in seconds: from a fast in-memory answer to a slow upstream. */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final long[] BUCKET_NANOS = new long[BUCKETS.length];
    /** Methods counted by name; any other is {@code other}, so a client cannot add labels. */
    static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other"};
    /** The app label of a request no mount answered. */
    static final String NO_APP = "none";

    // An app's counts in one tally, in one array: requests by method and status class,
    // then the histogram's buckets (the last above every bound), then the nanoseconds.
    private static final int BUCKETS_AT = METHODS.length * 5;
    private static final int NANOS_AT = BUCKETS_AT + BUCKETS.length + 1;
    private static final int COUNTS = NANOS_AT + 1;
    /** Element access that another thread may read while the holder writes, never torn. */
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        for (int i = 0; i < BUCKETS.length; i++) {
            BUCKET_NANOS[i] = (long) (BUCKETS[i] * 1e9);
        }
    }

    /** The counts one holder records; written by one thread at a time, read by any. */
    static final class Tally {
        private final ConcurrentHashMap<String, long[]> apps = new ConcurrentHashMap<>();
        /**
         * The app counted last and its counts, for its holder only: a connection's requests
         * mostly go to one app, named by the same String (the mount table's), so the map is
         * asked only when the app changes.
         */
        private String lastApp;
        private long[] lastCounts;

        /** Counts one answered request: {@code app} may be null, {@code status} outside 100-599 counts nowhere. */
        void record(String app, String method, int status, long nanos) {
            if (status < 100 || status > 599) {
                return;
            }
            String key = app == null ? NO_APP : app;
            long[] c = lastCounts;
            if (key != lastApp) {
                c = apps.get(key);
                if (c == null) {
                    c = apps.computeIfAbsent(key, k -> new long[COUNTS]);
                }
                lastApp = key;
                lastCounts = c;
            }
            add(c, methodIndex(method) * 5 + status / 100 - 1, 1);
            int b = 0;
            while (b < BUCKET_NANOS.length && nanos > BUCKET_NANOS[b]) {
                b++;
            }
            add(c, BUCKETS_AT + b, 1);
            add(c, NANOS_AT, Math.max(0, nanos));
        }

        private static void add(long[] counts, int i, long n) {
            COUNT.setOpaque(counts, i, (long) COUNT.getOpaque(counts, i) + n);
        }
    }

    private final Tally[] tallies;

    /** Counters kept in {@code holders} tallies. */
    Metrics(int holders) {
        tallies = new Tally[holders];
        for (int i = 0; i < holders; i++) {
            tallies[i] = new Tally();
        }
    }

    /** The tally of holder {@code i}. */
    Tally tally(int i) {
        return tallies[i];
    }

    /** The sum over every tally of count {@code i} of {@code app}. */
    private long sum(String app, int i) {
        long n = 0;
        for (Tally t : tallies) {
            long[] c = t.apps.get(app);
            if (c != null) {
                n += (long) COUNT.getOpaque(c, i);
            }
        }
        return n;
    }

    /** Every app some tally has counted, in name order. */
    private Set<String> apps() {
        Set<String> all = new TreeSet<>();
        for (Tally t : tallies) {
            all.addAll(t.apps.keySet());
        }
        return all;
    }

    private static int methodIndex(String method) {
        return switch (method) {
            case "GET" -> 0;
            case "HEAD" -> 1;
            case "POST" -> 2;
            case "PUT" -> 3;
            case "PATCH" -> 4;
            case "DELETE" -> 5;
            case "OPTIONS" -> 6;
            case null, default -> 7;
        };
    }

    /** Requests counted for {@code app} ({@link #NO_APP} for none) with this method and status class (1-5). */
    long requests(String app, String method, int statusClass) {
        return sum(app, methodIndex(method) * 5 + statusClass - 1);
    }

    /** Requests counted with a status in {@code statusClass}xx (1-5), every app and method. */
    long total(int statusClass) {
        long n = 0;
        for (Tally t : tallies) {
            for (long[] c : t.apps.values()) {
                for (int m = 0; m < METHODS.length; m++) {
                    n += (long) COUNT.getOpaque(c, m * 5 + statusClass - 1);
                }
            }
        }
        return n;
    }

    /** The gauges read at exposition time, from the server. */
    record Gauges(int inFlight, int connections, int webSockets, int wsxConnections, long bytesIn, long bytesOut,
                  long uptimeMillis) {
    }

    /** The Prometheus text format (version 0.0.4) of everything counted and of {@code gauges}. */
    String prometheus(Gauges gauges) {
        StringBuilder out = new StringBuilder(4096);
        Set<String> apps = apps();
        header(out, "genro_requests_total", "counter", "Requests answered, by app, method and status class.");
        apps.forEach(app -> {
            for (int m = 0; m < METHODS.length; m++) {
                for (int k = 0; k < 5; k++) {
                    long n = sum(app, m * 5 + k);
                    if (n > 0) {
                        out.append("genro_requests_total{app=\"").append(label(app)).append("\",method=\"")
                                .append(METHODS[m]).append("\",status=\"").append(k + 1).append("xx\"} ").append(n).append('\n');
                    }
                }
            }
        });
        header(out, "genro_request_duration_seconds", "histogram",
                "Time from a request's arrival at the pipeline to its reply, by app.");
        apps.forEach(app -> histogram(out, app));
        gauge(out, "genro_requests_in_flight", "Requests being served now.", gauges.inFlight());
        gauge(out, "genro_connections_open", "Open client connections, WebSocket ones included.", gauges.connections());
        gauge(out, "genro_websocket_sessions_open", "Open WebSocket sessions of any kind.", gauges.webSockets());
        gauge(out, "genro_wsx_connections_open", "Open WSX sockets (WebSocket sessions of the WSX endpoint).",
                gauges.wsxConnections());
        counter(out, "genro_received_bytes_total", "Bytes read from client sockets.", gauges.bytesIn());
        counter(out, "genro_sent_bytes_total", "Bytes written to client sockets.", gauges.bytesOut());
        gauge(out, "genro_uptime_seconds", "Seconds since the server was built.", gauges.uptimeMillis() / 1000.0);
        jvm(out);
        return out.toString();
    }

    private void histogram(StringBuilder out, String name) {
        String app = label(name);
        long cumulative = 0;
        for (int b = 0; b <= BUCKETS.length; b++) {
            cumulative += sum(name, BUCKETS_AT + b);
            out.append("genro_request_duration_seconds_bucket{app=\"").append(app).append("\",le=\"")
                    .append(b == BUCKETS.length ? "+Inf" : number(BUCKETS[b])).append("\"} ").append(cumulative).append('\n');
        }
        out.append("genro_request_duration_seconds_sum{app=\"").append(app).append("\"} ")
                .append(number(sum(name, NANOS_AT) / 1e9)).append('\n');
        out.append("genro_request_duration_seconds_count{app=\"").append(app).append("\"} ").append(cumulative).append('\n');
    }

    private static void jvm(StringBuilder out) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        gauge(out, "genro_jvm_heap_used_bytes", "Heap in use.", heap.getUsed());
        gauge(out, "genro_jvm_heap_committed_bytes", "Heap the JVM holds from the system.", heap.getCommitted());
        gauge(out, "genro_jvm_heap_max_bytes", "The most heap the JVM may use (-1: no limit).", heap.getMax());
        header(out, "genro_jvm_gc_collections_total", "counter", "Garbage collections, by collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.append("genro_jvm_gc_collections_total{gc=\"").append(label(gc.getName())).append("\"} ")
                    .append(Math.max(0, gc.getCollectionCount())).append('\n');
        }
        header(out, "genro_jvm_gc_seconds_total", "counter", "Time spent in garbage collection, by collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.append("genro_jvm_gc_seconds_total{gc=\"").append(label(gc.getName())).append("\"} ")
                    .append(number(Math.max(0, gc.getCollectionTime()) / 1000.0)).append('\n');
        }
        gauge(out, "genro_jvm_platform_threads", "Live platform threads (virtual threads are not counted).",
                ManagementFactory.getThreadMXBean().getThreadCount());
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        header(out, name, "gauge", help);
        out.append(name).append(' ').append(number(value)).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        header(out, name, "counter", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    /** A number as Prometheus reads it: integers without a fraction, others in plain notation. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.9g", v).replaceFirst("\\.?0+(e|$)", "$1");
    }

    /** A label value with backslash, quote and newline escaped, as the format requires. */
    static String label(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
