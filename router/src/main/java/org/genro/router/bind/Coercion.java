package org.genro.router.bind;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;

/**
 * Converts one raw argument value to one declared type. Raw values are what transports
 * deliver: strings (path segments, query values, possibly TYTX-suffixed) and JSON-like
 * objects (maps, lists, numbers, booleans). A coercion is built once per parameter at
 * registration, so unsupported types fail at startup, not per request.
 */
@FunctionalInterface
public interface Coercion {

    /**
     * Converts a value.
     *
     * @param raw a non-null raw value
     * @return the value as the target type (boxed for primitives)
     * @throws CoercionException when the value does not fit the type
     */
    Object apply(Object raw);

    /**
     * The coercion for a declared type.
     *
     * <p>Supported: String; int, long, short, byte, double, float, boolean and their
     * boxes; BigDecimal, BigInteger; LocalDate, LocalDateTime, LocalTime, Instant,
     * OffsetDateTime; enums; records (from a map, by component name); arrays, List,
     * Collection, Set (from a list, or from a comma-separated string); Map with String
     * keys; {@code Optional<T>}; Object (the decoded value as is).
     *
     * @param type a parameter's generic type
     * @return the coercion
     * @throws IllegalArgumentException when the type is not supported
     */
    static Coercion to(Type type) {
        return new Structures().build(type);
    }

    /**
     * The raw class of a type, for building arrays.
     *
     * @param type any type
     * @return its erasure
     */
    static Class<?> erasure(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> erasure(p.getRawType());
            case GenericArrayType g -> erasure(g.getGenericComponentType()).arrayType();
            case WildcardType w -> erasure(w.getUpperBounds()[0]);
            case TypeVariable<?> v -> erasure(v.getBounds()[0]);
            default -> Object.class;
        };
    }

    /**
     * A raw value with its TYTX suffix (if any) decoded.
     *
     * @param raw a raw value
     * @return the decoded value
     */
    static Object decoded(Object raw) {
        Object v = raw instanceof String s ? Tytx.decode(s) : raw;
        if (v instanceof String) {
            return v; // the usual case, tested first (see Scalars on why not a pattern switch)
        }
        if (v instanceof BigDecimal d) {
            return bounded(d);
        }
        if (v instanceof java.math.BigInteger b && b.bitLength() > MAX_DIGITS * 4) {
            throw new CoercionException("number too large");
        }
        return v;
    }

    /**
     * Most digits and the largest exponent a decimal argument may have. "1e999999999"
     * is eleven characters, but writing it out or converting it to an integer costs a
     * billion digits: a caller must not buy that with one query value.
     */
    static final int MAX_DIGITS = 1000;

    /** {@code d} when its precision and scale are within {@link #MAX_DIGITS}. */
    static BigDecimal bounded(BigDecimal d) {
        if (d.precision() > MAX_DIGITS || Math.abs((long) d.scale()) > MAX_DIGITS) {
            throw new CoercionException("decimal out of range (at most " + MAX_DIGITS + " digits and exponent " + MAX_DIGITS + ")");
        }
        return d;
    }

    /**
     * Parses a decimal number that must be finite (no NaN, no Infinity, no hex).
     *
     * @param text the number text
     * @return its double value
     * @throws NumberFormatException when the text is not a finite decimal
     */
    static double finiteDouble(String text) {
        double d = bounded(new BigDecimal(text.strip())).doubleValue();
        if (Double.isInfinite(d)) {
            throw new NumberFormatException("out of range");
        }
        return d;
    }
}
