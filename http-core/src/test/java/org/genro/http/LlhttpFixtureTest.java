package org.genro.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the 165 llhttp request fixtures (src/test/resources/llhttp, MIT) through
 * the connection's request reader: whole, split in two at every offset, and one byte
 * at a time. Every delivery must give the same verdict.
 *
 * <p>Expectations follow the data set's own guide: a fixture that llhttp accepts only
 * with a lenient flag must be rejected; an {@code rfc9112} note saying reject (or
 * may-reject: we always take the strict side) must be rejected with its status; else
 * llhttp's messages must come out exactly. Most fixtures omit Host, which RFC 9112
 * §3.2 requires; for those we insert {@code Host: h} after each request line so the
 * rest of the fixture is still tested, and the Host rule has tests of its own.
 */
class LlhttpFixtureTest {

    /** What a fixture must produce. */
    enum Verdict { MESSAGES, REJECT, FIRST_THEN_CLOSE, PREFIX }

    record Fixture(String id, byte[] raw, Verdict verdict, int status, List<Map<String, Object>> messages,
                   boolean incomplete, boolean hostInjected) {
        @Override
        public String toString() {
            return id;
        }
    }

    static Stream<Arguments> fixtures() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = LlhttpFixtureTest.class.getResourceAsStream("/llhttp/llhttp-requests.jsonl")) {
            assertNotNull(in, "fixture file on the test class path");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(Arguments.of(fixture(line)));
                }
            }
        }
        assertEquals(165, out.size());
        return out.stream();
    }

    @SuppressWarnings("unchecked")
    private static Fixture fixture(String line) {
        Map<String, Object> r = (Map<String, Object>) Json.parse(line);
        Map<String, Object> expect = (Map<String, Object>) r.get("expect");
        List<Map<String, Object>> notes = (List<Map<String, Object>>) r.get("rfc9112");
        List<Map<String, Object>> messages = new ArrayList<>((List<Map<String, Object>>) expect.get("messages"));
        Map<String, Object> incomplete = (Map<String, Object>) expect.get("incomplete");
        String raw = (String) r.get("raw");
        boolean lenient = !((List<?>) r.get("lenient")).isEmpty();

        boolean noHost = notes.stream().anyMatch(n -> n.get("issue").equals("no-host"));
        boolean accept = notes.stream().anyMatch(n -> n.get("strict").equals("accept"));
        String injected = noHost || accept ? injectHost(raw, messages, incomplete, accept) : null;
        if (injected != null) {
            raw = injected;
        }
        List<Map<String, Object>> rest = notes.stream()
                .filter(n -> !(n.get("issue").equals("no-host") && injected != null)).toList();

        Verdict verdict;
        int status = 0;
        Map<String, Object> rejecting = rest.stream()
                .filter(n -> ((String) n.get("strict")).matches("(may-)?reject( \\(\\d+\\))?|reject-or-unfold|reject \\(.*"))
                .findFirst().orElse(null);
        boolean firstOnly = rest.stream().anyMatch(n -> n.get("strict").equals("stop-reading-after-first-response"));
        boolean upgrade = rest.stream().anyMatch(n -> n.get("strict").equals("continue-as-http-unless-switching"));
        if (lenient && !(firstOnly && rejecting == null)) {
            verdict = Verdict.REJECT;
        } else if (rejecting != null) {
            verdict = Verdict.REJECT;
            String s = (String) rejecting.get("strict");
            status = s.contains("(505)") ? 505 : s.contains("(501)") ? 501 : 400;
        } else if (firstOnly) {
            verdict = Verdict.FIRST_THEN_CLOSE;
        } else if (accept || upgrade) {
            verdict = Verdict.PREFIX;
        } else if ((Boolean) expect.get("ok")) {
            verdict = Verdict.MESSAGES;
        } else {
            verdict = Verdict.REJECT;
        }
        return new Fixture((String) r.get("id"), raw.getBytes(ISO_8859_1), verdict, status, messages,
                incomplete != null, injected != null);
    }

    /** Inserts "Host: h" after each expected request line; null if one is not found. */
    private static String injectHost(String raw, List<Map<String, Object>> messages, Map<String, Object> incomplete,
                                     boolean firstLineOnly) {
        if (firstLineOnly) {
            if (raw.toLowerCase(java.util.Locale.ROOT).contains("\r\nhost:")) {
                return raw;
            }
            int eol = raw.indexOf("\r\n");
            return eol < 0 ? null : raw.substring(0, eol + 2) + "Host: h\r\n" + raw.substring(eol + 2);
        }
        List<Map<String, Object>> all = new ArrayList<>(messages);
        if (incomplete != null && Boolean.TRUE.equals(incomplete.get("headers_complete"))) {
            all.add(incomplete);
        }
        StringBuilder sb = new StringBuilder(raw);
        int from = 0;
        for (Map<String, Object> m : all) {
            if (m.get("version") == null) {
                return null;
            }
            String line = m.get("method") + " " + m.get("target") + " " + m.get("version") + "\r\n";
            int at = sb.indexOf(line, from);
            if (at < 0) {
                return null;
            }
            sb.insert(at + line.length(), "Host: h\r\n");
            from = at + line.length() + 9;
        }
        return all.isEmpty() ? null : sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureGivesItsVerdictHoweverTheBytesArrive(Fixture f) {
        Replay.Result whole = Replay.run(f.raw, new int[0], Limits.defaults());
        check(f, whole, "whole");
        for (int cut = 1; cut < f.raw.length; cut++) {
            Replay.Result split = Replay.run(f.raw, new int[] {cut}, Limits.defaults());
            check(f, split, "split at " + cut);
        }
        check(f, Replay.run(f.raw, Replay.everyByte(f.raw.length), Limits.defaults()), "one byte at a time");
    }

    private static void check(Fixture f, Replay.Result r, String how) {
        String where = f.id + " (" + how + "): " + r;
        switch (f.verdict) {
            case REJECT -> {
                assertEquals(Replay.End.REJECTED, r.end(), where);
                if (f.status != 0) {
                    assertEquals(f.status, r.violation().status(), where);
                }
            }
            case MESSAGES -> {
                assertEquals(f.messages.size(), r.messages().size(), where);
                compare(f, r, f.messages.size(), where);
                if (f.incomplete) {
                    assertEquals(Replay.End.INCOMPLETE, r.end(), where);
                } else {
                    assertTrue(r.end() == Replay.End.CLEAN || r.end() == Replay.End.CLOSED_AFTER_REQUEST, where);
                }
            }
            case FIRST_THEN_CLOSE -> {
                assertEquals(Replay.End.CLOSED_AFTER_REQUEST, r.end(), where);
                compare(f, r, r.messages().size(), where);
            }
            case PREFIX -> {
                assertTrue(r.messages().size() >= Math.max(1, f.messages.size()), where);
                compare(f, r, f.messages.size(), where);
            }
            default -> fail();
        }
    }

    @SuppressWarnings("unchecked")
    private static void compare(Fixture f, Replay.Result r, int count, String where) {
        for (int k = 0; k < count; k++) {
            Map<String, Object> want = f.messages.get(k);
            Replay.Message got = r.messages().get(k);
            assertEquals(want.get("method"), got.head().method(), where);
            assertEquals(want.get("target"), got.head().target(), where);
            assertEquals(want.get("version"), got.head().version() == 10 ? "HTTP/1.0" : "HTTP/1.1", where);
            List<List<String>> headers = (List<List<String>>) (List<?>) want.get("headers");
            int skip = f.hostInjected ? 1 : 0;
            assertEquals(headers.size() + skip, got.head().fieldCount(), where + " header count");
            for (int h = 0; h < headers.size(); h++) {
                assertTrue(headers.get(h).get(0).equalsIgnoreCase(got.name(h + skip)), where + " name " + h);
                assertEquals(headers.get(h).get(1), got.value(h + skip), where + " value " + h);
            }
            assertEquals(want.get("body"), got.body(), where + " body");
        }
    }
}
