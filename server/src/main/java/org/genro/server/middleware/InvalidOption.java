package org.genro.server.middleware;

/**
 * An option value refused by an option record's constructor, naming the option's config key so
 * that the config reader can report it at the right path ({@code middleware.cors.allow_origins}).
 */
final class InvalidOption extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String detail;

    /** {@code key} is the config name of the option, e.g. {@code allow_origins}. */
    InvalidOption(String key, String detail) {
        super(key + ": " + detail);
        this.key = key;
        this.detail = detail;
    }

    /** The option's config key. */
    String key() {
        return key;
    }

    /** What is wrong, without the key. */
    String detail() {
        return detail;
    }
}
