package org.genro.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Binding by name from path, query and body, with coercion and validation errors naming the parameter. */
class ArgumentsTest {

    enum Size { SMALL, LARGE }

    record Address(String city, int zip, Optional<String> note) {}

    static class Api extends RoutingClass {
        @Route
        public String echo(String a, int b) {
            return a + ":" + b;
        }

        @Route
        public Object one(Object value) {
            return value;
        }

        @Route
        public String typed(int i, long l, double d, boolean b, BigDecimal n, LocalDate day, LocalTime at,
                Instant when, Size size) {
            return String.join("|", String.valueOf(i), String.valueOf(l), String.valueOf(d), String.valueOf(b),
                    n.toPlainString(), day.toString(), at.toString(), when.toString(), size.name());
        }

        @Route
        public String page(@Default("20") int limit, Optional<String> after) {
            return limit + "/" + after.orElse("-");
        }

        @Route
        public String files(String root, String... rest) {
            return root + Arrays.toString(rest);
        }

        @Route
        public String sum(int... values) {
            return String.valueOf(Arrays.stream(values).sum());
        }

        @Route
        public String ship(Address to, List<Integer> boxes, Map<String, Integer> weights) {
            return to + " " + boxes + " " + weights;
        }

        @Route
        public void nothing() {
        }
    }

    private final Api api = new Api();

    private Entry entry(String name) {
        return api.router().entry(name).orElseThrow();
    }

    private Object call(String name, Map<String, String> query, Map<String, Object> body, List<String> positional)
            throws Exception {
        return entry(name).invoke(query, body, positional);
    }

    @Test
    void pathSegmentsFillParametersInOrderAndWinOverQuery() throws Exception {
        assertEquals("x:7", call("echo", Map.of("a", "from-query", "b", "1"), null, List.of("x", "7")));
        assertEquals("x:1", call("echo", Map.of("a", "from-query", "b", "1"), null, List.of("x")));
    }

    @Test
    void queryWinsOverBodyAndBodyFillsTheRest() throws Exception {
        assertEquals("q:2", call("echo", Map.of("a", "q"), Map.of("a", "body", "b", 2L), List.of()));
        assertEquals("body:3", call("echo", null, Map.of("a", "body", "b", 3L), null));
    }

    @Test
    void defaultAndOptionalApplyOnlyWhenTheArgumentIsAbsent() throws Exception {
        assertEquals("20/-", call("page", Map.of(), null, List.of()));
        assertEquals("5/k", call("page", Map.of("limit", "5", "after", "k"), null, List.of()));
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("after", null);
        assertEquals("20/-", call("page", null, nulls, List.of()), "a JSON null counts as absent");
    }

    @Test
    void varargsParameterTakesTheRemainingSegments() throws Exception {
        assertEquals("a[b, c]", call("files", null, null, List.of("a", "b", "c")));
        assertEquals("a[]", call("files", null, null, List.of("a")));
        assertEquals("6", call("sum", null, null, List.of("1", "2", "3")));
        assertEquals("3", call("sum", Map.of("values", "1,2"), null, List.of()));
    }

    @Test
    void voidHandlerReturnsNull() throws Exception {
        assertEquals(null, call("nothing", null, null, null));
    }

    @Test
    void scalarsAreCoercedFromPlainAndTytxStrings() throws Exception {
        Map<String, String> plain = Map.of("i", "4.0", "l", "10", "d", "3.5", "b", "yes", "n", "100.50",
                "day", "2025-01-15", "at", "10:30", "when", "2025-01-15T10:30:00Z", "size", "large");
        assertEquals("4|10|3.5|true|100.50|2025-01-15|10:30|2025-01-15T10:30:00Z|LARGE",
                call("typed", plain, null, null));
        Map<String, String> tytx = Map.of("i", "4::L", "l", "10::L", "d", "3.1::R", "b", "true::B", "n",
                "100.50::N", "day", "2025-01-15::D", "at", "10:30:00::H", "when",
                "2025-01-15T11:30:00+01:00::DHZ", "size", "SMALL::T");
        assertEquals("4|10|3.1|true|100.50|2025-01-15|10:30|2025-01-15T10:30:00Z|SMALL",
                call("typed", tytx, null, null));
    }

    @Test
    void objectParameterReceivesTheDecodedTytxValue() throws Exception {
        assertEquals(10L, call("one", Map.of("value", "10::L"), null, null));
        assertEquals(Map.of("a", 1L), call("one", Map.of("value", "{\"a\":1}::JS"), null, null));
        assertEquals("plain::text", call("one", Map.of("value", "plain::text"), null, null));
    }

    @Test
    void recordsListsAndMapsBindFromJsonBodyOrJsValues() throws Exception {
        Map<String, Object> body = Map.of("to", Map.of("city", "Rome", "zip", "00100"),
                "boxes", List.of(1L, "2", 3.0), "weights", Map.of("a", 1L));
        assertEquals("Address[city=Rome, zip=100, note=Optional.empty] [1, 2, 3] {a=1}",
                call("ship", null, body, null));
        Map<String, String> query = Map.of("to", "{\"city\":\"Oslo\",\"zip\":1,\"note\":\"x\"}::JS",
                "boxes", "4,5", "weights", "{\"b\":2}::JS");
        assertEquals("Address[city=Oslo, zip=1, note=Optional[x]] [4, 5] {b=2}", call("ship", query, null, null));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // entry, query, body, positional, parameter named, reason fragment
                Arguments.of("echo", Map.of("a", "x"), Map.of(), List.of(), "b", "missing"),
                Arguments.of("echo", Map.of("a", "x", "b", "4.5"), Map.of(), List.of(), "b", "not an int"),
                Arguments.of("echo", Map.of(), Map.of(), List.of("x", "seven"), "b", "not an int"),
                Arguments.of("echo", Map.of("a", "x", "b", "99999999999"), Map.of(), List.of(), "b", "out of range"),
                Arguments.of("echo", Map.of("a", "x", "b", "1::L"), Map.of("b", 2L), List.of(), null, null),
                Arguments.of("typed", Map.of("i", "1", "l", "1", "d", "1", "b", "maybe", "n", "1", "day", "2025-01-15",
                        "at", "10:00", "when", "2025-01-15T10:30:00Z", "size", "SMALL"), Map.of(), List.of(),
                        "b", "not a boolean"),
                Arguments.of("typed", Map.of("i", "1", "l", "1", "d", "1", "b", "t", "n", "1", "day", "15/01/2025",
                        "at", "10:00", "when", "2025-01-15T10:30:00Z", "size", "SMALL"), Map.of(), List.of(),
                        "day", "not a date"),
                Arguments.of("typed", Map.of("i", "1", "l", "1", "d", "1", "b", "t", "n", "1", "day", "2025-01-15",
                        "at", "10:00", "when", "2025-01-15T10:30:00Z", "size", "MEDIUM"), Map.of(), List.of(),
                        "size", "expected one of LARGE, SMALL"),
                Arguments.of("typed", Map.of("i", "1", "l", "x::L"), Map.of(), List.of(), "l", "bad ::L value"),
                Arguments.of("ship", Map.of(), Map.of("to", Map.of("city", "Rome"), "boxes", List.of(),
                        "weights", Map.of()), List.of(), "to.zip", "missing"),
                Arguments.of("ship", Map.of(), Map.of("to", Map.of("city", "Rome", "zip", 1L),
                        "boxes", List.of(1L, "two"), "weights", Map.of()), List.of(), "boxes[1]", "not an int"),
                Arguments.of("ship", Map.of(), Map.of("to", Map.of("city", "Rome", "zip", 1L),
                        "boxes", List.of(), "weights", Map.of("k", "heavy")), List.of(), "weights.k", "not an int"),
                Arguments.of("ship", Map.of("to", "{bad json::JS"), Map.of(), List.of(), "to", "bad ::JS value"),
                Arguments.of("sum", Map.of(), Map.of(), List.of("1", "x"), "values[1]", "not an int"));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} → {4}")
    @MethodSource("invalid")
    void invalidArgumentIsReportedNamingTheParameter(String name, Map<String, String> query, Map<String, Object> body,
            List<String> positional, String parameter, String reason) throws Exception {
        if (parameter == null) {
            call(name, query, body, positional);
            return;
        }
        ValidationException e = assertThrows(ValidationException.class, () -> call(name, query, body, positional));
        assertEquals(parameter, e.parameter());
        assertTrue(e.reason().contains(reason), e.reason());
        assertTrue(e.getMessage().startsWith("parameter '" + parameter + "' of " + name), e.getMessage());
        Binding.Invalid invalid = assertInstanceOf(Binding.Invalid.class, entry(name).bind(query, body, positional));
        assertEquals(parameter, invalid.parameter());
    }

    @Test
    void bindReturnsBoundArgumentsThatCanBeCalledLater() throws Exception {
        Binding.Bound bound = assertInstanceOf(Binding.Bound.class, entry("echo").bind(Map.of("b", "2"), null, List.of("a")));
        assertArrayEquals(new Object[] {"a", 2}, bound.arguments());
        assertEquals("a:2", bound.invoke());
    }

    @Test
    void validationMessageNeverEchoesTheValue() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> call("echo", Map.of("a", "x", "b", "<script>"), null, null));
        assertTrue(!e.getMessage().contains("<script>"), e.getMessage());
    }

    static class BadDefault extends RoutingClass {
        @Route
        public String page(@Default("many") int limit) {
            return "" + limit;
        }
    }

    static class Unsupported extends RoutingClass {
        @Route
        public String page(Thread t) {
            return "";
        }
    }

    static class Hidden extends RoutingClass {
        @Route
        String notPublic() {
            return "";
        }
    }

    static class Twice extends RoutingClass {
        @Route(name = "x")
        public String a() {
            return "";
        }

        @Route(name = "x")
        public String b() {
            return "";
        }
    }

    static class Base extends RoutingClass {
        @Route
        public String shown() {
            return "base";
        }

        @Route
        public String hidden() {
            return "base";
        }
    }

    static class Derived extends Base {
        @Override
        @Route
        public String shown() {
            return "derived";
        }

        @Override
        public String hidden() {
            return "no route";
        }
    }

    static Stream<Arguments> badDeclarations() {
        return Stream.of(
                Arguments.of((Runnable) BadDefault::new, "@Default of parameter 'limit'"),
                Arguments.of((Runnable) Unsupported::new, "unsupported parameter type java.lang.Thread"),
                Arguments.of((Runnable) Hidden::new, "must be public"),
                Arguments.of((Runnable) Twice::new, "entry name 'x' is declared by both"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badDeclarations")
    void badDeclarationFailsAtConstructionNamingTheMethod(Runnable construct, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct::run);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void subclassOverrideKeepsOrWithdrawsTheRoute() throws Exception {
        Derived d = new Derived();
        assertEquals(List.of("shown"), d.router().entries().stream().map(Entry::name).toList());
        assertEquals("derived", d.router().entry("shown").orElseThrow().invoke(null, null, null));
    }

    @Test
    void handlerExceptionPropagatesUnchanged() {
        class Failing extends RoutingClass {
            @Route
            public String boom() throws java.io.IOException {
                throw new java.io.IOException("disk");
            }
        }
        Failing f = new Failing();
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> f.router().entry("boom").orElseThrow().invoke(null, null, null));
        assertEquals("disk", e.getMessage());
    }
}
