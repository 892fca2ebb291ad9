package org.genro.router.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagRuleTest {

    @ParameterizedTest(name = "''{0}'' with [{1}] → {2}")
    @CsvSource(delimiter = ';', value = {
        "admin; admin; true",
        "admin; staff; false",
        "admin; ; false",
        "''; ; true",
        "'   '; ; true",
        "admin | staff; staff; true",
        "admin or staff; staff; true",
        "admin & staff; staff; false",
        "admin AND staff; admin staff; true",
        "!guest; staff; true",
        "not guest; guest; false",
        "!!guest; guest; true",
        "admin | staff & !guest; staff guest; false",
        "admin | staff & !guest; admin guest; true",
        "(admin | staff) & !guest; admin guest; false",
        "((a | b) & (c | d)); b c; true",
        "((a | b) & (c | d)); a b; false",
        "Staff; staff; false",
        "_x1; _x1; true",
    })
    void evaluatesPrecedenceNotAndOr(String rule, String tags, boolean expected) {
        Set<String> held = tags == null ? Set.of() : Set.of(tags.split(" "));
        assertEquals(expected, TagRule.parse(rule).test(held::contains));
        assertEquals(expected, TagRule.parse(rule).test(held), "set form");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = ';', value = {
        "admin,staff; ',' is not allowed",
        "admin-x; unexpected character '-'",
        "admin |; rule ends too early",
        "| admin; expected a tag",
        "(admin; missing ')'",
        "admin); unexpected ')'",
        "admin staff; unexpected 'staff'",
        "((((((( a ))))))); nested parentheses",
        "and; expected a tag",
    })
    void refusesMalformedRulesNamingTheProblem(String rule, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TagRule.parse(rule));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void refusesOverlongRules() {
        assertThrows(IllegalArgumentException.class, () -> TagRule.parse("a|".repeat(100) + "b"));
        assertTrue(TagRule.parse(" admin ").text().equals("admin"));
    }
}
