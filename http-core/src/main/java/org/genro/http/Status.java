package org.genro.http;

/**
 * The status codes of HTTP and their reason phrases: the one table the engine writes its
 * status lines from and the application server names its answers with. Codes without a
 * registered phrase get the name of their class ("Client Error"), which is what a reason
 * phrase is for: a human hint, never parsed (RFC 9112 §4).
 */
public final class Status {
    private static final String[] REASONS = new String[600];

    static {
        String[][] known = {
            {"100", "Continue"}, {"101", "Switching Protocols"}, {"103", "Early Hints"},
            {"200", "OK"}, {"201", "Created"}, {"202", "Accepted"}, {"203", "Non-Authoritative Information"},
            {"204", "No Content"}, {"205", "Reset Content"}, {"206", "Partial Content"},
            {"300", "Multiple Choices"}, {"301", "Moved Permanently"}, {"302", "Found"}, {"303", "See Other"},
            {"304", "Not Modified"}, {"307", "Temporary Redirect"}, {"308", "Permanent Redirect"},
            {"400", "Bad Request"}, {"401", "Unauthorized"}, {"403", "Forbidden"}, {"404", "Not Found"},
            {"405", "Method Not Allowed"}, {"406", "Not Acceptable"}, {"408", "Request Timeout"},
            {"409", "Conflict"}, {"410", "Gone"}, {"411", "Length Required"}, {"412", "Precondition Failed"},
            {"413", "Content Too Large"}, {"414", "URI Too Long"}, {"415", "Unsupported Media Type"},
            {"416", "Range Not Satisfiable"}, {"417", "Expectation Failed"}, {"421", "Misdirected Request"},
            {"422", "Unprocessable Content"}, {"426", "Upgrade Required"}, {"428", "Precondition Required"},
            {"429", "Too Many Requests"}, {"431", "Request Header Fields Too Large"},
            {"500", "Internal Server Error"}, {"501", "Not Implemented"}, {"502", "Bad Gateway"},
            {"503", "Service Unavailable"}, {"504", "Gateway Timeout"}, {"505", "HTTP Version Not Supported"},
        };
        for (String[] k : known) {
            REASONS[Integer.parseInt(k[0])] = k[1];
        }
        String[] classes = {"Informational", "Success", "Redirection", "Client Error", "Server Error"};
        for (int code = 100; code < 600; code++) {
            if (REASONS[code] == null) {
                REASONS[code] = classes[code / 100 - 1];
            }
        }
    }

    private Status() {
    }

    /**
     * The reason phrase for {@code code}, e.g. {@code "Not Found"} for 404.
     *
     * @throws IllegalArgumentException when {@code code} is outside 100-599
     */
    public static String reason(int code) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("status must be 100-599, got " + code);
        }
        return REASONS[code];
    }
}
