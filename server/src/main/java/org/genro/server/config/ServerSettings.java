package org.genro.server.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.genro.http.Limits;

/**
 * The {@code server} section: where to listen and how.
 *
 * @param host          bind address [{@code host}], {@code 127.0.0.1} by default
 * @param port          bind port [{@code port}], {@code 8000} by default; 0 picks a free port
 * @param reload        restart the application layer when the server directory changes
 *                      [{@code reload}]
 * @param debug         show exception details in 500 responses [{@code debug}]
 * @param tls           HTTPS settings [{@code tls}], empty for plain HTTP
 * @param limits        the engine's protocol limits [{@code limits}]
 * @param shutdownGrace how long in-flight requests may run after a stop [{@code shutdown_grace}]
 * @param fieldLimit    the most fields a query string, form or JSON body may carry
 *                      [{@code max_fields}]; 400 (query) or 413 (body) beyond
 * @param wsDeflate     whether WebSocket clients that offer permessage-deflate get it
 *                      [{@code ws_deflate}]; on by default
 * @param drainDelay    how long a stopping server keeps serving, answering 503 to
 *                      {@code /_server/ready}, before it stops accepting [{@code drain_delay}];
 *                      default 0. Give a load balancer that polls readiness time to notice.
 * @param trustedProxies the peers whose {@code Forwarded} or {@code X-Forwarded-*} fields say
 *                      who the client is [{@code trusted_proxies}]; none by default
 */
public record ServerSettings(String host, int port, boolean reload, boolean debug,
                             Optional<TlsSettings> tls, Limits limits, Duration shutdownGrace, int fieldLimit,
                             boolean wsDeflate, Duration drainDelay, AddressRanges trustedProxies) {

    /** The default bind address: loopback only, so that a fresh server is not exposed. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The default port. */
    public static final int DEFAULT_PORT = 8000;

    /** The default shutdown grace period. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    /** The longest {@code drain_delay} accepted. */
    public static final Duration MAX_DRAIN_DELAY = Duration.ofMinutes(10);

    /** The default for {@code max_fields}. */
    public static final int DEFAULT_FIELD_LIMIT = 1000;

    /** The largest {@code max_fields} accepted. */
    public static final int MAX_FIELD_LIMIT = 100_000;

    /** Defaults for everything: loopback, port 8000, no reload, no debug, no TLS. */
    public static final ServerSettings DEFAULTS = new ServerSettings(DEFAULT_HOST, DEFAULT_PORT,
            false, false, Optional.empty(), Limits.defaults(), DEFAULT_SHUTDOWN_GRACE, DEFAULT_FIELD_LIMIT, true, Duration.ZERO, AddressRanges.NONE);

    /** Checks the port range and that no component is null. */
    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative");
        }
        Objects.requireNonNull(drainDelay, "drainDelay");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (drainDelay.isNegative() || drainDelay.compareTo(MAX_DRAIN_DELAY) > 0) {
            throw new IllegalArgumentException("drainDelay must be 0-" + MAX_DRAIN_DELAY.toMinutes() + " minutes, got "
                    + drainDelay);
        }
        if (fieldLimit < 1 || fieldLimit > MAX_FIELD_LIMIT) {
            throw new IllegalArgumentException("fieldLimit must be 1-" + MAX_FIELD_LIMIT + ", got " + fieldLimit);
        }
    }
}
