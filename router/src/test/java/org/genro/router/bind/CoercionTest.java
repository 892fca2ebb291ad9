package org.genro.router.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CoercionTest {

    enum Color { RED, GREEN }

    record Point(int x, int y) {}

    record Tree(String name, List<Tree> children) {}

    /** Generic types captured from method signatures, so tables can name them. */
    @SuppressWarnings("unused")
    private interface Types {
        List<Integer> listOfInt();

        Set<String> setOfString();

        Map<String, Double> mapOfDouble();

        Optional<Long> optionalLong();

        List<Point> points();
    }

    private static Type generic(String method) {
        try {
            return Types.class.getDeclaredMethod(method).getGenericReturnType();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> conversions() {
        return Stream.of(
                // target type, raw value, expected
                Arguments.of(String.class, "plain", "plain"),
                Arguments.of(String.class, "x::T", "x"),
                Arguments.of(String.class, "10::L", "10"),
                Arguments.of(String.class, "a::b", "a::b"),
                Arguments.of(String.class, new BigDecimal("1.50"), "1.50"),
                Arguments.of(int.class, "42", 42),
                Arguments.of(int.class, " 42 ", 42),
                Arguments.of(int.class, "-4.00", -4),
                Arguments.of(Integer.class, 7L, 7),
                Arguments.of(int.class, 4.0, 4),
                Arguments.of(long.class, "9223372036854775807", Long.MAX_VALUE),
                Arguments.of(long.class, "10::L", 10L),
                Arguments.of(short.class, "12", (short) 12),
                Arguments.of(byte.class, "-128", (byte) -128),
                Arguments.of(double.class, "3.5", 3.5),
                Arguments.of(double.class, "1e3", 1000.0),
                Arguments.of(double.class, "3.1::R", 3.1),
                Arguments.of(float.class, "0.5", 0.5f),
                Arguments.of(boolean.class, "TRUE", true),
                Arguments.of(boolean.class, "off", false),
                Arguments.of(boolean.class, "y", true),
                Arguments.of(boolean.class, 0L, false),
                Arguments.of(boolean.class, "false::B", false),
                Arguments.of(BigDecimal.class, "100.50", new BigDecimal("100.50")),
                Arguments.of(BigDecimal.class, "100.50::N", new BigDecimal("100.50")),
                Arguments.of(BigDecimal.class, 3L, new BigDecimal("3")),
                Arguments.of(BigInteger.class, "123456789012345678901234567890",
                        new BigInteger("123456789012345678901234567890")),
                Arguments.of(LocalDate.class, "2025-01-15", LocalDate.of(2025, 1, 15)),
                Arguments.of(LocalDate.class, "2025-01-15::D", LocalDate.of(2025, 1, 15)),
                Arguments.of(LocalDateTime.class, "2025-01-15T10:30", LocalDateTime.of(2025, 1, 15, 10, 30)),
                Arguments.of(LocalDateTime.class, "2025-01-15T10:30:00::DH", LocalDateTime.of(2025, 1, 15, 10, 30)),
                Arguments.of(LocalTime.class, "10:30:00::H", LocalTime.of(10, 30)),
                Arguments.of(Instant.class, "2025-01-15T10:30:00Z", Instant.parse("2025-01-15T10:30:00Z")),
                Arguments.of(Instant.class, "2025-01-15T12:30:00+02:00::DHZ", Instant.parse("2025-01-15T10:30:00Z")),
                Arguments.of(Color.class, "GREEN", Color.GREEN),
                Arguments.of(Color.class, "red", Color.RED),
                Arguments.of(Object.class, "{\"a\":[1,2]}::JS", Map.of("a", List.of(1L, 2L))),
                Arguments.of(Object.class, "5", "5"),
                Arguments.of(generic("listOfInt"), "1,2,3", List.of(1, 2, 3)),
                Arguments.of(generic("listOfInt"), "", List.of()),
                Arguments.of(generic("listOfInt"), "[1,\"2\"]::JS", List.of(1, 2)),
                Arguments.of(generic("listOfInt"), 9L, List.of(9)),
                Arguments.of(generic("setOfString"), "a,b,a", Set.of("a", "b")),
                Arguments.of(generic("mapOfDouble"), Map.of("k", "1.5"), Map.of("k", 1.5)),
                Arguments.of(generic("optionalLong"), "5", Optional.of(5L)),
                Arguments.of(generic("points"), List.of(Map.of("x", 1L, "y", "2")), List.of(new Point(1, 2))),
                Arguments.of(int[].class, "1,2", null),
                Arguments.of(Tree.class, Map.of("name", "r", "children", List.of(Map.of("name", "c",
                        "children", List.of()))), new Tree("r", List.of(new Tree("c", List.of())))));
    }

    @ParameterizedTest(name = "{0} ⟵ {1}")
    @MethodSource("conversions")
    void convertsRawValuesToTheDeclaredType(Type type, Object raw, Object expected) {
        Object got = Coercion.to(type).apply(raw);
        if (expected == null) {
            assertEquals("[1, 2]", java.util.Arrays.toString((int[]) got));
        } else {
            assertEquals(expected, got);
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                // target, raw, path, reason fragment
                Arguments.of(int.class, "4.5", "", "not an int"),
                Arguments.of(int.class, "1e3", "", "not an int"),
                Arguments.of(int.class, "", "", "not an int"),
                Arguments.of(int.class, "-", "", "not an int"),
                Arguments.of(int.class, "2147483648", "", "out of range for an int"),
                Arguments.of(int.class, true, "", "not an int"),
                Arguments.of(byte.class, "200", "", "out of range for a byte"),
                Arguments.of(double.class, "NaN", "", "not a number"),
                Arguments.of(double.class, "1e999", "", "not a number"),
                Arguments.of(boolean.class, "maybe", "", "not a boolean"),
                Arguments.of(boolean.class, 2L, "", "not a boolean"),
                Arguments.of(LocalDate.class, "2025-13-01", "", "not a date"),
                Arguments.of(Instant.class, "2025-01-15T10:30:00", "", "not an instant"),
                Arguments.of(Color.class, "BLUE", "", "expected one of GREEN, RED"),
                Arguments.of(String.class, Map.of(), "", "expected text"),
                Arguments.of(long.class, "ten::L", "", "bad ::L value"),
                Arguments.of(boolean.class, "yes::B", "", "::B value must be true or false"),
                Arguments.of(Object.class, "[1,::JS", "", "bad ::JS value"),
                Arguments.of(generic("listOfInt"), "1,x", "[1]", "not an int"),
                Arguments.of(generic("listOfInt"), Map.of(), "", "expected a list"),
                Arguments.of(generic("mapOfDouble"), "x", "", "expected an object"),
                Arguments.of(generic("points"), List.of(Map.of("x", 1L)), "[0].y", "missing"),
                Arguments.of(generic("points"), List.of(Map.of("x", 1L, "y", "z")), "[0].y", "not an int"));
    }

    @ParameterizedTest(name = "{0} ⟵ {1}")
    @MethodSource("failures")
    void refusesValuesThatDoNotFitWithAPathAndReason(Type type, Object raw, String path, String reason) {
        CoercionException e = assertThrows(CoercionException.class, () -> Coercion.to(type).apply(raw));
        assertEquals(path, e.path());
        assertTrue(e.reason().contains(reason), e.reason());
    }

    @Test
    void unsupportedTypesFailWhenTheCoercionIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Coercion.to(Thread.class));
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
    }

    /** An eleven-character query value once cost a billion digits of BigDecimal. */
    @ParameterizedTest
    @MethodSource("hugeNumbers")
    void refusesNumbersThatWouldExpandBeyondReason(Type type, Object raw) {
        long start = System.nanoTime();
        assertThrows(CoercionException.class, () -> Coercion.to(type).apply(raw));
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "refused without doing the work");
    }

    static Stream<Arguments> hugeNumbers() {
        return Stream.of(
                Arguments.of(String.class, "1e999999999::N"),
                Arguments.of(String.class, new BigDecimal("1e999999999")),
                Arguments.of(BigDecimal.class, "1e999999999"),
                Arguments.of(BigInteger.class, "1e3000000"),
                Arguments.of(long.class, "1e999999999::N"),
                Arguments.of(double.class, "1e-999999999::R"),
                Arguments.of(Map.class, "{\"a\":1e999999999}::JS"));
    }
}
