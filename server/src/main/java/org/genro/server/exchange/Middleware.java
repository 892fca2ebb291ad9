package org.genro.server.exchange;

/**
 * One layer of the request pipeline. It may answer by itself, change the exchange, or
 * call {@code next} and change the reply on the way out. Layers run in rank order,
 * lowest outermost; an instance serves every request concurrently, so it keeps no
 * per-request state in fields.
 */
@FunctionalInterface
public interface Middleware {
    /** Handles one exchange. */
    Reply handle(Exchange exchange, Next next) throws Exception;
}
