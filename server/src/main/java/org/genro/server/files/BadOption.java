package org.genro.server.files;

/**
 * An option value the static app refuses, naming its key ({@code root},
 * {@code cache_control.*.html}) so that a configuration error can point at it.
 */
final class BadOption extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String detail;

    BadOption(String key, String detail) {
        super(key + ": " + detail);
        this.key = key;
        this.detail = detail;
    }

    /** The option's key, as written in {@code kwargs}. */
    String key() {
        return key;
    }

    /** What is wrong, without the key. */
    String detail() {
        return detail;
    }
}
