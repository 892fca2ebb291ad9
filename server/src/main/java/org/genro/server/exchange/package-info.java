/**
 * One request as applications and middleware see it: the {@link org.genro.server.exchange.Exchange},
 * the {@link org.genro.server.exchange.Reply} that goes back, the refusals and errors that
 * become replies, and the middleware contract. Depends on the engine and the router only;
 * knows nothing of config files, app loading or the built-in middleware.
 */
package org.genro.server.exchange;
