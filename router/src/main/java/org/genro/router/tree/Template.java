package org.genro.router.tree;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed route pattern: literal text, {@code {name}} parameters and an optional final
 * {@code {*name}} catch-all. Parsing validates everything up front so that an insert
 * either succeeds or leaves the tree untouched.
 */
record Template(String pattern, List<Piece> pieces, String[] names) {

    /** One piece of a pattern. */
    sealed interface Piece permits Literal, Param, CatchAll {}

    /** Literal text, matched character for character. */
    record Literal(String text) implements Piece {}

    /** A {@code {name}} parameter: one non-empty segment. */
    record Param(String name) implements Piece {}

    /** A {@code {*name}} catch-all: the non-empty rest of the path. */
    record CatchAll(String name) implements Piece {}

    /**
     * Parses and validates a pattern.
     *
     * @throws IllegalArgumentException naming the pattern and the offending position
     */
    static Template parse(String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("route pattern is null");
        }
        List<Piece> pieces = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '}') {
                throw bad(pattern, i, "'}' without '{'");
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            if (!literal.isEmpty()) {
                pieces.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            Piece wildcard = wildcard(pattern, i);
            String name = wildcard instanceof Param p ? p.name() : ((CatchAll) wildcard).name();
            if (!names.add(name)) {
                throw bad(pattern, i, "parameter name '" + name + "' used twice");
            }
            pieces.add(wildcard);
            i = pattern.indexOf('}', i) + 1;
        }
        if (!literal.isEmpty()) {
            pieces.add(new Literal(literal.toString()));
        }
        return new Template(pattern, List.copyOf(pieces), names.toArray(String[]::new));
    }

    /** Parses the {@code {name}} or {@code {*name}} starting at {@code at}. */
    private static Piece wildcard(String pattern, int at) {
        // A wildcard owns a whole segment, so matching never has to split a segment
        // between literal text and a capture: that is what keeps backtracking simple.
        if (at > 0 && pattern.charAt(at - 1) != '/') {
            throw bad(pattern, at, "a parameter must start a segment");
        }
        int close = pattern.indexOf('}', at);
        if (close < 0) {
            throw bad(pattern, at, "unclosed '{'");
        }
        boolean catchAll = close > at + 1 && pattern.charAt(at + 1) == '*';
        String name = pattern.substring(at + (catchAll ? 2 : 1), close);
        checkName(pattern, at, name);
        int after = close + 1;
        if (catchAll && after != pattern.length()) {
            throw bad(pattern, at, "a catch-all must end the pattern");
        }
        if (after < pattern.length() && pattern.charAt(after) != '/') {
            throw bad(pattern, at, "a parameter must end its segment");
        }
        return catchAll ? new CatchAll(name) : new Param(name);
    }

    private static void checkName(String pattern, int at, String name) {
        if (name.isEmpty()) {
            throw bad(pattern, at, "empty parameter name");
        }
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c == '{' || c == '/' || c == '*') {
                throw bad(pattern, at, "bad character '" + c + "' in parameter name");
            }
        }
    }

    private static IllegalArgumentException bad(String pattern, int at, String why) {
        return new IllegalArgumentException(
                "bad route pattern '" + pattern + "' at index " + at + ": " + why);
    }
}
