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
 * @param maxRequestsPerConnection requests served on one connection before it closes
 *                                 [{@code max_requests_per_connection}]; 0 is unlimited
 * @param maxConnections           concurrent connections [{@code max_connections}]
 */
public record LimitSettings(int requestLine, int head, int headerCount, long body,
                            Duration headTimeout, Duration idleTimeout,
                            int maxRequestsPerConnection, int maxConnections) {

    /** The defaults: 8 KiB line, 32 KiB head, 100 headers, 1 MiB body, 10 s, 60 s, unlimited, 10000. */
    public static final LimitSettings DEFAULTS = new LimitSettings(8 * 1024, 32 * 1024, 100,
            1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(60), 0, 10_000);

    /** Checks the invariants the connection code relies on. */
    public LimitSettings {
        positive(requestLine, "requestLine");
        positive(head, "head");
        positive(headerCount, "headerCount");
        positive(maxConnections, "maxConnections");
        if (body < 0 || maxRequestsPerConnection < 0) {
            throw new IllegalArgumentException("body and maxRequestsPerConnection must be >= 0");
        }
        notNegative(Objects.requireNonNull(headTimeout, "headTimeout"), "headTimeout");
        notNegative(Objects.requireNonNull(idleTimeout, "idleTimeout"), "idleTimeout");
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
