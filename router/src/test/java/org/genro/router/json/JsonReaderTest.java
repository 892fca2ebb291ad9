package org.genro.router.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JsonReaderTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("0", 0L),
                Arguments.of(" -12 ", -12L),
                Arguments.of("9223372036854775807", Long.MAX_VALUE),
                Arguments.of("9223372036854775808", new BigInteger("9223372036854775808")),
                Arguments.of("100.50", new BigDecimal("100.50")),
                Arguments.of("1e3", new BigDecimal("1E+3")),
                Arguments.of("-0.5E-2", new BigDecimal("-0.005")),
                Arguments.of("true", true),
                Arguments.of("false", false),
                Arguments.of("null", null),
                Arguments.of("\"\"", ""),
                Arguments.of("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\"", "a\"b\\c/d\n\té😀"),
                Arguments.of("[]", List.of()),
                Arguments.of("[1, \"x\", [true]]", List.of(1L, "x", List.of(true))),
                Arguments.of("{}", Map.of()),
                Arguments.of("{\"a\": {\"b\": [null]}}", Map.of("a", Map.of("b", Arrays.asList((Object) null)))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("valid")
    void readsValidJson(String text, Object expected) {
        assertEquals(expected, JsonReader.parse(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''| a value",
        "01| end of input",
        "[01]| ']'",
        "1.| a digit after '.'",
        "-| a digit",
        "1e| an exponent digit",
        "+1| a value",
        ".5| a value",
        "[1,]| a value",
        "{\"a\":1,}| a string key",
        "{\"a\" 1}| ':'",
        "{\"a\":1,\"a\":2}| no duplicate keys",
        "{a:1}| a string key",
        "\"abc| closing quote",
        "\"\\x\"| a valid escape",
        "\"\\u12G4\"| a hex digit",
        "tru| 'true'",
        "nul| 'null'",
        "[1] [2]| end of input",
        "NaN| a value",
    })
    void refusesInvalidJsonWithOffsetAndExpectation(String text, String expected) {
        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.offset() >= 0);
    }

    @Test
    void refusesControlCharactersInStrings() {
        assertThrows(JsonException.class, () -> JsonReader.parse("\"a\u0001b\""));
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "[".repeat(JsonReader.MAX_DEPTH + 2) + "]".repeat(JsonReader.MAX_DEPTH + 2);
        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(deep));
        assertTrue(e.getMessage().contains("levels of nesting"), e.getMessage());
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        JsonReader.parse(ok);
    }

    @Test
    void writerOutputReadsBackEqual() {
        Map<String, Object> value = Map.of("s", "q\"\\\n\u0002", "n", 5L, "d", new BigDecimal("1.50"),
                "l", List.of(true, false), "m", Map.of());
        assertEquals(value, JsonReader.parse(JsonWriter.write(value)));
    }
}
