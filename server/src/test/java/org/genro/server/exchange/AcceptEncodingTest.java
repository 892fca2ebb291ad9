package org.genro.server.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Accept-Encoding fields → the weight of gzip, br and identity (RFC 9110 §12.5.3). */
class AcceptEncodingTest {
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(List.of(), 0.0, 0.0, 1.0),
                Arguments.of(List.of(""), 0.0, 0.0, 1.0),
                Arguments.of(List.of("gzip, br;q=0.5"), 1.0, 0.5, 1.0),
                Arguments.of(List.of("GZIP;Q=0.25, BR"), 0.25, 1.0, 1.0),
                Arguments.of(List.of("gzip;q=0, *"), 0.0, 1.0, 1.0),
                Arguments.of(List.of("*;q=0"), 0.0, 0.0, 0.0),
                Arguments.of(List.of("*;q=0, identity"), 0.0, 0.0, 1.0),
                Arguments.of(List.of("identity;q=0"), 0.0, 0.0, 0.0),
                Arguments.of(List.of("x-gzip"), 1.0, 0.0, 1.0),
                Arguments.of(List.of("gzip;q=2, br;q=abc"), 0.0, 0.0, 1.0),
                Arguments.of(List.of("gzip;q=1.0001, br;q=0.0005"), 0.0, 0.0, 1.0),
                Arguments.of(List.of("gzip;q=1e0, br;q=NaN"), 0.0, 0.0, 1.0),
                Arguments.of(List.of("gzip; level=9; q=0.8"), 0.8, 0.0, 1.0),
                Arguments.of(List.of("gzip;q=0.2, gzip;q=0.7"), 0.7, 0.0, 1.0),
                Arguments.of(List.of("br", "gzip;q=0.1"), 0.1, 1.0, 1.0),
                Arguments.of(List.of("gzipper, brotli"), 0.0, 0.0, 1.0));
    }

    @ParameterizedTest(name = "{0} → gzip {1}, br {2}, identity {3}")
    @MethodSource("table")
    void weighsEachCoding(List<String> fields, double gzip, double br, double identity) {
        assertEquals(List.of(gzip, br, identity), List.of(AcceptEncoding.weight(fields, "gzip"),
                AcceptEncoding.weight(fields, "br"), AcceptEncoding.weight(fields, "identity")));
    }
}
