package org.genro.router.bind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Conversions to single values. Lenient where a transport's text form is unambiguous
 * ({@code "4.0"} is the integer 4, {@code "yes"} is true), strict where it is not
 * ({@code "4.5"} is not an integer, {@code "maybe"} is not a boolean).
 */
final class Scalars {

    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "t", "y");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "off", "f", "n");

    private Scalars() {
    }

    static Coercion scalar(Class<?> c) {
        if (c == String.class) {
            return Scalar.TEXT;
        }
        if (c == int.class || c == Integer.class) {
            return Scalar.INT;
        }
        if (c == long.class || c == Long.class) {
            return Scalar.LONG;
        }
        if (c == short.class || c == Short.class) {
            return Scalar.SHORT;
        }
        if (c == byte.class || c == Byte.class) {
            return Scalar.BYTE;
        }
        if (c == double.class || c == Double.class) {
            return Scalar.DOUBLE;
        }
        if (c == float.class || c == Float.class) {
            return Scalar.FLOAT;
        }
        if (c == boolean.class || c == Boolean.class) {
            return Scalar.BOOLEAN;
        }
        if (c == BigDecimal.class) {
            return Scalar.DECIMAL;
        }
        if (c == BigInteger.class) {
            return Scalar.BIG_INTEGER;
        }
        if (c == LocalDate.class || c == LocalDateTime.class || c == LocalTime.class
                || c == Instant.class || c == OffsetDateTime.class) {
            return new TemporalOf(c);
        }
        throw new IllegalArgumentException("unsupported parameter type " + c.getName());
    }

    /**
     * The conversions to the scalar types, a constant each: a lambda apiece made the JDK
     * generate a class the first time a route taking that type was scanned, 0.5-1 ms of a
     * cold start.
     */
    private enum Scalar implements Coercion {
        TEXT, INT, LONG, SHORT, BYTE, DOUBLE, FLOAT, BOOLEAN, DECIMAL, BIG_INTEGER;

        @Override
        public Object apply(Object raw) {
            return switch (this) {
                case TEXT -> text(raw);
                case INT -> (int) integral(raw, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int");
                case LONG -> integral(raw, Long.MIN_VALUE, Long.MAX_VALUE, "a long");
                case SHORT -> (short) integral(raw, Short.MIN_VALUE, Short.MAX_VALUE, "a short");
                case BYTE -> (byte) integral(raw, Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte");
                case DOUBLE -> real(raw);
                case FLOAT -> (float) real(raw);
                case BOOLEAN -> bool(raw);
                case DECIMAL -> decimal(raw);
                case BIG_INTEGER -> decimal(raw).toBigIntegerExact();
            };
        }
    }

    /** The conversion to one of the date and time types. */
    private record TemporalOf(Class<?> type) implements Coercion {
        @Override
        public Object apply(Object raw) {
            return temporal(raw, type);
        }
    }

    // The conversions every argument goes through test the value's type with instanceof,
    // text first, rather than with a switch over types: a path or query argument is text,
    // and with the switches here and in Coercion.decoded, a profile of the server's dispatch
    // benchmark (one long path argument) put 12% of its samples on the conversion, against
    // 3% with these chains.

    static String text(Object raw) {
        Object v = Coercion.decoded(raw);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof Temporal) {
            return v.toString();
        }
        throw new CoercionException("expected text");
    }

    static long integral(Object raw, long min, long max, String what) {
        Object v = Coercion.decoded(raw);
        long n;
        try {
            if (v instanceof String s) {
                n = integralText(s.strip());
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                n = ((Number) v).longValue();
            } else if (v instanceof BigInteger b) {
                n = b.longValueExact();
            } else if (v instanceof Number num) {
                n = new BigDecimal(num.toString()).longValueExact();
            } else {
                throw new CoercionException("not " + what);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new CoercionException("not " + what);
        }
        if (n < min || n > max) {
            throw new CoercionException("out of range for " + what);
        }
        return n;
    }

    /** Digits with an optional sign and an optional all-zero fraction ("4", "-4", "4.00"). */
    private static long integralText(String s) {
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        if (dot >= 0 && !s.substring(dot + 1).chars().allMatch(ch -> ch == '0')) {
            throw new NumberFormatException("fraction");
        }
        if (whole.isEmpty() || whole.equals("+") || whole.equals("-")) {
            throw new NumberFormatException("empty");
        }
        return Long.parseLong(whole);
    }

    static double real(Object raw) {
        Object v = Coercion.decoded(raw);
        try {
            if (v instanceof String s) {
                return Coercion.finiteDouble(s);
            }
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw new CoercionException("not a number");
        } catch (NumberFormatException e) {
            throw new CoercionException("not a number");
        }
    }

    static BigDecimal decimal(Object raw) {
        Object v = Coercion.decoded(raw);
        try {
            return switch (v) {
                case BigDecimal d -> d;
                case BigInteger b -> new BigDecimal(b);
                case Long l -> BigDecimal.valueOf(l);
                case Integer i -> BigDecimal.valueOf(i);
                case Double d -> BigDecimal.valueOf(d);
                case Number n -> new BigDecimal(n.toString());
                case String s -> Coercion.bounded(new BigDecimal(s.strip()));
                default -> throw new CoercionException("not a decimal");
            };
        } catch (NumberFormatException e) {
            throw new CoercionException("not a decimal");
        }
    }

    static boolean bool(Object raw) {
        Object v = Coercion.decoded(raw);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long n && (n == 0 || n == 1)) {
            return n == 1;
        }
        if (v instanceof String s) {
            String lower = s.strip().toLowerCase(Locale.ROOT);
            if (TRUE.contains(lower)) {
                return true;
            }
            if (FALSE.contains(lower)) {
                return false;
            }
        }
        throw new CoercionException("not a boolean");
    }

    static Object temporal(Object raw, Class<?> type) {
        Object v = Coercion.decoded(raw);
        if (type.isInstance(v)) {
            return v;
        }
        if (type == Instant.class && v instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (!(v instanceof String s)) {
            throw new CoercionException("not " + article(type));
        }
        try {
            if (type == LocalDate.class) {
                return LocalDate.parse(s);
            }
            if (type == LocalDateTime.class) {
                return LocalDateTime.parse(s);
            }
            if (type == LocalTime.class) {
                return LocalTime.parse(s);
            }
            if (type == OffsetDateTime.class) {
                return OffsetDateTime.parse(s);
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new CoercionException("not " + article(type));
        }
    }

    private static String article(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "a date (yyyy-mm-dd)";
            case "LocalTime" -> "a time (hh:mm[:ss])";
            case "LocalDateTime" -> "a date-time (yyyy-mm-ddThh:mm[:ss])";
            default -> "an instant (yyyy-mm-ddThh:mm[:ss] with Z or an offset)";
        };
    }

    static Coercion enumeration(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        Map<String, Object> exact = Arrays.stream(constants)
                .collect(Collectors.toMap(c -> ((Enum<?>) c).name(), c -> c));
        List<String> names = List.copyOf(exact.keySet());
        String expected = "expected one of " + String.join(", ", names.stream().sorted().toList());
        return raw -> {
            if (type.isInstance(raw)) {
                return raw;
            }
            String s = text(raw);
            Object hit = exact.get(s);
            if (hit != null) {
                return hit;
            }
            for (Object c : constants) {
                if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
                    return c;
                }
            }
            throw new CoercionException(expected);
        };
    }
}
