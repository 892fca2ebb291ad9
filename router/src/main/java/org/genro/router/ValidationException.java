package org.genro.router;

/**
 * An argument is missing or cannot become its parameter's type (HTTP 400). The message
 * names the parameter and what was expected, never the offending value.
 */
public final class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Path of the entry whose call failed. */
    private final String entryPath;
    /** The parameter at fault. */
    private final String parameter;
    /** What was wrong. */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param entryPath path of the entry being called
     * @param parameter the parameter (with a dotted/bracketed suffix for a part of it)
     * @param reason what was expected, e.g. "missing" or "not an int"
     */
    public ValidationException(String entryPath, String parameter, String reason) {
        super("parameter '" + parameter + "' of " + entryPath + ": " + reason, null, false, false);
        this.entryPath = entryPath;
        this.parameter = parameter;
        this.reason = reason;
    }

    /**
     * The parameter at fault, e.g. {@code limit} or {@code address.zip}.
     *
     * @return the parameter name or path
     */
    public String parameter() {
        return parameter;
    }

    /**
     * What was wrong.
     *
     * @return a short reason
     */
    public String reason() {
        return reason;
    }

    /**
     * The entry being called.
     *
     * @return its path
     */
    public String entryPath() {
        return entryPath;
    }

    /**
     * The same failure as a value.
     *
     * @return an {@link Binding.Invalid}
     */
    public Binding.Invalid toInvalid() {
        return new Binding.Invalid(parameter, reason);
    }
}
