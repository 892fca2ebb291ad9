package org.genro.router;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * A route method as {@code (Object owner, Object[] args) -> Object}, shared by every instance
 * of its class. The method handle is looked up (and its access checked) when the class is
 * scanned; the adapter that unboxes, spreads and turns void into null is built at the first
 * call. Each distinct signature makes the JDK generate code for that adapter: on a cold start
 * that was about a quarter of the scan's time (30-40 ms of the main thread for the hello
 * sample), for routes mostly never called before the port opens (the server's own pages).
 */
final class Invoker {
    private final MethodHandle direct;
    // Racy single check: threads that meet a null each build an equivalent adapter, and a
    // MethodHandle is immutable, so whichever one a thread reads is complete.
    private MethodHandle spread;

    /** @param direct the unreflected method, fixed arity, receiver first */
    Invoker(MethodHandle direct) {
        this.direct = direct;
    }

    /** Calls the method on {@code owner} with {@code args}, one per parameter. */
    Object invoke(Object owner, Object[] args) throws Throwable {
        MethodHandle h = spread;
        if (h == null) {
            int n = direct.type().parameterCount() - 1;
            h = direct.asType(MethodType.genericMethodType(n + 1)).asSpreader(1, Object[].class, n);
            spread = h;
        }
        return (Object) h.invokeExact(owner, args);
    }
}
