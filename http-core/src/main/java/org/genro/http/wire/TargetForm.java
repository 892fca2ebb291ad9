package org.genro.http.wire;

/** The four shapes of a request-target (RFC 9112 §3.2). */
public enum TargetForm {
    /** {@code /path?query}: the usual form. */
    ORIGIN,
    /** {@code http://host/path}: sent to proxies; servers must accept it too (RFC 9112 §3.2.2). */
    ABSOLUTE,
    /** {@code host:port}: CONNECT only. */
    AUTHORITY,
    /** {@code *}: server-wide OPTIONS only. */
    ASTERISK
}
