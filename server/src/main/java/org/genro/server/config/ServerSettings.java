package org.genro.server.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code server} section: where to listen and how.
 *
 * @param host          bind address [{@code host}], {@code 127.0.0.1} by default
 * @param port          bind port [{@code port}], {@code 8000} by default; 0 picks a free port
 * @param reload        restart the application layer when the server directory changes
 *                      [{@code reload}]
 * @param debug         show exception details in 500 responses [{@code debug}]
 * @param tls           HTTPS settings [{@code tls}], empty for plain HTTP
 * @param limits        protocol limits [{@code limits}]
 * @param shutdownGrace how long in-flight requests may run after a stop [{@code shutdown_grace}]
 */
public record ServerSettings(String host, int port, boolean reload, boolean debug,
                             Optional<TlsSettings> tls, LimitSettings limits, Duration shutdownGrace) {

    /** The default bind address: loopback only, so that a fresh server is not exposed. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The default port. */
    public static final int DEFAULT_PORT = 8000;

    /** The default shutdown grace period. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    /** Defaults for everything: loopback, port 8000, no reload, no debug, no TLS. */
    public static final ServerSettings DEFAULTS = new ServerSettings(DEFAULT_HOST, DEFAULT_PORT,
            false, false, Optional.empty(), LimitSettings.DEFAULTS, DEFAULT_SHUTDOWN_GRACE);

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
    }
}
