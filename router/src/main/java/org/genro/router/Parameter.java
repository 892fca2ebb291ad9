package org.genro.router;

import java.lang.reflect.Type;

/**
 * A handler parameter as the outside world sees it (explorer, OpenAPI).
 *
 * @param name the name arguments bind by
 * @param type the declared generic type
 * @param required whether a call without it fails validation
 * @param defaultValue the {@link Default} text, or null
 * @param variadic whether it is the trailing varargs parameter that takes the path
 *     segments left after the named ones
 */
public record Parameter(String name, Type type, boolean required, String defaultValue, boolean variadic) {

    /**
     * The type as readable text, e.g. {@code java.util.List<java.lang.String>}.
     *
     * @return the type name
     */
    public String typeName() {
        return type.getTypeName();
    }
}
