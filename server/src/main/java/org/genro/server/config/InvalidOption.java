package org.genro.server.config;

/**
 * An option value refused by the constructor of an options record (a middleware's, the
 * static app's), naming the option's key as written in the config ({@code allow_origins},
 * {@code cache_control.*.html}). The reader that built the record reports it at the full path
 * with {@link Section#error}, so the same check serves options given in Java and in
 * {@code config.yaml}.
 */
public final class InvalidOption extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String detail;

    /**
     * @param key    the option's key inside its section, e.g. {@code allow_origins}
     * @param detail what is wrong, without the key
     */
    public InvalidOption(String key, String detail) {
        super(key + ": " + detail);
        this.key = key;
        this.detail = detail;
    }

    /** The option's key inside its section. */
    public String key() {
        return key;
    }

    /** What is wrong, without the key. */
    public String detail() {
        return detail;
    }
}
