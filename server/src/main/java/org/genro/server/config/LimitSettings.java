package org.genro.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Protocol limits of the {@code server.limits} section, with nginx-like defaults. The YAML key
 * of each component is given in brackets; sizes are in bytes.
 *
 * @param requestLine              longest request line [{@code request_line}], beyond it 414
 * @param head                     largest request head [{@code head}], beyond it 431
 * @param headerCount              most header fields [{@code header_count}], beyond it 431
 * @param body                     largest request body [{@code body}], beyond it 413
 * @param headTimeout              time to receive a whole head [{@code head_timeout}], then 408
 *                                 and close; zero disables it
 * @param idleTimeout              idle keep-alive time [{@code idle_timeout}], then close; zero
 *                                 disables it
 * @param bodyTimeout              longest pause while a body is read [{@code body_timeout}], then
 *                                 408 and close; zero disables it
 * @param writeTimeout             longest a write may block on a client that does not read
 *                                 [{@code write_timeout}], then the connection is cut; zero
 *                                 disables it
 * @param maxRequestsPerConnection requests served on one connection before it closes
 *                                 [{@code max_requests_per_connection}]; 0 is unlimited
 * @param maxConnections           concurrent connections [{@code max_connections}]
 * @param drain                    unread body the server discards to keep a connection open
 *                                 [{@code drain}]; more than that and it closes instead
 * @param minBodyRate              bytes per second a body must average once the handler has
 *                                 waited longer than the body timeout for it
 *                                 [{@code min_body_rate}], then 408; 0 disables it
 */
public record LimitSettings(int requestLine, int head, int headerCount, long body,
                            Duration headTimeout, Duration idleTimeout, Duration bodyTimeout,
                            Duration writeTimeout, int maxRequestsPerConnection, int maxConnections,
                            long drain, long minBodyRate) {

    /** The defaults: 8 KiB line, 32 KiB head, 100 headers, 1 MiB body, 10 s, 60 s, 30 s, 30 s, unlimited, 10000, 64 KiB, 256 B/s. */
    public static final LimitSettings DEFAULTS = new LimitSettings(8 * 1024, 32 * 1024, 100,
            1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30),
            Duration.ofSeconds(30), 0, 10_000, 64 * 1024, 256);

    /** Checks the invariants the connection code relies on. */
    public LimitSettings {
        positive(requestLine, "requestLine");
        positive(head, "head");
        positive(headerCount, "headerCount");
        positive(maxConnections, "maxConnections");
        if (body < 0 || maxRequestsPerConnection < 0 || drain < 0 || minBodyRate < 0) {
            throw new IllegalArgumentException("body, drain, minBodyRate and maxRequestsPerConnection must be >= 0");
        }
        notNegative(Objects.requireNonNull(headTimeout, "headTimeout"), "headTimeout");
        notNegative(Objects.requireNonNull(idleTimeout, "idleTimeout"), "idleTimeout");
        notNegative(Objects.requireNonNull(bodyTimeout, "bodyTimeout"), "bodyTimeout");
        notNegative(Objects.requireNonNull(writeTimeout, "writeTimeout"), "writeTimeout");
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    private static void notNegative(Duration value, String name) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
