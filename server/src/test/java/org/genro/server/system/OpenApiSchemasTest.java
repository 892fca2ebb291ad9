package org.genro.server.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.genro.server.exchange.Json;
import org.genro.server.system.OpenApiFixtures.Colour;
import org.genro.server.system.OpenApiFixtures.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Java types as JSON Schema: the mapping table, records as components, recursion and name clashes. */
class OpenApiSchemasTest {

    /** Generic types to take by reflection: a field's generic type is the type as written. */
    @SuppressWarnings("unused")
    private static final class Generic {
        List<String> listOfStrings;
        Set<Integer> setOfInts;
        Collection<Long> collection;
        Iterable<Boolean> iterable;
        Map<String, Double> mapOfDoubles;
        Map<String, List<Point>> mapOfPointLists;
        Optional<LocalDate> optionalDate;
        Optional<List<String>> optionalList;
        List<? extends Number> wildcard;
        List<Point>[] arrayOfLists;
    }

    private static Type generic(String field) {
        try {
            return Generic.class.getDeclaredField(field).getGenericType();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> table() {
        String int32 = "{'type':'integer','format':'int32'}";
        String int64 = "{'type':'integer','format':'int64'}";
        String dateTime = "{'type':'string','format':'date-time'}";
        return Stream.of(
                Arguments.of(int.class, int32),
                Arguments.of(Integer.class, int32),
                Arguments.of(short.class, "{'type':'integer','format':'int16','minimum':-32768,'maximum':32767}"),
                Arguments.of(Short.class, "{'type':'integer','format':'int16','minimum':-32768,'maximum':32767}"),
                Arguments.of(byte.class, "{'type':'integer','format':'int8','minimum':-128,'maximum':127}"),
                Arguments.of(long.class, int64),
                Arguments.of(Long.class, int64),
                Arguments.of(float.class, "{'type':'number','format':'float'}"),
                Arguments.of(double.class, "{'type':'number','format':'double'}"),
                Arguments.of(Double.class, "{'type':'number','format':'double'}"),
                Arguments.of(BigDecimal.class, "{'type':'number','format':'decimal'}"),
                Arguments.of(BigInteger.class, "{'type':'integer'}"),
                Arguments.of(boolean.class, "{'type':'boolean'}"),
                Arguments.of(Boolean.class, "{'type':'boolean'}"),
                Arguments.of(String.class, "{'type':'string'}"),
                Arguments.of(char.class, "{'type':'string','format':'char','minLength':1,'maxLength':1}"),
                Arguments.of(Character.class, "{'type':'string','format':'char','minLength':1,'maxLength':1}"),
                Arguments.of(LocalDate.class, "{'type':'string','format':'date'}"),
                Arguments.of(Instant.class, dateTime),
                Arguments.of(OffsetDateTime.class, dateTime),
                Arguments.of(ZonedDateTime.class, dateTime),
                Arguments.of(UUID.class, "{'type':'string','format':'uuid'}"),
                Arguments.of(Colour.class, "{'type':'string','enum':['RED','GREEN']}"),
                Arguments.of(int[].class, "{'type':'array','items':" + int32 + "}"),
                Arguments.of(String[].class, "{'type':'array','items':{'type':'string'}}"),
                Arguments.of(byte[].class, "{'type':'string','contentEncoding':'base64'}"),
                Arguments.of(generic("listOfStrings"), "{'type':'array','items':{'type':'string'}}"),
                Arguments.of(generic("setOfInts"), "{'type':'array','items':" + int32 + ",'uniqueItems':true}"),
                Arguments.of(generic("collection"), "{'type':'array','items':" + int64 + "}"),
                Arguments.of(generic("iterable"), "{'type':'array','items':{'type':'boolean'}}"),
                Arguments.of(List.class, "{'type':'array','items':{}}"),
                Arguments.of(Set.class, "{'type':'array','items':{},'uniqueItems':true}"),
                Arguments.of(generic("mapOfDoubles"),
                        "{'type':'object','additionalProperties':{'type':'number','format':'double'}}"),
                Arguments.of(Map.class, "{'type':'object','additionalProperties':{}}"),
                Arguments.of(generic("mapOfPointLists"), "{'type':'object','additionalProperties':"
                        + "{'type':'array','items':{'$ref':'#/components/schemas/Point'}}}"),
                Arguments.of(generic("optionalDate"), "{'type':'string','format':'date'}"),
                Arguments.of(generic("optionalList"), "{'type':'array','items':{'type':'string'}}"),
                Arguments.of(generic("wildcard"), "{'type':'array','items':{}}"),
                Arguments.of(generic("arrayOfLists"),
                        "{'type':'array','items':{'type':'array','items':{'$ref':'#/components/schemas/Point'}}}"),
                Arguments.of(Point.class, "{'$ref':'#/components/schemas/Point'}"),
                Arguments.of(Object.class, "{}"),
                Arguments.of(Thread.class, "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachJavaTypeHasItsSchema(Type type, String expected) throws Exception {
        assertEquals(json(expected), plain(new JsonSchemas().of(type)));
    }

    @Test
    void localDateTimesAndTimesArePatternsThatMatchWhatTheServerWritesAndReads() throws Exception {
        JsonSchemas s = new JsonSchemas();
        String dateTime = (String) s.of(LocalDateTime.class).get("pattern");
        String time = (String) s.of(LocalTime.class).get("pattern");
        assertEquals(null, s.of(LocalDateTime.class).get("format"), "RFC 3339 date-time needs an offset these lack");
        for (LocalDateTime t : List.of(LocalDateTime.of(2025, 1, 15, 10, 30), LocalDateTime.of(2025, 1, 15, 10, 30, 5, 120))) {
            String written = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(t)).asText();
            assertTrue(written.matches(dateTime), written);
            assertEquals(t, LocalDateTime.parse(written));
            String clock = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(t.toLocalTime())).asText();
            assertTrue(clock.matches(time), clock);
        }
        assertTrue("2025-01-15T10:30".matches(dateTime), "the binder parses minutes without seconds");
        assertFalse("2025-01-15T10:30:00Z".matches(dateTime), "an offset is refused by LocalDateTime.parse");
        assertFalse("10:30:00+01:00".matches(time));
    }

    @Test
    void decimalsAreNumbersBecauseTheJsonWriterWritesThemAsNumbers() throws Exception {
        assertEquals("{\"total\":19.99}", Json.MAPPER.writeValueAsString(Map.of("total", new BigDecimal("19.99"))));
        assertEquals("{\"t\":\"2025-01-15T10:30:00+01:00\"}", Json.MAPPER.writeValueAsString(Map.of("t",
                OffsetDateTime.of(2025, 1, 15, 10, 30, 0, 0, ZoneOffset.ofHours(1)))), "date-time: with its offset");
    }

    /** A record holding itself, and one holding an Optional. */
    public record Node(String name, List<Node> children, Optional<String> note) {
    }

    @Test
    void recordsBecomeComponentsWithTheirRequiredFieldsAndRecursionEnds() throws Exception {
        JsonSchemas s = new JsonSchemas();
        assertEquals(json("{'$ref':'#/components/schemas/Node'}"), s.of(Node.class));
        assertEquals(json("{'Node':{'type':'object','properties':{'name':{'type':'string'},"
                + "'children':{'type':'array','items':{'$ref':'#/components/schemas/Node'}},"
                + "'note':{'type':'string'}},'required':['name','children']}}"), plain(s.components()));
    }

    /** Two records with one simple name. */
    static final class First {
        public record Item(int id) {
        }
    }

    /** The other one. */
    static final class Second {
        public record Item(String label) {
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void recordsSharingASimpleNameGetDistinctComponents() throws Exception {
        JsonSchemas s = new JsonSchemas();
        assertEquals(json("{'$ref':'#/components/schemas/Item'}"), s.of(First.Item.class));
        assertEquals(json("{'$ref':'#/components/schemas/OpenApiSchemasTest.Second.Item'}"), s.of(Second.Item.class));
        assertEquals(json("{'$ref':'#/components/schemas/Item'}"), s.of(First.Item.class), "the same record, the same name");
        assertEquals(List.of("Item", "OpenApiSchemasTest.Second.Item"), List.copyOf(s.components().keySet()));
        assertEquals(json("{'type':'object','properties':{'label':{'type':'string'}},'required':['label']}"),
                plain((Map<String, Object>) s.components().get("OpenApiSchemasTest.Second.Item")));
    }

    /** A user record named like the document's own error schema. */
    public record Error(String why) {
    }

    @Test
    void aRecordCannotTakeANameTheDocumentDefined() throws Exception {
        JsonSchemas s = new JsonSchemas();
        s.define("Error", Map.of("type", "object"));
        assertEquals(json("{'$ref':'#/components/schemas/OpenApiSchemasTest.Error'}"), s.of(Error.class));
        assertEquals(Map.of("type", "object"), s.components().get("Error"));
    }

    @Test
    void structuredTypesAreListsMapsArraysAndRecords() {
        for (Type t : List.of(List.class, Map.class, int[].class, Point.class, generic("listOfStrings"),
                generic("optionalList"), generic("mapOfDoubles"))) {
            assertTrue(JsonSchemas.structured(t), t.getTypeName());
        }
        for (Type t : List.of(int.class, String.class, Colour.class, LocalDate.class, Object.class, generic("optionalDate"))) {
            assertFalse(JsonSchemas.structured(t), t.getTypeName());
        }
    }

    @Test
    void defaultsAreTypedAsTheParameterIs() {
        assertEquals(BigInteger.valueOf(20), JsonSchemas.typedDefault(int.class, "20"));
        assertEquals(BigInteger.valueOf(10), JsonSchemas.typedDefault(long.class, "10::L"));
        assertEquals(new BigDecimal("2.5"), JsonSchemas.typedDefault(double.class, "2.5"));
        assertEquals(new BigDecimal("100.50"), JsonSchemas.typedDefault(BigDecimal.class, "100.50::N"));
        assertEquals(true, JsonSchemas.typedDefault(boolean.class, "true"));
        assertEquals(false, JsonSchemas.typedDefault(Boolean.class, "FALSE"));
        assertEquals("yes", JsonSchemas.typedDefault(boolean.class, "yes"), "kept as written when not true/false");
        assertEquals("4.5", JsonSchemas.typedDefault(int.class, "4.5"), "kept as written when not an integer");
        assertEquals("RED", JsonSchemas.typedDefault(Colour.class, "RED"));
        assertEquals("2025-01-15", JsonSchemas.typedDefault(LocalDate.class, "2025-01-15"));
        assertEquals(BigInteger.valueOf(3), JsonSchemas.typedDefault(new Object() {
            @SuppressWarnings("unused") Optional<Integer> field;
        }.getClass().getDeclaredFields()[0].getGenericType(), "3"), "Optional<Integer>: as its content");
    }

    /** A schema as JSON reads it back: numbers of one Java type whatever was put in. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(Map<String, Object> schema) throws Exception {
        return OpenApiFixtures.JSON.readValue(OpenApiFixtures.JSON.writeValueAsString(schema), Map.class);
    }

    /** Single-quoted JSON, read as the maps the schemas are. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String singleQuoted) throws Exception {
        return OpenApiFixtures.JSON.readValue(singleQuoted.replace('\'', '"'), Map.class);
    }
}
