package org.genro.server.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.genro.http.Headers;
import org.genro.server.exchange.Preconditions.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 9110 §13.2.2, as a table: for a representation tagged {@code "v2"} and last changed
 * at 00:00:10.5, each combination of conditional fields and the outcome it must have.
 */
class PreconditionsTest {
    private static final String TAG = "\"v2\"";
    private static final Instant MODIFIED = Instant.parse("2024-01-01T00:00:10.500Z");
    private static final String EARLIER = "Mon, 01 Jan 2024 00:00:09 GMT";
    private static final String SAME = "Mon, 01 Jan 2024 00:00:10 GMT";
    private static final String LATER = "Mon, 01 Jan 2024 00:00:11 GMT";

    static Stream<Arguments> table() {
        return Stream.of(
                // method, fields (name, value, ...), outcome
                row("GET", Outcome.PROCEED),
                row("GET", Outcome.PROCEED, "If-Match", TAG),
                row("GET", Outcome.FAILED, "If-Match", "\"v1\""),
                row("GET", Outcome.PROCEED, "If-Match", "*"),
                row("GET", Outcome.FAILED, "If-Match", "W/\"v2\""),
                row("GET", Outcome.PROCEED, "If-Match", "\"v1\", \"v2\""),
                row("GET", Outcome.PROCEED, "If-Match", "\"v1\"", "If-Match", "\"v2\""),
                row("GET", Outcome.FAILED, "If-Match", "v2"),
                row("GET", Outcome.FAILED, "If-Unmodified-Since", EARLIER),
                row("GET", Outcome.PROCEED, "If-Unmodified-Since", SAME),
                row("GET", Outcome.PROCEED, "If-Unmodified-Since", LATER),
                row("GET", Outcome.PROCEED, "If-Unmodified-Since", "yesterday"),
                row("GET", Outcome.PROCEED, "If-Match", TAG, "If-Unmodified-Since", EARLIER),
                row("GET", Outcome.NOT_MODIFIED, "If-None-Match", TAG),
                row("HEAD", Outcome.NOT_MODIFIED, "If-None-Match", TAG),
                row("GET", Outcome.NOT_MODIFIED, "If-None-Match", "W/\"v2\""),
                row("GET", Outcome.PROCEED, "If-None-Match", "\"v1\""),
                row("GET", Outcome.NOT_MODIFIED, "If-None-Match", "*"),
                row("GET", Outcome.NOT_MODIFIED, "If-None-Match", "\"v1\", W/\"v2\""),
                row("POST", Outcome.FAILED, "If-None-Match", TAG),
                row("DELETE", Outcome.FAILED, "If-None-Match", "*"),
                row("GET", Outcome.NOT_MODIFIED, "If-Modified-Since", SAME),
                row("GET", Outcome.NOT_MODIFIED, "If-Modified-Since", LATER),
                row("GET", Outcome.PROCEED, "If-Modified-Since", EARLIER),
                row("GET", Outcome.PROCEED, "If-Modified-Since", "Mon, 01 Jan 2024 00:00:10 UTC"),
                row("GET", Outcome.PROCEED, "If-Modified-Since", SAME, "If-Modified-Since", SAME),
                row("POST", Outcome.PROCEED, "If-Modified-Since", LATER),
                row("GET", Outcome.PROCEED, "If-None-Match", "\"v1\"", "If-Modified-Since", LATER),
                row("GET", Outcome.NOT_MODIFIED, "If-None-Match", TAG, "If-Modified-Since", EARLIER),
                row("GET", Outcome.FAILED, "If-Match", "\"v1\"", "If-None-Match", TAG),
                row("GET", Outcome.FAILED, "If-Unmodified-Since", EARLIER, "If-None-Match", TAG),
                row("GET", Outcome.NOT_MODIFIED, "If-Match", TAG, "If-None-Match", TAG),
                row("GET", Outcome.PROCEED, "If-Match", TAG, "If-None-Match", "\"v1\"", "If-Modified-Since", LATER));
    }

    private static Arguments row(String method, Outcome outcome, String... fields) {
        return Arguments.of(method, List.of(fields), outcome);
    }

    private static Headers headers(List<String> fields) {
        Headers h = new Headers();
        for (int i = 0; i < fields.size(); i += 2) {
            h.add(fields.get(i), fields.get(i + 1));
        }
        return h;
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @MethodSource("table")
    void evaluatesInTheOrderOfRfc9110(String method, List<String> fields, Outcome outcome) {
        assertEquals(outcome, Preconditions.evaluate(method, headers(fields), TAG, MODIFIED));
    }

    static Stream<Arguments> ifRange() {
        return Stream.of(
                Arguments.of(List.of(), true),
                Arguments.of(List.of("If-Range", TAG), true),
                Arguments.of(List.of("If-Range", "W/\"v2\""), false),
                Arguments.of(List.of("If-Range", "\"v1\""), false),
                Arguments.of(List.of("If-Range", "\"v2\" junk"), false),
                Arguments.of(List.of("If-Range", SAME), true),
                Arguments.of(List.of("If-Range", EARLIER), false),
                Arguments.of(List.of("If-Range", LATER), false),
                Arguments.of(List.of("If-Range", "not a date"), false),
                Arguments.of(List.of("If-Range", TAG, "If-Range", TAG), false));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("ifRange")
    void ifRangeNeedsAStrongTagOrTheExactDate(List<String> fields, boolean current) {
        assertEquals(current, Preconditions.rangeCurrent(headers(fields), TAG, MODIFIED));
    }
}
