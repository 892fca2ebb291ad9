package org.genro.http.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts a complete field line takes (a known name matched a word at a time, a
 * value checked a word at a time up to the CRLF) must give exactly what the byte loops
 * give: the same name, the same value, or the same rejection, for every byte value at
 * every position.
 */
class FieldLineScanTest {
    private static final HeadParser PARSER = new HeadParser(8192, 100);
    private static final byte[] NEIGHBOURS = {'a', ' ', '\t', 0x00, 0x01, 0x0A, 0x0D, 0x1F, 0x20, 0x21,
        0x7E, 0x7F, (byte) 0x80, (byte) 0xFF};

    private static boolean plain(byte c) {
        int v = c & 0xff;
        return v >= 0x20 && v != 0x7f;
    }

    /**
     * The field's name and value, or the rule broken, as one string to compare; the same
     * whether its lines are read in one pass where they can be or each found and then parsed.
     */
    private static String outcome(String name, byte[] value) {
        byte[] start = ("GET / HTTP/1.1\r\nHost: x\r\n" + name + ": ").getBytes(ISO_8859_1);
        byte[] end = "\r\n\r\n".getBytes(ISO_8859_1);
        byte[] head = Arrays.copyOf(start, start.length + value.length + end.length);
        System.arraycopy(value, 0, head, start.length, value.length);
        System.arraycopy(end, 0, head, start.length + value.length, end.length);
        String onePass;
        try {
            RequestHead h = PARSER.parse(head, 0, head.length);
            onePass = h.name(1) + "=" + h.value(1);
        } catch (ProtocolException e) {
            onePass = e.violation().name();
        }
        String longWay = longWay(head);
        if (!onePass.equals(longWay)) {
            fail(onePass + " in one pass, " + longWay + " the long way, for " + Arrays.toString(head));
        }
        return onePass;
    }

    /** What the head gives when each line's end is found first and the line then parsed, no line read in one pass. */
    private static String longWay(byte[] head) {
        PartialHead p = PARSER.partial();
        try {
            for (int i = 0; i < head.length; ) {
                int lf = Chars.indexOfLf(head, i, head.length);
                int end = lf < 0 ? head.length : lf + 1;
                if (p.line(head, 0, i, end)) {
                    if (end != head.length) {
                        return Violation.REQUEST_LINE_MALFORMED.name(); // as parse does: lines after the end
                    }
                    RequestHead h = p.finish(head, 0);
                    return h.name(1) + "=" + h.value(1);
                }
                i = end;
            }
            return Violation.REQUEST_LINE_MALFORMED.name(); // as parse does: no empty line
        } catch (ProtocolException e) {
            return e.violation().name();
        }
    }

    /**
     * The one pass must take the lines it is meant for: each field line of a browser's
     * head, whatever its alignment, ends where its LF is, and with the head cut short
     * anywhere before that LF it takes nothing and leaves the line to the long way.
     */
    @Test
    void eachPlainFieldLineIsReadInOnePassOnlyOnceItsCrlfIsThere() throws ProtocolException {
        String text = "GET / HTTP/1.1\r\nHost: www.example.com\r\nsec-ch-ua: \"Chromium\";v=\"142\"\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/142.0.0.0\r\nX-Unknown-Name: 1\r\n"
                + "X-Empty:\r\nAccept:  */*  \r\nX-High: caf\u00e9\r\n\r\n";
        for (int shift = 0; shift < 8; shift++) {
            byte[] head = (".".repeat(shift) + text).getBytes(ISO_8859_1);
            PartialHead p = PARSER.partial();
            int requestLineEnd = Chars.indexOfLf(head, shift, head.length) + 1;
            assertEquals(-1, p.plainLine(head, shift, shift, head.length), "the request line is never taken");
            assertEquals(false, p.line(head, shift, shift, requestLineEnd));
            int fields = 0;
            for (int i = requestLineEnd; head[i] != '\r'; ) {
                int lineEnd = Chars.indexOfLf(head, i, head.length) + 1;
                for (int cut = i; cut < lineEnd; cut++) {
                    assertEquals(-1, p.plainLine(head, shift, i, cut), "cut at " + (cut - i) + " of line " + fields);
                }
                assertEquals(lineEnd, p.plainLine(head, shift, i, lineEnd), "line " + fields + ", shift " + shift);
                fields++;
                i = lineEnd;
            }
            assertEquals(-1, p.plainLine(head, shift, head.length - 2, head.length), "the empty line is never taken");
            assertEquals(true, p.line(head, shift, head.length - 2, head.length));
            RequestHead h = p.finish(head, shift);
            assertEquals(fields, h.fieldCount(), "each line handed on once");
            assertEquals("Mozilla/5.0 (X11; Linux x86_64) Chrome/142.0.0.0", h.value(2));
            assertEquals("X-Unknown-Name", h.name(3));
            assertEquals("", h.value(4));
            assertEquals("*/*", h.value(5));
            assertEquals("caf\u00e9", h.value(6));
        }
    }

    /** What the byte loops decide for the value {@code v}: the first byte that is refused decides. */
    private static String expected(String name, byte[] v) {
        for (byte c : v) {
            if (c == '\r') {
                return Violation.BARE_CR.name();
            }
            if (c == '\n') {
                return Violation.BARE_LF.name();
            }
            if (!plain(c) && c != '\t') {
                return Violation.FIELD_VALUE_INVALID.name();
            }
        }
        String s = new String(v, ISO_8859_1).replaceAll("^[ \t]+|[ \t]+$", "");
        return name + "=" + s;
    }

    @Test
    void wholeLineValueCheckFindsEveryByteTheLoopWould() {
        for (int length = 1; length <= 19; length++) {
            for (int at = 0; at < length; at++) {
                for (int v = 0; v < 256; v++) {
                    byte[] value = new byte[length];
                    Arrays.fill(value, (byte) 'v');
                    value[at] = (byte) v;
                    assertEquals(expected("X-V", value), outcome("X-V", value),
                            "byte " + v + " at " + at + " of " + length);
                }
            }
        }
    }

    @Test
    void aKnownNameWithAnyByteChangedIsMatchedOnlyWhenOnlyItsCaseChanged() {
        for (String known : FieldNames.all()) {
            for (int at = 0; at < known.length(); at++) {
                for (int v = 0; v < 256; v++) {
                    byte[] name = known.getBytes(ISO_8859_1);
                    name[at] = (byte) v;
                    byte[] line = Arrays.copyOf(name, name.length + 4);
                    line[name.length] = ':';
                    line[name.length + 1] = ' ';
                    line[name.length + 2] = 'x';
                    String spelled = new String(name, ISO_8859_1);
                    String got = FieldNames.known(line, 0, name.length);
                    boolean same = spelled.equalsIgnoreCase(known) && (v < 0x80)
                            && spelled.toLowerCase(Locale.ROOT).equals(known.toLowerCase(Locale.ROOT));
                    String where = known + ": byte " + v + " at " + at;
                    if (same) {
                        assertSame(known, got, where);
                    } else if (got != null) {
                        // another known name, one byte apart (none are now, but it would be right)
                        assertEquals(got.toLowerCase(Locale.ROOT), spelled.toLowerCase(Locale.ROOT), where);
                    }
                }
            }
        }
    }

    @Test
    void aKnownNameIsFoundAtEveryOffsetAndRightAtTheEndOfTheArray() {
        for (String known : FieldNames.all()) {
            for (String spelled : new String[] {known, known.toUpperCase(Locale.ROOT), known.toLowerCase(Locale.ROOT)}) {
                for (int offset = 0; offset < 9; offset++) {
                    byte[] b = new byte[offset + spelled.length()]; // nothing after the name
                    Arrays.fill(b, (byte) ':');
                    System.arraycopy(spelled.getBytes(ISO_8859_1), 0, b, offset, spelled.length());
                    assertSame(known, FieldNames.known(b, offset, b.length), spelled + " at " + offset);
                    if (spelled.length() > 1) {
                        assertEquals(null, FieldNames.known(b, offset, b.length - 1), "a prefix of " + spelled);
                    }
                }
            }
        }
    }

    /** Through the whole parser: a name one byte off a known one is what the byte loop makes of it. */
    @Test
    void aFieldNameWithAnyByteChangedParsesAsTheByteLoopWould() {
        for (String known : new String[] {"TE", "Cookie", "Accept", "Sec-Fetch-Mode", "Upgrade-Insecure-Requests"}) {
            for (int at = 0; at < known.length(); at++) {
                for (int v = 0; v < 256; v++) {
                    char[] chars = known.toCharArray();
                    chars[at] = (char) v;
                    String name = new String(chars);
                    assertEquals(byteLoop(name), outcome(name, "x".getBytes(ISO_8859_1)),
                            "byte " + v + " at " + at + " of " + known);
                }
            }
        }
    }

    /** What the byte loop over the name decides for the line {@code name ": x"}. */
    private static String byteLoop(String name) {
        int bad = 0;
        while (bad < name.length() && Chars.isTchar(name.charAt(bad))) {
            bad++;
        }
        if (bad == name.length()) {
            return constantOr(name) + "=x";
        }
        char c = name.charAt(bad);
        if (bad == 0 && (c == '\r' || c == '\n')) { // a line that starts as the empty line would
            return c == '\r' ? Violation.BARE_CR.name() : Violation.BARE_LF.name();
        }
        if (c == ' ' || c == '\t') {
            return bad == 0 ? Violation.OBS_FOLD.name() : Violation.SPACE_BEFORE_COLON.name();
        }
        if (c == ':' && bad > 0) {
            return constantOr(name.substring(0, bad)) + "=" + (name.substring(bad + 1) + ": x").strip();
        }
        return Violation.FIELD_NAME_INVALID.name();
    }

    private static String constantOr(String name) {
        return FieldNames.all().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
    }
}
