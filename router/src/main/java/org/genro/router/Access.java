package org.genro.router;

/**
 * A plugin's verdict on whether a caller may reach an entry. The first plugin (in plug
 * order) that does not allow decides the {@link Resolution}.
 */
public enum Access {
    /** Nothing against it. */
    ALLOWED,
    /** The entry needs credentials and the caller has none (HTTP 401). */
    NOT_AUTHENTICATED,
    /** The caller's credentials lack what the entry needs (HTTP 403). */
    NOT_AUTHORIZED,
    /** The entry exists but not here: missing capability or closed channel (HTTP 503). */
    NOT_AVAILABLE
}
