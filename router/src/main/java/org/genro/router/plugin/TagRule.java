package org.genro.router.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A boolean rule over tag names, parsed once and evaluated per request.
 *
 * <pre>
 *  or   := and (('|' | 'or') and)*
 *  and  := not (('&amp;' | 'and') not)*
 *  not  := ('!' | 'not') not | atom
 *  atom := '(' or ')' | TAG            TAG = [A-Za-z_][A-Za-z0-9_]*
 * </pre>
 * {@code !} binds tighter than {@code &}, which binds tighter than {@code |}. Keywords
 * are case-insensitive, tags case-sensitive. A blank rule allows everything. A comma is
 * refused rather than guessed at: it would be ambiguous between "and" and "or".
 */
public final class TagRule {

    /** Longest rule text accepted; rules are written by people, not generated. */
    public static final int MAX_LENGTH = 200;
    /** Deepest parenthesis nesting accepted. */
    public static final int MAX_DEPTH = 6;

    private static final TagRule ALLOW_ALL = new TagRule("", null);

    private final String text;
    private final Expr expr;

    private TagRule(String text, Expr expr) {
        this.text = text;
        this.expr = expr;
    }

    /**
     * Parses a rule.
     *
     * @param text the rule, e.g. {@code "admin | editor"}; null or blank allows all
     * @return the parsed rule
     * @throws IllegalArgumentException naming the position of the first error
     */
    public static TagRule parse(String text) {
        if (text == null || text.isBlank()) {
            return ALLOW_ALL;
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("tag rule longer than " + MAX_LENGTH + " characters");
        }
        if (text.indexOf(',') >= 0) {
            throw new IllegalArgumentException(
                    "tag rule '" + text + "': ',' is not allowed, write '|' (or) or '&' (and)");
        }
        Parser parser = new Parser(text, tokens(text));
        Expr expr = parser.or(0);
        if (parser.at < parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.tokens.get(parser.at).text + "'");
        }
        return new TagRule(text.strip(), expr);
    }

    /**
     * Whether this rule is blank, i.e. allows everything.
     *
     * @return true for a blank rule
     */
    public boolean isEmpty() {
        return expr == null;
    }

    /**
     * Evaluates the rule.
     *
     * @param present answers whether a tag is held
     * @return true when the rule is satisfied (always for a blank rule)
     */
    public boolean test(Predicate<String> present) {
        return expr == null || expr.test(present);
    }

    /**
     * Evaluates the rule against a set of held names, without allocating.
     *
     * @param held the names held (tags or capabilities)
     * @return true when the rule is satisfied (always for a blank rule)
     */
    public boolean test(Set<String> held) {
        return expr == null || expr.holds(held);
    }

    /**
     * The rule as written (stripped).
     *
     * @return the rule text, empty for a blank rule
     */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** A parsed rule; {@code holds} is {@code test} specialised to a set, to avoid a lambda per request. */
    private sealed interface Expr permits Tag, Not, And, Or {
        boolean test(Predicate<String> present);

        boolean holds(Set<String> held);
    }

    private record Tag(String name) implements Expr {
        public boolean test(Predicate<String> present) {
            return present.test(name);
        }

        public boolean holds(Set<String> held) {
            return held.contains(name);
        }
    }

    private record Not(Expr inner) implements Expr {
        public boolean test(Predicate<String> present) {
            return !inner.test(present);
        }

        public boolean holds(Set<String> held) {
            return !inner.holds(held);
        }
    }

    private record And(List<Expr> parts) implements Expr {
        public boolean test(Predicate<String> present) {
            for (Expr e : parts) {
                if (!e.test(present)) {
                    return false;
                }
            }
            return true;
        }

        public boolean holds(Set<String> held) {
            for (Expr e : parts) {
                if (!e.holds(held)) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Or(List<Expr> parts) implements Expr {
        public boolean test(Predicate<String> present) {
            for (Expr e : parts) {
                if (e.test(present)) {
                    return true;
                }
            }
            return false;
        }

        public boolean holds(Set<String> held) {
            for (Expr e : parts) {
                if (e.holds(held)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Token(String text, int at) {}

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '|' || c == '&' || c == '!') {
                out.add(new Token(String.valueOf(c), i++));
            } else if (c == '_' || isAsciiLetter(c)) {
                int start = i;
                while (i < s.length() && (s.charAt(i) == '_' || isAsciiLetter(s.charAt(i))
                        || (s.charAt(i) >= '0' && s.charAt(i) <= '9'))) {
                    i++;
                }
                out.add(new Token(s.substring(start, i), start));
            } else {
                throw new IllegalArgumentException(
                        "tag rule '" + s + "': unexpected character '" + c + "' at index " + i);
            }
        }
        return out;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Recursive descent over the token list; one method per grammar rule. */
    private static final class Parser {
        final String source;
        final List<Token> tokens;
        int at;

        Parser(String source, List<Token> tokens) {
            this.source = source;
            this.tokens = tokens;
        }

        Expr or(int depth) {
            List<Expr> parts = new ArrayList<>();
            parts.add(and(depth));
            while (accept("|", "or")) {
                parts.add(and(depth));
            }
            return parts.size() == 1 ? parts.getFirst() : new Or(List.copyOf(parts));
        }

        Expr and(int depth) {
            List<Expr> parts = new ArrayList<>();
            parts.add(not(depth));
            while (accept("&", "and")) {
                parts.add(not(depth));
            }
            return parts.size() == 1 ? parts.getFirst() : new And(List.copyOf(parts));
        }

        Expr not(int depth) {
            if (accept("!", "not")) {
                return new Not(not(depth));
            }
            return atom(depth);
        }

        Expr atom(int depth) {
            if (at >= tokens.size()) {
                throw error("rule ends too early");
            }
            Token t = tokens.get(at);
            if (t.text.equals("(")) {
                if (depth + 1 > MAX_DEPTH) {
                    throw error("more than " + MAX_DEPTH + " nested parentheses");
                }
                at++;
                Expr inner = or(depth + 1);
                if (!accept(")", null)) {
                    throw error("missing ')'");
                }
                return inner;
            }
            if (isOperator(t.text)) {
                throw error("expected a tag, found '" + t.text + "'");
            }
            at++;
            return new Tag(t.text);
        }

        private boolean accept(String symbol, String keyword) {
            if (at < tokens.size()) {
                String t = tokens.get(at).text;
                if (t.equals(symbol) || (keyword != null && t.equalsIgnoreCase(keyword))) {
                    at++;
                    return true;
                }
            }
            return false;
        }

        private static boolean isOperator(String t) {
            return switch (t) {
                case "(", ")", "|", "&", "!" -> true;
                default -> t.equalsIgnoreCase("and") || t.equalsIgnoreCase("or") || t.equalsIgnoreCase("not");
            };
        }

        IllegalArgumentException error(String why) {
            int index = at < tokens.size() ? tokens.get(at).at : source.length();
            return new IllegalArgumentException("tag rule '" + source + "': " + why + " at index " + index);
        }
    }
}
