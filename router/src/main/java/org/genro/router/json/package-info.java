/**
 * A small strict JSON reader (RFC 8259) for {@code ::JS} argument values, so the router
 * needs no JSON library. Reads text into plain maps, lists, strings, numbers and
 * booleans; does not write JSON and does not bind to classes.
 */
package org.genro.router.json;
