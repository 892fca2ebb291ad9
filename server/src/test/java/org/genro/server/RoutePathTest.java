package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.genro.server.exchange.HttpError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoutePathTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "/|''",
        "/shop|shop",
        "/shop/|shop",
        "/shop/list|shop/list",
        "/a.b/c|a.b/c",
        "//shop///list|shop/list",
        "/shop/./list|shop/list",
        "/shop/x/../list|shop/list",
        "/shop/a%20b|shop/a b",
        "/caf%C3%A9|café",
        "/.well-known/x|.well-known/x",
        "/shop/%2E%2E/admin|admin",
    })
    void normalizesAndDecodes(String raw, String expected) {
        assertEquals(expected, RoutePath.of(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/a/../..", "/a%2Fb", "/a%5Cb", "/a%00b", "/%C3%28", "/%FF"})
    void refusesWhatCouldChangeMeaning(String raw) {
        assertEquals(400, assertThrows(HttpError.class, () -> RoutePath.of(raw)).status());
    }
}
