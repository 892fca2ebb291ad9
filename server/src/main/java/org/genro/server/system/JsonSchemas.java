package org.genro.server.system;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Java types as JSON Schema, in the 2020-12 dialect that OpenAPI 3.1 uses. The schemas say
 * what the server's JSON writer produces and its argument binder accepts:
 *
 * <pre>
 *  Java                                     schema
 *  int, Integer                             integer, int32
 *  short, Short / byte, Byte                integer, int16 / int8, with their bounds
 *  long, Long                               integer, int64
 *  float / double (and boxes)               number, float / double
 *  BigDecimal                               number, decimal
 *  BigInteger                               integer
 *  boolean, Boolean                         boolean
 *  String / char, Character                 string / string of one character (format char)
 *  LocalDate                                string, date
 *  Instant, OffsetDateTime, ZonedDateTime   string, date-time
 *  LocalDateTime, LocalTime                 string with a pattern (see LOCAL_DATE_TIME)
 *  UUID                                     string, uuid
 *  an enum                                  string, enum of the constant names
 *  array, List, Collection, Iterable        array of the element's schema
 *  Set                                      the same, uniqueItems
 *  Map (String keys)                        object, additionalProperties: the value's schema
 *  a record                                 $ref to #/components/schemas/(name)
 *  Optional of T                            T's schema (the caller makes it not required)
 *  Object, a type variable, anything else   {} (any value)
 * </pre>
 *
 * One instance serves one document: it collects the records it meets into components.
 * A record is registered under its name before its components are described, so a record
 * that contains itself (a tree node with children) gets a finite schema. Not thread-safe.
 */
final class JsonSchemas {
    /**
     * {@code LocalDateTime} as the binder parses and Jackson writes it. Not {@code date-time}:
     * RFC 3339 date-times carry an offset, and a client generated from that format would
     * send one, which {@code LocalDateTime.parse} refuses.
     */
    static final String LOCAL_DATE_TIME = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?$";
    /** {@code LocalTime}: no offset either, for the same reason as {@link #LOCAL_DATE_TIME}. */
    static final String LOCAL_TIME = "^\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?$";
    private static final String REF_PREFIX = "#/components/schemas/";

    private final Map<Class<?>, String> names = new HashMap<>();
    private final Map<String, Object> components = new LinkedHashMap<>();

    /** The schema of {@code type}; records met on the way join {@link #components()}. */
    Map<String, Object> of(Type type) {
        return switch (type) {
            case Class<?> c when c.isArray() -> c == byte[].class ? bytes() : array(c.getComponentType(), false);
            case Class<?> c when c.isRecord() -> ref(c);
            case Class<?> c when c.isEnum() -> enumeration(c);
            case Class<?> c when Map.class.isAssignableFrom(c) -> object(Object.class);
            case Class<?> c when Iterable.class.isAssignableFrom(c) ->
                    array(Object.class, Set.class.isAssignableFrom(c));
            case Class<?> c -> scalar(c);
            case ParameterizedType p -> parameterized(p);
            case GenericArrayType g -> array(g.getGenericComponentType(), false);
            // a wildcard or a type variable stands for a type we cannot name here
            default -> new LinkedHashMap<>();
        };
    }

    /**
     * Adds a schema of the document's own under {@code name} (the error body), before any
     * record can claim the name.
     */
    void define(String name, Map<String, Object> schema) {
        if (components.putIfAbsent(name, schema) != null) {
            throw new IllegalStateException("schema " + name + " is defined already");
        }
    }

    /** A map of {@code key, value, key, value...} in that order (Map.of has none). */
    static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    /** A reference to the component named {@code name}. */
    static Map<String, Object> ref(String name) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("$ref", REF_PREFIX + name);
        return s;
    }

    /** The records met so far, by component name, sorted for a stable document. */
    Map<String, Object> components() {
        return new TreeMap<>(components);
    }

    /**
     * Whether a value of {@code type} is a list, map, array or record: such a parameter
     * needs a JSON body (or a JSON text in the query), not a plain query value.
     */
    static boolean structured(Type type) {
        Class<?> raw = erasure(unwrapOptional(type));
        return raw.isArray() || raw.isRecord() || Map.class.isAssignableFrom(raw)
                || Iterable.class.isAssignableFrom(raw);
    }

    /** {@code T} for {@code Optional<T>}, else {@code type} itself. */
    static Type unwrapOptional(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return p.getActualTypeArguments()[0];
        }
        return type == Optional.class ? Object.class : type;
    }

    /** Whether {@code type} is {@code Optional} of something. */
    static boolean optional(Type type) {
        return erasure(type) == Optional.class;
    }

    /** The raw class of a type; {@code Object} for what has none. */
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
     * A {@code @Default} text as a JSON value of the parameter's type: defaults are written
     * as a request would write them ({@code "20"}, perhaps with a TYTX suffix such as
     * {@code "20::L"}), so numbers and booleans are read back; other types keep the text,
     * which is already what a client sends.
     */
    static Object typedDefault(Type type, String text) {
        String plain = text.replaceFirst("::[A-Z]{1,3}$", "");
        Class<?> c = box(erasure(unwrapOptional(type)));
        try {
            if (c == Integer.class || c == Long.class || c == Short.class || c == Byte.class || c == BigInteger.class) {
                return new BigDecimal(plain.strip()).toBigIntegerExact();
            }
            if (c == Double.class || c == Float.class || c == BigDecimal.class) {
                return new BigDecimal(plain.strip());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return text; // the binder accepted it at startup in a form we do not read: show it as written
        }
        if (c == Boolean.class && (plain.equalsIgnoreCase("true") || plain.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(plain.toLowerCase(java.util.Locale.ROOT));
        }
        return text;
    }

    private Map<String, Object> parameterized(ParameterizedType p) {
        Class<?> raw = erasure(p);
        Type[] args = p.getActualTypeArguments();
        if (raw == Optional.class) {
            return of(args[0]);
        }
        if (Map.class.isAssignableFrom(raw)) {
            // the binder refuses other key types; JSON object keys are strings anyway
            return object(args.length == 2 ? args[1] : Object.class);
        }
        if (Iterable.class.isAssignableFrom(raw) && args.length == 1) {
            return array(args[0], Set.class.isAssignableFrom(raw));
        }
        return of(raw);
    }

    private Map<String, Object> array(Type element, boolean unique) {
        Map<String, Object> s = type("array");
        s.put("items", of(element));
        if (unique) {
            s.put("uniqueItems", true);
        }
        return s;
    }

    private Map<String, Object> object(Type values) {
        Map<String, Object> s = type("object");
        s.put("additionalProperties", of(values));
        return s;
    }

    /** A byte array: Jackson writes it as base64 text. */
    private static Map<String, Object> bytes() {
        Map<String, Object> s = type("string");
        s.put("contentEncoding", "base64");
        return s;
    }

    private static Map<String, Object> enumeration(Class<?> c) {
        Map<String, Object> s = type("string");
        List<String> constants = new ArrayList<>();
        for (Object constant : c.getEnumConstants()) {
            constants.add(((Enum<?>) constant).name());
        }
        s.put("enum", constants);
        return s;
    }

    private Map<String, Object> ref(Class<?> record) {
        String name = names.get(record);
        if (name == null) {
            name = freeName(record);
            names.put(record, name);
            components.put(name, Map.of()); // claims the name before recursing
            components.put(name, recordSchema(record));
        }
        return ref(name);
    }

    /**
     * The record's simple name while no other record has it; then its name inside its
     * package ({@code Catalog.Product}), then its full name, then a number. Component names
     * may hold only letters, digits, '.', '-' and '_'.
     */
    private String freeName(Class<?> record) {
        String full = record.getName().replace('$', '.');
        String pkg = record.getPackageName();
        String local = pkg.isEmpty() ? full : full.substring(pkg.length() + 1);
        for (String candidate : List.of(record.getSimpleName(), local, full)) {
            String clean = candidate.replaceAll("[^A-Za-z0-9._-]", "_");
            if (!components.containsKey(clean)) {
                return clean;
            }
        }
        int n = 2;
        while (components.containsKey(full + "_" + n)) {
            n++;
        }
        return full + "_" + n;
    }

    private Map<String, Object> recordSchema(Class<?> record) {
        Map<String, Object> s = type("object");
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent rc : record.getRecordComponents()) {
            properties.put(rc.getName(), of(rc.getGenericType()));
            // the binder refuses a record without one of its non-Optional components
            if (!optional(rc.getGenericType())) {
                required.add(rc.getName());
            }
        }
        s.put("properties", properties);
        if (!required.isEmpty()) {
            s.put("required", required);
        }
        return s;
    }

    private static Map<String, Object> scalar(Class<?> type) {
        Class<?> c = box(type);
        if (c == Integer.class) {
            return integer("int32");
        }
        if (c == Long.class) {
            return integer("int64");
        }
        if (c == Short.class) {
            return bounded(integer("int16"), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (c == Byte.class) {
            return bounded(integer("int8"), Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        if (c == BigInteger.class) {
            return type("integer");
        }
        if (c == Double.class || c == Float.class || c == BigDecimal.class) {
            // BigDecimal: our JSON writer writes a plain number and the binder reads JSON
            // numbers exactly (as decimals), so a number it is; "decimal" tells clients not to
            // round it through a binary double. TYTX clients get "10.50::N" strings instead.
            Map<String, Object> s = type("number");
            s.put("format", c == Double.class ? "double" : c == Float.class ? "float" : "decimal");
            return s;
        }
        if (c == Boolean.class) {
            return type("boolean");
        }
        return text(c);
    }

    private static Map<String, Object> text(Class<?> c) {
        if (c == String.class) {
            return type("string");
        }
        if (c == Character.class) {
            Map<String, Object> s = formatted("char");
            s.put("minLength", 1);
            s.put("maxLength", 1);
            return s;
        }
        if (c == LocalDate.class) {
            return formatted("date");
        }
        if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class) {
            return formatted("date-time");
        }
        if (c == LocalDateTime.class || c == LocalTime.class) {
            Map<String, Object> s = type("string");
            s.put("pattern", c == LocalTime.class ? LOCAL_TIME : LOCAL_DATE_TIME);
            return s;
        }
        if (c == UUID.class) {
            return formatted("uuid");
        }
        // Object, an interface, a class we do not describe: any value
        return new LinkedHashMap<>();
    }

    private static Map<String, Object> type(String name) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", name);
        return s;
    }

    private static Map<String, Object> formatted(String format) {
        Map<String, Object> s = type("string");
        s.put("format", format);
        return s;
    }

    private static Map<String, Object> integer(String format) {
        Map<String, Object> s = type("integer");
        s.put("format", format);
        return s;
    }

    private static Map<String, Object> bounded(Map<String, Object> s, long min, long max) {
        s.put("minimum", min);
        s.put("maximum", max);
        return s;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return switch (c.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "char" -> Character.class;
            default -> Void.class;
        };
    }
}
