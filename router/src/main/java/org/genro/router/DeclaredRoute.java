package org.genro.router;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genro.router.bind.Coercion;

/**
 * What one {@code @Route} method of a class declares, computed once per class and
 * shared by every instance of it.
 *
 * @param name the entry name
 * @param method the method
 * @param invoker {@code (Object owner, Object[] args) -> Object}, looked up once
 * @param parameters the parameters with their coercions
 * @param mime declared mime type or ""
 * @param methods HTTP methods, empty for any
 * @param id endpoint id or ""
 * @param doc the doc text or ""
 * @param meta free metadata
 * @param settings per-plugin settings declared on the annotation (code to key to text)
 */
record DeclaredRoute(String name, Method method, Invoker invoker, List<ParameterSpec> parameters,
        String mime, Set<String> methods, String id, String doc, Map<String, String> meta,
        Map<String, Map<String, Object>> settings) {

    /**
     * One parameter with everything binding needs.
     *
     * @param parameter the public description
     * @param coercion converts one raw value to the parameter type
     * @param element for a varargs parameter, converts one path segment to the component type
     * @param component for a varargs parameter, the array component type
     * @param fallback the coerced {@link Default}, or null
     * @param optional whether the type is {@code Optional<T>}
     */
    record ParameterSpec(Parameter parameter, Coercion coercion, Coercion element, Class<?> component,
            Object fallback, boolean optional) {}

    /** How many path segments the handler can take before they count as "too many". */
    int positionalCapacity() {
        if (!parameters.isEmpty() && parameters.getLast().parameter().variadic()) {
            return Integer.MAX_VALUE;
        }
        return parameters.size();
    }

    /** The declared return type, for introspection. */
    Type returnType() {
        return method.getGenericReturnType();
    }
}
