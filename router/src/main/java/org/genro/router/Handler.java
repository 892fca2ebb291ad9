package org.genro.router;

/**
 * One layer of an entry's call pipeline: the handler method itself at the bottom, a
 * plugin's {@link Plugin#around} above it.
 */
@FunctionalInterface
public interface Handler {

    /**
     * Runs the call.
     *
     * @param invocation the entry and its bound arguments
     * @return the handler's result ({@code null} for void methods)
     * @throws Exception whatever the handler method throws
     */
    Object call(Invocation invocation) throws Exception;
}
