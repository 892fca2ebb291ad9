package org.genro.server.config;

import java.util.Optional;

/**
 * A configuration value that cannot be used, reported at startup.
 *
 * <p>The message always starts with the key path in the merged configuration, then, when the
 * value did not come from {@code config.yaml}, where it came from, then what is wrong:
 * {@code server.port (from GENRO_ASGI_PORT): expected an integer 0-65535, got "abc"}. Secret
 * values (passwords, tokens, keys) are never quoted.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String origin;
    private final String detail;

    /**
     * Reports a problem with a value that came from {@code config.yaml} (or has no other origin).
     *
     * @param path   the dotted key path, e.g. {@code middleware.cors.allow_origins}
     * @param detail what is wrong, without the path
     */
    public ConfigException(String path, String detail) {
        this(path, null, detail, null);
    }

    /**
     * Reports a problem with a value, naming where the value came from.
     *
     * @param path   the dotted key path
     * @param origin where the value came from ({@code GENRO_ASGI_PORT}, {@code --port}), or null
     *               for {@code config.yaml}
     * @param detail what is wrong, without the path
     * @param cause  the underlying failure, or null
     */
    public ConfigException(String path, String origin, String detail, Throwable cause) {
        super(format(path, origin, detail), cause);
        this.path = path;
        this.origin = origin;
        this.detail = detail;
    }

    /** The dotted key path of the offending value. */
    public String path() {
        return path;
    }

    /** Where the value came from when not from the YAML file ({@code --port}, an env name). */
    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    /** What is wrong, without the path and origin. */
    public String detail() {
        return detail;
    }

    private static String format(String path, String origin, String detail) {
        return origin == null ? path + ": " + detail : path + " (from " + origin + "): " + detail;
    }
}
