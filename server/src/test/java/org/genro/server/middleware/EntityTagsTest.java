package org.genro.server.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EntityTagsTest {

    /** If-None-Match fields, current tag → whether the condition fails (304). */
    static Stream<Arguments> conditions() {
        return Stream.of(
                Arguments.of(List.of("\"a\""), "\"a\"", true),
                Arguments.of(List.of("\"a\""), "\"b\"", false),
                Arguments.of(List.of("W/\"a\""), "\"a\"", true),
                Arguments.of(List.of("\"a\""), "W/\"a\"", true),
                Arguments.of(List.of("W/\"a\""), "W/\"a\"", true),
                Arguments.of(List.of("\"x\", \"y\" ,W/\"a\""), "\"a\"", true),
                Arguments.of(List.of("\"x\", \"y\""), "\"a\"", false),
                Arguments.of(List.of("\"x\"", "\"a\""), "\"a\"", true),
                Arguments.of(List.of("*"), "\"a\"", true),
                Arguments.of(List.of("*"), null, true),
                Arguments.of(List.of("\"a\""), null, false),
                Arguments.of(List.of("\"a,b\""), "\"a,b\"", true),
                Arguments.of(List.of("\"a,b\""), "\"a\"", false),
                Arguments.of(List.of("\"ab\""), "\"a\"", false),
                Arguments.of(List.of("\"a\""), "\"ab\"", false),
                Arguments.of(List.of("a"), "\"a\"", false),
                Arguments.of(List.of("\"a"), "\"a\"", false),
                Arguments.of(List.of("\"x\", junk, \"a\""), "\"a\"", false),
                Arguments.of(List.of(""), "\"a\"", false));
    }

    @ParameterizedTest
    @MethodSource("conditions")
    void evaluatesIfNoneMatchWithWeakComparison(List<String> fields, String current, boolean fails) {
        assertEquals(fails, EntityTags.noneMatchFails(fields, current));
    }

    @Test
    void aStrongTagIsAQuotedHashOfTheBody() {
        String tag = EntityTags.strong("hello".getBytes(StandardCharsets.UTF_8));
        assertTrue(tag.matches("\"[A-Za-z0-9_-]{22}\""), tag);
        assertEquals(tag, EntityTags.strong("hello".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(tag, EntityTags.strong("hellp".getBytes(StandardCharsets.UTF_8)));
    }
}
