package org.genro.http.wire;

/**
 * A parsed and validated request head: request line, header fields and the framing
 * decisions derived from them. Immutable once built, except that the field arrays are
 * handed over to the request's {@code Headers} and never written again.
 *
 * @param method         the method token; known methods are shared constants
 * @param target         the request-target exactly as sent
 * @param version        11 for HTTP/1.1 (and 1.x above it), 10 for HTTP/1.0
 * @param form           which request-target form was used
 * @param path           the path part of the target, still percent-encoded ("" for
 *                       authority-form, "*" for asterisk-form)
 * @param query          the query without '?', still percent-encoded, or ""
 * @param authority      the authority from an absolute- or authority-form target,
 *                       else the Host value (may be "")
 * @param names          field names as sent (known names are shared constants)
 * @param values         field values, surrounding whitespace removed
 * @param fieldCount     how many entries of {@code names}/{@code values} are used
 * @param contentLength  the body length from Content-Length, or -1 when absent
 * @param chunked        whether the body is chunked
 * @param keepAlive      whether the client allows the connection to stay open
 * @param expectContinue whether the client waits for 100 Continue before the body
 * @param upgrade        the Upgrade value when Connection names upgrade, else null
 */
public record RequestHead(
        String method,
        String target,
        int version,
        TargetForm form,
        String path,
        String query,
        String authority,
        String[] names,
        String[] values,
        int fieldCount,
        long contentLength,
        boolean chunked,
        boolean keepAlive,
        boolean expectContinue,
        String upgrade) {

    /** Whether a body follows the head. */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }
}
