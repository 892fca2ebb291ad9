/**
 * Turns raw argument values (path segments, query strings, JSON-like body values) into
 * the Java types handler parameters declare, including TYTX-suffixed strings. Owns no
 * routing and no parameter names: callers attach the name to the error.
 */
package org.genro.router.bind;
