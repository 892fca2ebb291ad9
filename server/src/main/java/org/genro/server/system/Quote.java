package org.genro.server.system;

import java.util.List;
import java.util.Map;

/** How the system pages' error messages show what a client sent: bounded, and named by kind. */
final class Quote {
    /** The most characters of a client's text an error message repeats. */
    static final int MAX = 80;

    private Quote() {
    }

    /**
     * {@code text} cut to {@link #MAX} characters: a message names what was wrong without
     * sending a megabyte of it back. The answer is JSON and the pages show it as text, so
     * nothing else needs escaping here.
     */
    static String of(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX) + "…";
    }

    /** The JSON kind of a decoded value, for messages: "a string", "an object", "null". */
    static String kindOf(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Number n -> "a number";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            default -> "a " + value.getClass().getSimpleName();
        };
    }
}
