package org.genro.router.bind;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the coercion for a type, recursing through containers and records; scalar
 * types are delegated to {@link Scalars}. One instance builds one parameter's coercion
 * and remembers the records it is building, so a record that contains itself (a tree
 * node with children) gets a finite coercion. Element failures are re-thrown with
 * their position ({@code [2]}, {@code zip}) so the message points inside the argument.
 */
final class Structures {

    private final Map<Class<?>, Coercion> records = new HashMap<>();

    Coercion build(Type type) {
        return switch (type) {
            case Class<?> c when c == Object.class -> Coercion::decoded;
            case Class<?> c when c.isArray() -> array(c.getComponentType(), build(c.getComponentType()));
            case Class<?> c when c.isRecord() -> record(c);
            case Class<?> c when c.isEnum() -> Scalars.enumeration(c);
            case Class<?> c when c == List.class || c == Collection.class -> list(Coercion::decoded, false);
            case Class<?> c when c == Set.class -> list(Coercion::decoded, true);
            case Class<?> c when c == Map.class -> map(Coercion::decoded);
            case Class<?> c -> Scalars.scalar(c);
            case ParameterizedType p -> parameterized(p);
            case GenericArrayType g -> array(Coercion.erasure(g.getGenericComponentType()),
                    build(g.getGenericComponentType()));
            case WildcardType w -> build(w.getUpperBounds()[0]);
            case TypeVariable<?> v -> build(v.getBounds()[0]);
            default -> throw new IllegalArgumentException("unsupported parameter type " + type.getTypeName());
        };
    }

    private Coercion parameterized(ParameterizedType p) {
        Type raw = p.getRawType();
        Type[] args = p.getActualTypeArguments();
        if (raw == List.class || raw == Collection.class || raw == Iterable.class) {
            return list(build(args[0]), false);
        }
        if (raw == Set.class) {
            return list(build(args[0]), true);
        }
        if (raw == Map.class) {
            if (args[0] != String.class) {
                throw new IllegalArgumentException("map parameters need String keys: " + p.getTypeName());
            }
            return map(build(args[1]));
        }
        if (raw == Optional.class) {
            Coercion inner = build(args[0]);
            return value -> Optional.of(inner.apply(value));
        }
        return build(raw);
    }

    private static Coercion list(Coercion element, boolean unique) {
        return raw -> {
            List<?> items = items(raw);
            List<Object> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                out.add(element(element, items.get(i), i));
            }
            return unique ? Collections.unmodifiableSet(new LinkedHashSet<>(out)) : Collections.unmodifiableList(out);
        };
    }

    private static Coercion array(Class<?> component, Coercion element) {
        return raw -> {
            List<?> items = items(raw);
            Object array = Array.newInstance(component, items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, element(element, items.get(i), i));
            }
            return array;
        };
    }

    /**
     * The items of a list-like raw value: a JSON list, or a comma-separated string
     * (query strings carry one value per name), or a single scalar.
     */
    private static List<?> items(Object raw) {
        Object v = Coercion.decoded(raw);
        return switch (v) {
            case List<?> l -> l;
            case String s when s.isEmpty() -> List.of();
            case String s -> List.of(s.split(",", -1));
            case Map<?, ?> ignored -> throw new CoercionException("expected a list");
            default -> List.of(v);
        };
    }

    private static Object element(Coercion element, Object item, int index) {
        if (item == null) {
            throw new CoercionException("null item").under("[" + index + "]");
        }
        try {
            return element.apply(item);
        } catch (CoercionException e) {
            throw e.under("[" + index + "]");
        }
    }

    private static Coercion map(Coercion value) {
        return raw -> {
            if (!(Coercion.decoded(raw) instanceof Map<?, ?> in)) {
                throw new CoercionException("expected an object");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : in.entrySet()) {
                String key = String.valueOf(e.getKey());
                try {
                    out.put(key, e.getValue() == null ? null : value.apply(e.getValue()));
                } catch (CoercionException ce) {
                    throw ce.under(key);
                }
            }
            return Collections.unmodifiableMap(out);
        };
    }

    /** A record from a map, component by component; a missing component must be Optional. */
    private Coercion record(Class<?> type) {
        Coercion known = records.get(type);
        if (known != null) {
            return known;
        }
        RecordComponent[] components = type.getRecordComponents();
        MethodHandle constructor = canonical(type, components);
        Coercion[] coercions = new Coercion[components.length];
        // Registered before the components are built, so a self-reference finds it.
        Coercion self = raw -> construct(type, constructor, components, coercions, raw);
        records.put(type, self);
        for (int i = 0; i < components.length; i++) {
            coercions[i] = build(components[i].getGenericType());
        }
        return self;
    }

    private static Object construct(Class<?> type, MethodHandle constructor, RecordComponent[] components,
            Coercion[] coercions, Object raw) {
        if (!(Coercion.decoded(raw) instanceof Map<?, ?> in)) {
            throw new CoercionException("expected an object");
        }
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            Object v = in.get(name);
            if (v == null) {
                if (components[i].getType() != Optional.class) {
                    throw new CoercionException("missing").under(name);
                }
                args[i] = Optional.empty();
                continue;
            }
            try {
                args[i] = coercions[i].apply(v);
            } catch (CoercionException e) {
                throw e.under(name);
            }
        }
        try {
            return constructor.invokeWithArguments(args);
        } catch (RuntimeException e) {
            // A compact constructor may validate; report that as a bad value, not a crash.
            throw new CoercionException("rejected by " + type.getSimpleName());
        } catch (Throwable t) {
            throw new IllegalStateException("record constructor of " + type.getName() + " failed", t);
        }
    }

    private static MethodHandle canonical(Class<?> type, RecordComponent[] components) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            return Lookups.in(type).findConstructor(type, MethodType.methodType(void.class, types));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException("cannot construct record " + type.getName()
                    + ": make it public or open its package to org.genro.router", e);
        }
    }
}
