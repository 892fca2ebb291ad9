package org.genro.router.json;

/**
 * Malformed JSON. The message gives the offset and what was expected, never the input
 * text itself, because the input comes from clients.
 */
public final class JsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    JsonException(int offset, String expected) {
        super("bad JSON at offset " + offset + ": " + expected);
        this.offset = offset;
    }

    /**
     * Where in the text the reader stopped.
     *
     * @return a character offset
     */
    public int offset() {
        return offset;
    }
}
