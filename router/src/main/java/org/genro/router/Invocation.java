package org.genro.router;

import java.util.Arrays;

/**
 * One call of an entry's handler, as seen by the plugins that wrap it.
 *
 * @param entry the entry being called
 * @param arguments the bound, coerced arguments in parameter order; plugins may read
 *     them, and must not resize the array
 */
public record Invocation(Entry entry, Object[] arguments) {

    @Override
    public String toString() {
        return "Invocation[" + entry.path() + " " + Arrays.toString(arguments) + "]";
    }
}
