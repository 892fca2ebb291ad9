package org.genro.router.bind;

/**
 * A value that cannot become the requested type. {@link #path()} locates the failure
 * inside a structured value ({@code zip}, {@code [2]}, {@code address.zip}); the
 * reason says what was expected and never repeats the value, which came from a client.
 */
public final class CoercionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String reason;

    /**
     * A failure at the top of the value.
     *
     * @param reason what was expected, e.g. "not an integer"
     */
    public CoercionException(String reason) {
        this("", reason);
    }

    private CoercionException(String path, String reason) {
        super(path.isEmpty() ? reason : path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    /**
     * The same failure seen from one level up.
     *
     * @param step a component name or an index in brackets
     * @return a new exception whose path starts with {@code step}
     */
    public CoercionException under(String step) {
        String joined = path.isEmpty() ? step : path.startsWith("[") ? step + path : step + "." + path;
        return new CoercionException(joined, reason);
    }

    /**
     * Where inside the value the failure is; empty for the value itself.
     *
     * @return a dotted/bracketed path
     */
    public String path() {
        return path;
    }

    /**
     * What was expected.
     *
     * @return a short reason
     */
    public String reason() {
        return reason;
    }
}
