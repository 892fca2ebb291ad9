package org.genro.router.bind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.genro.router.json.JsonReader;

/**
 * Decodes TYTX typed strings: a value followed by {@code ::CODE}.
 *
 * <pre>
 *  "10::L" Long      "3.1::R" Double     "100.50::N" BigDecimal   "true::B" Boolean
 *  "2025-01-15::D" LocalDate             "2025-01-15T10:30:00::DH" LocalDateTime
 *  "2025-01-15T10:30:00Z::DHZ" Instant   "10:30:00::H" LocalTime
 *  "x::T" String     '{"a":1}::JS' parsed JSON (Map/List/...)
 * </pre>
 * A string without a known code is returned unchanged, so plain text that happens to
 * contain "::" is not mangled. A known code with an unreadable value is an error.
 */
public final class Tytx {

    private Tytx() {
    }

    /**
     * Decodes one value.
     *
     * @param text a possibly suffixed string
     * @return the typed value, or {@code text} itself when it carries no known code
     * @throws CoercionException when a known code is followed by an invalid value
     */
    public static Object decode(String text) {
        int mark = text.lastIndexOf("::");
        if (mark < 0) {
            return text;
        }
        String code = text.substring(mark + 2);
        String v = text.substring(0, mark);
        try {
            return switch (code) {
                case "L" -> Long.parseLong(v);
                case "R" -> Coercion.finiteDouble(v);
                case "N" -> new BigDecimal(v);
                case "B" -> switch (v) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new CoercionException("::B value must be true or false");
                };
                case "D" -> LocalDate.parse(v);
                case "DH" -> LocalDateTime.parse(v);
                case "DHZ" -> OffsetDateTime.parse(v).toInstant();
                case "H" -> LocalTime.parse(v);
                case "T" -> v;
                case "JS" -> JsonReader.parse(v);
                default -> text;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new CoercionException("bad ::" + code + " value");
        } catch (IllegalArgumentException e) {
            if (e instanceof CoercionException ce) {
                throw ce;
            }
            throw new CoercionException("bad ::" + code + " value (" + e.getMessage() + ")");
        }
    }

}
