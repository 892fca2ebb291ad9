package org.genro.server.wsx;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.genro.server.config.ConfigException;
import org.genro.server.config.Section;

/**
 * The {@code wsx} section:
 *
 * <pre>
 * wsx:
 *   enabled: true         # false: no WSX endpoint at all
 *   path: /_wsx           # where browsers open the socket
 *   origins: []           # other sites whose pages may open it (https://app.example)
 *   max_in_flight: 64     # calls running at once per connection; a 429 reply beyond
 *   queue: 1024           # messages waiting to go out per connection; close 1008 beyond
 *   queue_bytes: 4m       # bytes waiting to go out per connection; close 1008 beyond
 *   max_topics: 256       # subscriptions per connection; a 429 reply beyond
 * </pre>
 *
 * A page from its own site may always connect; one from another site only when listed
 * in {@code origins}, since the browser sends the user's cookies along and the socket
 * would otherwise act for them on a stranger's behalf. Clients that send no
 * {@code Origin} (not browsers) are not affected.
 *
 * @param enabled     whether the endpoint exists
 * @param path        its path
 * @param origins     other origins allowed, lower case, without a trailing slash
 * @param maxInFlight calls running at once per connection
 * @param queue       outgoing messages waiting per connection
 * @param queueBytes  outgoing bytes (UTF-16 chars counted as one) waiting per connection
 * @param maxTopics   subscriptions per connection
 */
public record WsxSettings(boolean enabled, String path, Set<String> origins, int maxInFlight, int queue,
                          long queueBytes, int maxTopics) {
    /** The defaults: on at {@code /_wsx}, same origin only, 64 calls, 1024 messages or 4 MiB queued, 256 topics. */
    public static final WsxSettings DEFAULTS = new WsxSettings(true, "/_wsx", Set.of(), 64, 1024, 4L << 20, 256);
    private static final Set<String> KEYS = Set.of("enabled", "path", "origins", "max_in_flight", "queue", "queue_bytes",
            "max_topics");

    /** Checks the ranges. */
    public WsxSettings {
        if (!plainPath(path)) {
            throw new IllegalArgumentException("path must be an absolute path of plain characters, got " + path);
        }
        origins = Set.copyOf(origins);
        if (maxInFlight < 1 || queue < 1 || queueBytes < 1 || maxTopics < 0) {
            throw new IllegalArgumentException("max_in_flight, queue and queue_bytes must be positive, max_topics not negative");
        }
    }

    /**
     * Reads the section.
     *
     * @throws ConfigException naming the key of anything wrong
     */
    public static WsxSettings read(Map<String, Object> values, BiFunction<String, String, ConfigException> errors) {
        Section s = Section.of(values, "wsx", errors);
        s.allowOnly(KEYS, "key");
        String path = s.string("path", DEFAULTS.path());
        if (!plainPath(path)) {
            throw s.error("path", "expected an absolute path like /_wsx, got " + s.describe("path"));
        }
        return new WsxSettings(s.bool("enabled", DEFAULTS.enabled()), path, origins(s),
                s.integer("max_in_flight", 1, 100_000, DEFAULTS.maxInFlight()),
                s.integer("queue", 1, 1_000_000, DEFAULTS.queue()),
                s.size("queue_bytes", 1, 1L << 30, DEFAULTS.queueBytes()),
                s.integer("max_topics", 0, 100_000, DEFAULTS.maxTopics()));
    }

    /** An absolute path of characters that need no percent-encoding, so that it compares as sent. */
    private static boolean plainPath(String path) {
        return path.length() > 1 && path.startsWith("/") && path.matches("[A-Za-z0-9._~!$&'()*+,;=:@/-]+");
    }

    private static Set<String> origins(Section s) {
        List<String> listed = s.list("origins", List.of());
        for (String origin : listed) {
            if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?")) {
                throw s.error("origins", "expected origins like https://app.example or http://localhost:3000, got "
                        + Section.quote(origin));
            }
        }
        Set<String> out = new HashSet<>();
        for (String origin : listed) {
            out.add(origin.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }
}
