package org.genro.server.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.genro.http.Headers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VaryTest {

    /** Vary fields before, names added → Vary fields after. */
    static Stream<Arguments> merges() {
        return Stream.of(
                Arguments.of(List.of(), List.of("Origin"), List.of("Origin")),
                Arguments.of(List.of(), List.of("Origin", "Origin"), List.of("Origin")),
                Arguments.of(List.of("Accept"), List.of("Origin"), List.of("Accept, Origin")),
                Arguments.of(List.of("accept-encoding"), List.of("Accept-Encoding"), List.of("accept-encoding")),
                Arguments.of(List.of("Accept", "Origin"), List.of("Origin"), List.of("Accept, Origin")),
                Arguments.of(List.of("Accept,,  Cookie "), List.of("Origin"), List.of("Accept, Cookie, Origin")),
                Arguments.of(List.of("*"), List.of("Origin"), List.of("*")),
                Arguments.of(List.of("Origin"), List.of("Origin", "Accept-Encoding"), List.of("Origin, Accept-Encoding")));
    }

    @ParameterizedTest
    @MethodSource("merges")
    void addsEachNameOnceInOneField(List<String> before, List<String> added, List<String> after) {
        Headers headers = new Headers();
        before.forEach(v -> headers.add("Vary", v));
        Vary.add(headers, added.toArray(String[]::new));
        assertEquals(after, headers.all("Vary"));
    }
}
