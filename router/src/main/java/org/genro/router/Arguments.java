package org.genro.router;

import java.lang.reflect.Array;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genro.router.DeclaredRoute.ParameterSpec;
import org.genro.router.bind.CoercionException;

/**
 * Binds request values to a handler's parameters: path segments first, then the query
 * value, then the body value of the same name. Runs per call, so it only looks up and
 * coerces; everything about the parameters was prepared at registration.
 */
final class Arguments {
    private static final Object[] NO_ARGUMENTS = {};

    private Arguments() {
    }

    static Object[] bind(Entry entry, DeclaredRoute declared, Map<String, String> query, Map<String, Object> body,
            List<String> positional) {
        List<ParameterSpec> params = declared.parameters();
        List<String> segments = positional == null ? List.of() : positional;
        if (segments.size() > declared.positionalCapacity()) {
            throw new IllegalArgumentException(entry.path() + " takes at most " + declared.positionalCapacity()
                    + " path segments, got " + segments.size());
        }
        // a handler without parameters shares one empty array: no plugin can write into it
        Object[] args = params.isEmpty() ? NO_ARGUMENTS : new Object[params.size()];
        int next = 0;
        for (int i = 0; i < args.length; i++) {
            ParameterSpec p = params.get(i);
            String name = p.parameter().name();
            try {
                if (p.parameter().variadic() && next < segments.size()) {
                    args[i] = rest(p, segments, next);
                    next = segments.size();
                } else if (next < segments.size()) {
                    args[i] = p.coercion().apply(segments.get(next++));
                } else {
                    args[i] = named(p, name, query, body);
                }
            } catch (CoercionException e) {
                throw new ValidationException(entry.path(), e.path().isEmpty() ? name : join(name, e.path()),
                        e.reason());
            }
            if (args[i] == null) {
                throw new ValidationException(entry.path(), name, "missing");
            }
        }
        return args;
    }

    private static Object rest(ParameterSpec p, List<String> segments, int from) {
        Object array = Array.newInstance(p.component(), segments.size() - from);
        for (int k = from; k < segments.size(); k++) {
            try {
                Array.set(array, k - from, p.element().apply(segments.get(k)));
            } catch (CoercionException e) {
                throw e.under("[" + (k - from) + "]");
            }
        }
        return array;
    }

    /** The query value, else the body value, else the default; null when none applies. */
    private static Object named(ParameterSpec p, String name, Map<String, String> query, Map<String, Object> body) {
        Object raw = query == null ? null : query.get(name);
        if (raw == null && body != null) {
            raw = body.get(name);
        }
        if (raw != null) {
            return p.coercion().apply(raw);
        }
        if (p.fallback() != null) {
            return p.fallback();
        }
        if (p.optional()) {
            return Optional.empty();
        }
        if (p.parameter().variadic()) {
            return Array.newInstance(p.component(), 0);
        }
        return null;
    }

    private static String join(String name, String path) {
        return path.startsWith("[") ? name + path : name + "." + path;
    }
}
