package org.genro.http.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The request line's shortcuts (a target byte that needs nothing more than its class,
 * the common version compared as one word) must judge every byte as the grammar does:
 * every byte value in the path, in the query and at each position of the version.
 */
class RequestLineScanTest {
    private static final HeadParser PARSER = new HeadParser(8192, 100);
    /** RFC 3986's unreserved and sub-delims, and ':' '@' '/' '?', which a path or query may hold as they are. */
    private static final String TARGET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?";

    /** Path, query and version of the head with this request line, or the rule broken. */
    private static String outcome(String requestLine) {
        byte[] head = (requestLine + "\r\nHost: a\r\n\r\n").getBytes(ISO_8859_1);
        try {
            RequestHead h = PARSER.parse(head, 0, head.length);
            return h.path() + " " + h.query() + " " + h.version();
        } catch (ProtocolException e) {
            return e.violation().name();
        }
    }

    @Test
    void everyByteInThePathOrQueryIsJudgedAsTheGrammarSays() {
        for (int v = 0; v < 256; v++) {
            char c = (char) v;
            for (boolean inQuery : new boolean[] {false, true}) {
                // before and after the byte: "x?" and "q=1", neither of them two hex digits
                String before = inQuery ? "/x?q=" : "/";
                String after = inQuery ? "1x" : "x?q=1";
                String target = before + c + after;
                String want;
                if (TARGET.indexOf(c) >= 0) {
                    int q = target.indexOf('?');
                    want = target.substring(0, q) + " " + target.substring(q + 1) + " 11";
                } else if (c == '[' || c == ']') {
                    want = inQuery ? "/x q=" + c + after + " 11" : Violation.TARGET_INVALID.name();
                } else if (c == '#') {
                    want = Violation.TARGET_FRAGMENT.name();
                } else if (c == ' ') {
                    want = Violation.VERSION_MALFORMED.name(); // the rest is read as the version
                } else if (c == '\r' || c == '\n') {
                    want = Violation.REQUEST_LINE_MALFORMED.name();
                } else {
                    want = Violation.TARGET_INVALID.name(); // '%' not followed by two hex digits among them
                }
                assertEquals(want, outcome("GET " + target + " HTTP/1.1"), "byte " + v + (inQuery ? " in the query" : " in the path"));
            }
        }
        assertEquals("/a%41 b%2f 11", outcome("GET /a%41?b%2f HTTP/1.1"), "percent-encodings are fine");
    }

    @Test
    void everyByteAtEachPositionOfTheVersionIsJudgedAsTheGrammarSays() {
        String version = "HTTP/1.1";
        for (int at = 0; at < version.length(); at++) {
            for (int v = 0; v < 256; v++) {
                char c = (char) v;
                String sent = version.substring(0, at) + c + version.substring(at + 1);
                boolean digit = c >= '0' && c <= '9';
                String want;
                if (at == 5 || at == 7) {
                    want = !digit ? Violation.VERSION_MALFORMED.name()
                            : at == 5 && c != '1' ? Violation.VERSION_UNSUPPORTED.name()
                            : "/ x " + (at == 7 && c == '0' ? 10 : 11);
                } else {
                    want = c == version.charAt(at) ? "/ x 11" : Violation.VERSION_MALFORMED.name();
                }
                assertEquals(want, outcome("GET /?x " + sent), "byte " + v + " at " + at + " of the version");
            }
        }
    }
}
