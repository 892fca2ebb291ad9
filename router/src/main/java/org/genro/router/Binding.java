package org.genro.router;

import java.util.Arrays;

/**
 * Arguments bound for a call, or the reason they could not be: the value form of
 * {@link ValidationException}.
 */
public sealed interface Binding {

    /**
     * Arguments ready for the handler.
     *
     * @param entry the entry to call
     * @param arguments coerced arguments in parameter order
     */
    record Bound(Entry entry, Object[] arguments) implements Binding {

        /**
         * Calls the handler through the entry's plugin pipeline.
         *
         * @return the handler's result
         * @throws Exception whatever the handler throws
         */
        public Object invoke() throws Exception {
            return entry.call(arguments.clone());
        }

        @Override
        public String toString() {
            return "Bound[" + entry.path() + " " + Arrays.toString(arguments) + "]";
        }
    }

    /**
     * A missing or mistyped argument (HTTP 400).
     *
     * @param parameter the parameter at fault, e.g. {@code limit} or {@code address.zip}
     * @param reason what was expected
     */
    record Invalid(String parameter, String reason) implements Binding {}
}
