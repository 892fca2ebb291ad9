package org.genro.server.middleware;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.genro.http.Headers;
import org.genro.server.config.ConfigException;
import org.genro.server.config.InvalidOption;
import org.genro.server.config.Section;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Middleware;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Reply;

/**
 * HTTP caching for GET and HEAD ({@code cache}, rank 850).
 *
 * <ul>
 *   <li>A 200 with a body in memory gets a strong {@code ETag} (a hash of the body) unless it
 *       has one.</li>
 *   <li>With {@code max_age}, such a reply also gets {@code Cache-Control: public, max-age=N}
 *       unless it set its own, sets a cookie, or answers a request with credentials.</li>
 *   <li>{@code If-None-Match} that matches the tag (weak comparison, RFC 9110 §13.1.2; {@code *}
 *       matches anything) turns the reply into a 304 with only the validator and caching
 *       fields and no body. The original sent the body after its 304.</li>
 *   <li>With {@code store}, cacheable replies are kept in a bounded shared store and served
 *       again while fresh without calling the app. The key is host, path and query (GET and
 *       HEAD share it) plus the request's values of the headers the reply's {@code Vary} names,
 *       so the gzip and plain forms from the compression layer, inside this one, are kept
 *       apart. Cacheable means: a GET answered 200 from memory, no {@code Set-Cookie}, no
 *       {@code private}, {@code no-store} or {@code no-cache}, no {@code Vary: *}, and a
 *       positive {@code s-maxage}, {@code max-age} or {@code max_age} option.</li>
 * </ul>
 * Requests carrying {@code Authorization} or {@code Cookie}, or from a caller the auth layer
 * identified, bypass the store both ways: their replies may be personal, and the key does
 * not include who asked. So do the server's own pages ({@code /_server/}, {@code /_sys/}),
 * which answer according to who asks. A varying request field is keyed on all its lines,
 * joined, exactly as the compression layer reads them. Request
 * {@code Cache-Control} is not obeyed: the store is the server's own, and letting any
 * client bypass it would defeat it under load.
 */
public final class Cache implements Middleware {
    /** The config name. */
    public static final String NAME = "cache";
    /** The rank: after custom layers, before (outside) compression. */
    public static final int RANK = Layer.BUILT_IN.get(NAME);

    /** Fields a 304 carries over from the 200 it replaces (RFC 9110 §15.4.5). */
    private static final List<String> NOT_MODIFIED_FIELDS =
            List.of("ETag", "Cache-Control", "Vary", "Content-Location", "Expires", "Date");

    private final Options options;
    private final CacheStore store;
    private final String cacheControl;

    /**
     * The cache settings.
     *
     * @param maxAge     seconds for {@code Cache-Control: public, max-age=N}, added to replies
     *                   that have none ({@code max_age}; default unset: nothing added)
     * @param store      whether replies are kept and served from memory ({@code store}; default false)
     * @param maxEntries the most variants kept ({@code max_entries}; default 1000)
     * @param maxBytes   the most body bytes kept ({@code max_bytes}; default 16m)
     */
    public record Options(OptionalInt maxAge, boolean store, int maxEntries, long maxBytes) {
        /** ETags and 304s only: no max-age added, nothing stored. */
        public static final Options DEFAULTS = new Options(OptionalInt.empty(), false, 1000, 16L << 20);

        /**
         * Checks the ranges.
         *
         * @throws IllegalArgumentException naming the option at fault
         */
        public Options {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isPresent() && maxAge.getAsInt() < 0) {
                throw new InvalidOption("max_age", "expected seconds >= 0, got " + maxAge.getAsInt());
            }
            if (maxEntries < 1) {
                throw new InvalidOption("max_entries", "expected an integer >= 1, got " + maxEntries);
            }
            if (maxBytes < 1) {
                throw new InvalidOption("max_bytes", "expected a size >= 1, got " + maxBytes);
            }
        }

        /** These options with {@code Cache-Control: public, max-age=seconds} added. */
        public Options maxAge(int seconds) {
            return new Options(OptionalInt.of(seconds), store, maxEntries, maxBytes);
        }

        /** These options with the store on or off. */
        public Options store(boolean on) {
            return new Options(maxAge, on, maxEntries, maxBytes);
        }

        /** These options with another bound on stored variants. */
        public Options maxEntries(int entries) {
            return new Options(maxAge, store, entries, maxBytes);
        }

        /** These options with another bound on stored bytes. */
        public Options maxBytes(long bytes) {
            return new Options(maxAge, store, maxEntries, bytes);
        }

        /** The options as the {@code middleware.cache} config map would give them. */
        public Map<String, Object> toConfig() {
            Map<String, Object> out = new LinkedHashMap<>();
            maxAge.ifPresent(seconds -> out.put("max_age", seconds));
            out.put("store", store);
            out.put("max_entries", maxEntries);
            out.put("max_bytes", maxBytes);
            return out;
        }

        static Options read(Map<String, Object> values, String path,
                            BiFunction<String, String, ConfigException> errors) {
            Section r = Section.of(values, path, errors);
            r.allowOnly(Set.of("max_age", "store", "max_entries", "max_bytes"), "option");
            OptionalInt maxAge = r.has("max_age")
                    ? OptionalInt.of(r.integer("max_age", 0, Integer.MAX_VALUE, 0)) : OptionalInt.empty();
            return new Options(maxAge, r.bool("store", false),
                    r.integer("max_entries", 1, Integer.MAX_VALUE, DEFAULTS.maxEntries),
                    r.size("max_bytes", 1, Long.MAX_VALUE, DEFAULTS.maxBytes));
        }
    }

    /** A cache layer with these settings; with {@code store} it owns a new, empty store. */
    public Cache(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.store = options.store() ? new CacheStore(options.maxEntries(), options.maxBytes()) : null;
        this.cacheControl = options.maxAge().isPresent()
                ? "public, max-age=" + options.maxAge().getAsInt() : null;
    }

    /** The settings in force. */
    public Options options() {
        return options;
    }

    /** This middleware placed at its rank under its name. */
    public Layer layer() {
        return Layer.builtIn(NAME, this);
    }

    /** The store, or null when {@code store} is off; for tests. */
    CacheStore store() {
        return store;
    }

    /** Serves from the store when it can, else runs the app; then tags and validates. */
    @Override
    public Reply handle(Exchange exchange, Next next) throws Exception {
        String method = exchange.method();
        boolean get = method.equals("GET");
        if (!get && !method.equals("HEAD")) {
            return next.proceed(exchange);
        }
        // the store's key says nothing about who asked: anything answered to an identified
        // caller (a header credential, a cookie, or tags set by an outer auth layer) stays private
        boolean credentials = exchange.header("Authorization") != null || exchange.header("Cookie") != null
                || exchange.caller().authenticated();
        // the server's own pages decide per caller (loopback or admin): never shared
        String url = store != null && !credentials && !system(exchange.app()) ? url(exchange) : null;
        CacheStore.RequestHeaders varying = name -> combined(exchange, name);
        if (url != null) {
            long now = System.nanoTime();
            CacheStore.Entry hit = store.lookup(url, varying, now);
            if (hit != null) {
                return conditional(exchange, fromStore(hit, now));
            }
        }
        Reply reply = next.proceed(exchange);
        if (reply.status() != 200) {
            return reply;
        }
        Headers headers = reply.headers();
        // A HEAD reply may come without its body; a tag of nothing would be wrong for the GET.
        if (reply.buffered() && !headers.contains("ETag") && (get || reply.body().length > 0)) {
            headers.set("ETag", EntityTags.strong(reply.body()));
        }
        if (cacheControl != null && !credentials && !headers.contains("Cache-Control")
                && !headers.contains("Set-Cookie")) {
            headers.set("Cache-Control", cacheControl);
        }
        if (url != null && get) {
            save(url, varying, reply);
        }
        return conditional(exchange, reply);
    }

    /** The reply, or a 304 in its place when {@code If-None-Match} matches its tag. */
    private static Reply conditional(Exchange exchange, Reply reply) {
        List<String> conditions = exchange.request().headers().all("If-None-Match");
        if (conditions.isEmpty() || reply.status() != 200
                || !EntityTags.noneMatchFails(conditions, reply.headers().first("ETag"))) {
            return reply;
        }
        Reply notModified = Reply.of(304);
        for (String name : NOT_MODIFIED_FIELDS) {
            for (String value : reply.headers().all(name)) {
                notModified.addHeader(name, value);
            }
        }
        return notModified;
    }

    private void save(String url, CacheStore.RequestHeaders varying, Reply reply) {
        Headers headers = reply.headers();
        if (!reply.buffered() || headers.contains("Set-Cookie")) {
            return;
        }
        Map<String, String> directives = directives(headers.all("Cache-Control"));
        if (directives.containsKey("private") || directives.containsKey("no-store")
                || directives.containsKey("no-cache")) {
            return;
        }
        long seconds = freshness(directives);
        List<String> vary = Vary.names(headers);
        if (seconds <= 0 || vary.contains("*")) {
            return;
        }
        store.put(url, new CacheStore.Entry(copy(headers, "Age"), reply.body(), List.copyOf(vary),
                CacheStore.values(vary, varying), System.nanoTime(), TimeUnit.SECONDS.toNanos(seconds)));
    }

    // s-maxage is the shared-cache lifetime (RFC 9111 §5.2.2.10), which this store is.
    private long freshness(Map<String, String> directives) {
        String value = directives.getOrDefault("s-maxage", directives.get("max-age"));
        if (value == null) {
            return options.maxAge().orElse(0);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            // An invalid lifetime means stale (RFC 9111 §4.2.1).
            return 0;
        }
    }

    private static Reply fromStore(CacheStore.Entry entry, long now) {
        Reply reply = Reply.ok().body(entry.body());
        Headers stored = entry.headers();
        for (int i = 0; i < stored.size(); i++) {
            reply.addHeader(stored.name(i), stored.value(i));
        }
        // Age tells downstream caches how much of max-age is already spent (RFC 9111 §5.1).
        return reply.header("Age", Long.toString(TimeUnit.NANOSECONDS.toSeconds(now - entry.storedNanos())));
    }

    /**
     * A request field as the layers that vary on it read it: every line of it, joined
     * (RFC 9110 §5.3). Keying on the first line alone let a request with two
     * {@code Accept-Encoding} lines store a gzip variant under a key that plain clients match.
     */
    private static String combined(Exchange exchange, String name) {
        List<String> lines = exchange.request().headers().all(name);
        return lines.isEmpty() ? null : lines.size() == 1 ? lines.getFirst() : String.join(", ", lines);
    }

    /** Whether a mount is the server's own ({@code _server}, {@code _sys/...}). */
    private static boolean system(String app) {
        return app != null && (app.equals("_server") || app.equals("_sys") || app.startsWith("_sys/"));
    }

    /** Cache-Control directives, names lower-cased, values unquoted ("" for none). */
    static Map<String, String> directives(List<String> fields) {
        Map<String, String> out = new HashMap<>();
        for (String field : fields) {
            for (String item : Vary.split(field)) {
                int eq = item.indexOf('=');
                String name = (eq < 0 ? item : item.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : item.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                out.putIfAbsent(name, value);
            }
        }
        return out;
    }

    // The host is part of the key: an app that builds links from Host would otherwise let one
    // forged Host header poison the entry every other client gets.
    private static String url(Exchange exchange) {
        String query = exchange.request().query();
        String authority = exchange.request().authority();
        return (authority == null ? "" : authority.toLowerCase(Locale.ROOT)) + " " + exchange.path()
                + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    private static Headers copy(Headers from, String except) {
        Headers out = new Headers(from.size());
        for (int i = 0; i < from.size(); i++) {
            if (!from.name(i).equalsIgnoreCase(except)) {
                out.add(from.name(i), from.value(i));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Cache" + options;
    }
}
