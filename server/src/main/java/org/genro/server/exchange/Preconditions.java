package org.genro.server.exchange;

import java.time.Instant;
import java.util.List;
import org.genro.http.Headers;
import org.genro.http.HttpDate;

/**
 * Conditional requests (RFC 9110 §13) against the validators of a representation that
 * exists: its entity tag and its modification time. The order is the one §13.2.2
 * prescribes, and each step runs only when the one before it leaves the decision open:
 *
 * <pre>
 *  1. If-Match                  strong comparison, or *    false → 412
 *  2. If-Unmodified-Since       only without If-Match      modified later → 412
 *  3. If-None-Match             weak comparison, or *      a match → 304 (GET, HEAD), else 412
 *  4. If-Modified-Since         only without If-None-Match, GET and HEAD only
 *                                                          not modified since → 304
 *  5. If-Range                  see {@link #rangeCurrent}: decides whether Range applies
 * </pre>
 *
 * Dates are compared to the second, the precision of {@code Last-Modified}. A date field
 * that is not exactly one valid HTTP-date is ignored, as the RFC requires; an entity-tag
 * list is read up to its first malformed item, and what came before still counts.
 */
public final class Preconditions {
    /** What a request's preconditions say about serving it. */
    public enum Outcome {
        /** Serve the request as usual (ranges included). */
        PROCEED,
        /** Answer 304 with the validators and caching fields, and no body. */
        NOT_MODIFIED,
        /** Answer 412. */
        FAILED
    }

    private Preconditions() {
    }

    /**
     * Evaluates the preconditions of a request for a representation that exists.
     *
     * @param method   the request method
     * @param request  the request's fields
     * @param etag     the representation's entity tag as sent ({@code "x"} or {@code W/"x"}), or null
     * @param modified when the representation last changed, or null when unknown
     */
    public static Outcome evaluate(String method, Headers request, String etag, Instant modified) {
        List<String> ifMatch = request.all("If-Match");
        if (!ifMatch.isEmpty()) {
            if (!matches(ifMatch, etag, true)) {
                return Outcome.FAILED;
            }
        } else {
            Instant since = date(request.all("If-Unmodified-Since"));
            if (since != null && modified != null && seconds(modified) > seconds(since)) {
                return Outcome.FAILED;
            }
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        List<String> ifNoneMatch = request.all("If-None-Match");
        if (!ifNoneMatch.isEmpty()) {
            if (matches(ifNoneMatch, etag, false)) {
                return read ? Outcome.NOT_MODIFIED : Outcome.FAILED;
            }
        } else if (read) {
            Instant since = date(request.all("If-Modified-Since"));
            if (since != null && modified != null && seconds(modified) <= seconds(since)) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /**
     * Whether a Range request may be answered with parts (RFC 9110 §13.1.5): true without
     * {@code If-Range}; with it, true only for a strong entity tag equal to {@code etag},
     * or a date exactly equal to {@code modified} to the second. A weak tag, an invalid
     * value or several values never match: the client then gets the whole representation.
     */
    public static boolean rangeCurrent(Headers request, String etag, Instant modified) {
        List<String> fields = request.all("If-Range");
        if (fields.isEmpty()) {
            return true;
        }
        if (fields.size() > 1) {
            return false;
        }
        String value = fields.getFirst().strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            int end = tagEnd(value, 0);
            return end == value.length() && !value.startsWith("W/") && matches(List.of(value), etag, true);
        }
        Instant date = HttpDate.parse(value);
        return date != null && modified != null && seconds(date) == seconds(modified);
    }

    /**
     * Whether an {@code If-Match} or {@code If-None-Match} list (all its fields) matches
     * {@code current} (RFC 9110 §8.8.3.2): {@code *} alone matches anything; otherwise a
     * listed tag matches when its opaque part equals the current one's, and, for the
     * strong comparison, neither is weak. Commas may sit inside a tag, so the list is
     * read tag by tag rather than split.
     *
     * @param current the current tag, or null when there is none (then only {@code *} matches)
     */
    public static boolean matches(List<String> fields, String current, boolean strong) {
        boolean currentWeak = current != null && current.startsWith("W/");
        String opaque = current == null ? null : currentWeak ? current.substring(2) : current;
        for (String field : fields) {
            if (field.strip().equals("*")) {
                return true;
            }
            int i = 0;
            while (i < field.length()) {
                char c = field.charAt(i);
                if (c == ' ' || c == '\t' || c == ',') {
                    i++;
                    continue;
                }
                int end = tagEnd(field, i);
                if (end < 0) {
                    break;
                }
                boolean weak = field.startsWith("W/", i);
                int start = weak ? i + 2 : i;
                if (opaque != null && end - start == opaque.length() && field.startsWith(opaque, start)
                        && (!strong || !weak && !currentWeak)) {
                    return true;
                }
                i = end;
            }
        }
        return false;
    }

    /**
     * Where the entity-tag starting at {@code from} ends (one past its closing quote), or
     * -1 when none starts there: {@code [W/] DQUOTE *etagc DQUOTE}, etagc being any visible
     * character but DQUOTE, or obs-text.
     */
    private static int tagEnd(String s, int from) {
        int i = s.startsWith("W/", from) ? from + 2 : from;
        if (i >= s.length() || s.charAt(i) != '"') {
            return -1;
        }
        for (i++; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c < 0x21 || c == 0x7f || c > 0xff) {
                return -1;
            }
        }
        return -1;
    }

    /** The one valid HTTP-date of a field, or null when it is missing, repeated or invalid. */
    private static Instant date(List<String> fields) {
        return fields.size() == 1 ? HttpDate.parse(fields.getFirst().strip()) : null;
    }

    private static long seconds(Instant t) {
        return t.getEpochSecond();
    }
}
