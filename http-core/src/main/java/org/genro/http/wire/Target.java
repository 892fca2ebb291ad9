package org.genro.http.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

/**
 * Splits a request-target into form, path, query and authority, and checks that the
 * form fits the method (RFC 9112 §3.2). Characters were checked while the request
 * line was read; this class checks structure.
 */
record Target(TargetForm form, String path, String query, String authority, String raw) {

    /** A target whose raw text the head need not keep (see {@code raw} below). */
    Target(TargetForm form, String path, String query, String authority) {
        this(form, path, query, authority, null);
    }

    /**
     * The request-target in {@code b[from, to)}, whose characters the request line already
     * checked. The origin form, nearly every request's, is read straight from the bytes and
     * its {@code raw} stays null: the target is its path and query again, made only if
     * asked for. The other forms go through the whole target as a String, kept as
     * {@code raw}.
     */
    static Target of(String method, byte[] b, int from, int to) throws ProtocolException {
        if (b[from] == '/' && method != Methods.CONNECT) {
            return origin(b, from, to);
        }
        String raw = new String(b, from, to - from, ISO_8859_1);
        Target t = of(method, raw);
        return new Target(t.form, t.path, t.query, t.authority, raw);
    }

    static Target of(String method, String target) throws ProtocolException {
        char first = target.charAt(0);
        if (method == Methods.CONNECT) {
            if (first == '/' || target.contains("/")) {
                throw new ProtocolException(Violation.TARGET_FORM);
            }
            checkAuthority(target, true);
            return new Target(TargetForm.AUTHORITY, "", "", target);
        }
        if (first == '/') {
            return originForm(target, 0, TargetForm.ORIGIN, null);
        }
        if (target.equals("*")) {
            // asterisk-form is only for a server-wide OPTIONS (RFC 9112 §3.2.4)
            if (method != Methods.OPTIONS) {
                throw new ProtocolException(Violation.TARGET_FORM);
            }
            return new Target(TargetForm.ASTERISK, "*", "", null);
        }
        return absoluteForm(target);
    }

    /** {@code scheme "://" authority path-abempty ["?" query]} for http and https only. */
    private static Target absoluteForm(String target) throws ProtocolException {
        int sep = target.indexOf("://");
        String scheme = sep < 0 ? "" : target.substring(0, sep);
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            throw new ProtocolException(Violation.TARGET_FORM);
        }
        int start = sep + 3;
        int end = start;
        while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') {
            end++;
        }
        String authority = target.substring(start, end);
        checkAuthority(authority, false);
        if (authority.isEmpty()) {
            throw new ProtocolException(Violation.TARGET_FORM);
        }
        if (end == target.length() || target.charAt(end) == '?') {
            Target rest = originForm("/" + target.substring(end), 0, TargetForm.ABSOLUTE, authority);
            return rest;
        }
        return originForm(target, end, TargetForm.ABSOLUTE, authority);
    }

    /**
     * An origin-form target ({@code b[from]} is '/') read straight from the request line's
     * bytes, already checked character by character: path and query become Strings, the
     * target itself is not made unless asked for.
     */
    private static Target origin(byte[] b, int from, int to) throws ProtocolException {
        int pathEnd = from;
        while (pathEnd < to && b[pathEnd] != '?') {
            if (b[pathEnd] == '[' || b[pathEnd] == ']') {
                throw new ProtocolException(Violation.TARGET_INVALID); // as in originForm below
            }
            pathEnd++;
        }
        String path = new String(b, from, pathEnd - from, ISO_8859_1);
        String query = pathEnd == to ? "" : new String(b, pathEnd + 1, to - pathEnd - 1, ISO_8859_1);
        return new Target(TargetForm.ORIGIN, path, query, null);
    }

    private static Target originForm(String target, int from, TargetForm form, String authority)
            throws ProtocolException {
        int q = target.indexOf('?', from);
        int pathEnd = q < 0 ? target.length() : q;
        for (int i = from; i < pathEnd; i++) {
            char c = target.charAt(i);
            if (c == '[' || c == ']') {
                // gen-delims may not appear raw in a path (RFC 3986 §3.3); queries are
                // left lenient because form libraries send a[]=1 unencoded
                throw new ProtocolException(Violation.TARGET_INVALID);
            }
        }
        String path = from == 0 && q < 0 ? target : target.substring(from, pathEnd);
        String query = q < 0 ? "" : target.substring(q + 1);
        return new Target(form, path, query, authority);
    }

    /** host [":" port], no userinfo; {@code portRequired} for CONNECT. */
    static void checkAuthority(String a, boolean portRequired) throws ProtocolException {
        if (a.indexOf('@') >= 0) {
            throw new ProtocolException(Violation.TARGET_USERINFO);
        }
        if (!Authority.valid(a, portRequired)) {
            throw new ProtocolException(portRequired ? Violation.TARGET_FORM : Violation.TARGET_INVALID);
        }
    }
}
