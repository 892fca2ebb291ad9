package org.genro.router;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.genro.router.DeclaredRoute.ParameterSpec;
import org.genro.router.bind.Coercion;
import org.genro.router.bind.Lookups;

/**
 * Scans a routing class for {@link Route} methods once per class ({@link ClassValue}),
 * looking up method handles and preparing parameter coercions, so that building an
 * instance's router costs no reflection and a request none at all (a route's first call
 * adapts its handle once, see {@link Invoker}).
 */
final class RouteTable {

    private static final ClassValue<List<DeclaredRoute>> TABLES = new ClassValue<>() {
        @Override
        protected List<DeclaredRoute> computeValue(Class<?> type) {
            return scan(type);
        }
    };

    private RouteTable() {
    }

    /**
     * The routes a class declares, sorted by entry name.
     *
     * @throws IllegalArgumentException when a declaration is invalid (named in the message)
     */
    static List<DeclaredRoute> of(Class<?> type) {
        return TABLES.get(type);
    }

    private static List<DeclaredRoute> scan(Class<?> type) {
        Map<String, DeclaredRoute> byName = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = type; c != null && c != RoutingClass.class && c != Object.class; c = c.getSuperclass()) {
            Method[] methods = c.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount));
            for (Method m : methods) {
                if (m.isSynthetic() || m.isBridge()) {
                    continue;
                }
                // The most-derived declaration wins even without @Route: overriding a
                // routed method without the annotation withdraws the route.
                if (!seen.add(m.getName() + Arrays.toString(m.getParameterTypes()))) {
                    continue;
                }
                Route route = m.getAnnotation(Route.class);
                if (route != null) {
                    DeclaredRoute declared = declare(m, route);
                    DeclaredRoute clash = byName.putIfAbsent(declared.name(), declared);
                    if (clash != null) {
                        throw new IllegalArgumentException("entry name '" + declared.name() + "' is declared by both "
                                + describe(clash.method()) + " and " + describe(m));
                    }
                }
            }
        }
        return List.copyOf(byName.values());
    }

    private static DeclaredRoute declare(Method m, Route route) {
        String where = describe(m);
        if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) {
            throw new IllegalArgumentException("@Route method " + where + " must be public and not static");
        }
        String name = Names.check("entry", route.name().isEmpty() ? m.getName() : route.name());
        if (!route.id().isEmpty()) {
            Names.check("endpoint id", route.id());
        }
        List<ParameterSpec> params = new ArrayList<>();
        java.lang.reflect.Parameter[] ps = m.getParameters();
        for (int i = 0; i < ps.length; i++) {
            params.add(parameter(where, ps[i], m.isVarArgs() && i == ps.length - 1));
        }
        Set<String> methods = new LinkedHashSet<>();
        for (String method : route.methods()) {
            methods.add(method.strip().toUpperCase(Locale.ROOT));
        }
        return new DeclaredRoute(name, m, invoker(m), List.copyOf(params), route.mime(), Set.copyOf(methods),
                route.id(), route.doc().strip(), pairs(where, route.meta()), settings(where, route));
    }

    private static ParameterSpec parameter(String where, java.lang.reflect.Parameter p, boolean variadic) {
        if (!p.isNamePresent()) {
            throw new IllegalArgumentException("parameter names of " + where
                    + " are not available: compile with -parameters");
        }
        String name = p.getName();
        Coercion coercion;
        Coercion element = null;
        Class<?> component = null;
        try {
            coercion = Coercion.to(p.getParameterizedType());
            if (variadic) {
                component = p.getType().getComponentType();
                element = Coercion.to(component);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "' of " + where + ": " + e.getMessage(), e);
        }
        boolean optional = p.getType() == Optional.class;
        Default def = p.getAnnotation(Default.class);
        Object fallback = null;
        if (def != null) {
            try {
                fallback = coercion.apply(def.value());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("@Default of parameter '" + name + "' of " + where
                        + ": " + e.getMessage(), e);
            }
        }
        boolean required = !optional && def == null && !variadic;
        Parameter visible = new Parameter(name, p.getParameterizedType(), required,
                def == null ? null : def.value(), variadic);
        return new ParameterSpec(visible, coercion, element, component, fallback, optional);
    }

    /**
     * The method's handle, looked up here so that a method the router may not call fails at
     * the scan; the adapter to {@code (Object owner, Object[] args) -> Object} (unboxing,
     * void-to-null, spreading) is built once, at the first call (see {@link Invoker}).
     */
    private static Invoker invoker(Method m) {
        try {
            return new Invoker(Lookups.in(m.getDeclaringClass()).unreflect(m).asFixedArity());
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot access " + describe(m)
                    + ": make the class public or open its package to org.genro.router", e);
        }
    }

    private static Map<String, String> pairs(String where, String[] items) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("@Route meta of " + where + ": expected key=value, got '" + item + "'");
            }
            out.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
        }
        return Collections.unmodifiableMap(out);
    }

    /** The plugin shorthands plus {@code config = "plugin.key=value"} items. */
    private static Map<String, Map<String, Object>> settings(String where, Route route) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (!route.auth().isBlank()) {
            out.computeIfAbsent("auth", k -> new LinkedHashMap<>()).put("rule", route.auth());
        }
        if (!route.env().isBlank()) {
            out.computeIfAbsent("env", k -> new LinkedHashMap<>()).put("requires", route.env());
        }
        if (!route.channel().isBlank()) {
            out.computeIfAbsent("channel", k -> new LinkedHashMap<>()).put("channels", route.channel());
        }
        for (String item : route.config()) {
            int dot = item.indexOf('.');
            int eq = item.indexOf('=');
            if (dot <= 0 || eq < dot + 2) {
                throw new IllegalArgumentException("@Route config of " + where
                        + ": expected plugin.key=value, got '" + item + "'");
            }
            out.computeIfAbsent(item.substring(0, dot).strip(), k -> new LinkedHashMap<>())
                    .put(item.substring(dot + 1, eq).strip(), item.substring(eq + 1).strip());
        }
        Map<String, Map<String, Object>> frozen = new LinkedHashMap<>();
        out.forEach((code, values) -> frozen.put(code, Collections.unmodifiableMap(values)));
        return Collections.unmodifiableMap(frozen);
    }

    static String describe(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName() + "()";
    }
}
