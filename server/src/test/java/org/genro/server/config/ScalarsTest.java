package org.genro.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sizes, durations and booleans as config files, env and argv spell them. */
class ScalarsTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
        "512, 512", "0, 0", "8k, 8192", "32k, 32768", "1m, 1048576", "2m, 2097152", "1g, 1073741824",
        "8K, 8192", "8kb, 8192", "8KiB, 8192", "'8 k', 8192", "100b, 100", "' 4k ', 4096"})
    void readsSizes(String text, long bytes) {
        assertEquals(bytes, Scalars.size(text));
    }

    @Test
    void readsYamlIntegersAsBytes() {
        assertEquals(512L, Scalars.size(512));
        assertEquals(5_000_000_000L, Scalars.size(5_000_000_000L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "k", "-1", "1.5m", "8x", "8 kilo", "99999999999999999999", "9999999999g", "0x10"})
    void refusesBadSizes(String text) {
        assertNull(Scalars.size(text));
    }

    @Test
    void refusesNonScalarAndNegativeSizes() {
        assertNull(Scalars.size(null));
        assertNull(Scalars.size(-1));
        assertNull(Scalars.size(1.5));
        assertNull(Scalars.size(List.of(1)));
    }

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "10s, 10000", "500ms, 500", "2m, 120000", "1h, 3600000", "10, 10000", "0, 0", "0.25s, 250",
        "1.5, 1500", "10S, 10000", "'10 s', 10000", "0.0004s, 0"})
    void readsDurations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Scalars.duration(text));
    }

    @Test
    void readsYamlNumbersAsSeconds() {
        assertEquals(Duration.ofSeconds(10), Scalars.duration(10));
        assertEquals(Duration.ofMillis(1500), Scalars.duration(1.5));
        assertEquals(Duration.ofSeconds(7), Scalars.duration(7L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "-5s", "10 parsecs", "s", "1d", "99999999999999999999h"})
    void refusesBadDurations(String text) {
        assertNull(Scalars.duration(text));
    }

    @Test
    void refusesNonScalarDurations() {
        assertNull(Scalars.duration(null));
        assertNull(Scalars.duration(-1));
        assertNull(Scalars.duration(Map.of()));
    }

    @ParameterizedTest
    @CsvSource({"true, true", "yes, true", "ON, true", "1, true", "false, false", "No, false", "off, false",
        "0, false"})
    void readsBooleanWords(String text, boolean expected) {
        assertEquals(expected, Scalars.bool(text));
    }

    @Test
    void refusesOtherBooleans() {
        assertNull(Scalars.bool("maybe"));
        assertNull(Scalars.bool(2));
        assertNull(Scalars.bool(null));
        assertEquals(Boolean.TRUE, Scalars.bool(1));
    }

    @Test
    void readsIntegersFromYamlAndText() {
        assertEquals(8000L, Scalars.integer(8000));
        assertEquals(8000L, Scalars.integer(" 8000 "));
        assertEquals(-3L, Scalars.integer("-3"));
        assertNull(Scalars.integer("8000.0"));
        assertNull(Scalars.integer(8000.0));
        assertNull(Scalars.integer("99999999999999999999"));
    }

    @Test
    void formatsDurationsAsConfigText() {
        assertEquals("10s", Scalars.format(Duration.ofSeconds(10)));
        assertEquals("1500ms", Scalars.format(Duration.ofMillis(1500)));
        assertEquals("0s", Scalars.format(Duration.ZERO));
    }

    @Test
    void describesValuesInOneBoundedLine() {
        assertEquals("\"abc\"", Scalars.describe("abc"));
        assertEquals("\"a\\u000ab\\\"\"", Scalars.describe("a\nb\""));
        assertEquals("\"" + "x".repeat(60) + "...\"", Scalars.describe("x".repeat(200)));
        assertEquals("a map", Scalars.describe(Map.of("k", "v")));
        assertEquals("a list", Scalars.describe(List.of("secret")));
        assertEquals("null", Scalars.describe(null));
    }
}
