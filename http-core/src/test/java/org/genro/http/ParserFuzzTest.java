package org.genro.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.genro.http.wire.Chars;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the request reader: valid requests from the llhttp corpus
 * and our own, with bytes flipped, inserted, deleted and duplicated, delivered in random
 * pieces. Whatever the bytes, the reader must end in a defined way (requests, a named
 * rejection, or end of input) and never throw anything else; every request it accepts
 * must satisfy the grammar it enforces. A failure prints the seed and the input.
 */
class ParserFuzzTest {
    private static final int ROUNDS = 100_000;
    private static final byte[] INTERESTING = " \t\r\n:;,=\"\\%#?/*\0\u007f\u00ff0aA-".getBytes(ISO_8859_1);

    @Test
    void mutatedRequestsEndInADefinedOutcome() throws Exception {
        List<byte[]> corpus = corpus();
        Limits limits = Limits.defaults().withRequestLine(256).withHead(1024).withHeaderCount(20).withBody(4096);
        Random random = new Random(20261130L);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = mutate(corpus.get(random.nextInt(corpus.size())), random);
            int[] cuts = cuts(input.length, random);
            Replay.Result result;
            try {
                result = Replay.run(input, cuts, limits);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("round " + round + " threw " + e + " for " + printable(input), e);
            }
            check(result, round, input);
        }
    }

    private static void check(Replay.Result r, int round, byte[] input) {
        String where = "round " + round + ": " + printable(input);
        if (r.end() == Replay.End.REJECTED) {
            assertNotNull(r.violation(), where);
        }
        for (Replay.Message m : r.messages()) {
            String method = m.head().method();
            assertTrue(!method.isEmpty() && method.chars().allMatch(Chars::isTchar), where);
            for (int i = 0; i < m.head().fieldCount(); i++) {
                String value = m.value(i);
                assertTrue(value.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0), where);
                assertTrue(!m.name(i).isEmpty() && m.name(i).chars().allMatch(Chars::isTchar), where);
            }
            assertTrue(!(m.head().chunked() && m.head().contentLength() >= 0), "never both framings: " + where);
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        List<Byte> b = new ArrayList<>(seed.length + 8);
        for (byte x : seed) {
            b.add(x);
        }
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !b.isEmpty(); e++) {
            int at = random.nextInt(b.size());
            switch (random.nextInt(5)) {
                case 0 -> b.set(at, (byte) random.nextInt(256));
                case 1 -> b.add(at, INTERESTING[random.nextInt(INTERESTING.length)]);
                case 2 -> b.remove(at);
                case 3 -> {
                    int len = Math.min(b.size() - at, 1 + random.nextInt(12));
                    b.addAll(at, new ArrayList<>(b.subList(at, at + len)));
                }
                default -> b.set(at, INTERESTING[random.nextInt(INTERESTING.length)]);
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    private static int[] cuts(int length, Random random) {
        if (length < 2 || random.nextInt(3) == 0) {
            return new int[0];
        }
        return random.ints(random.nextInt(Math.min(length, 8)) + 1, 1, length).sorted().distinct().toArray();
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> corpus() throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (InputStream in = ParserFuzzTest.class.getResourceAsStream("/llhttp/llhttp-requests.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(((String) ((Map<String, Object>) Json.parse(line)).get("raw")).getBytes(ISO_8859_1));
                }
            }
        }
        out.add("POST /a?b=c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;e=\"q\"\r\nhello\r\n0\r\nT: v\r\n\r\n".getBytes(ISO_8859_1));
        out.add("PUT /u HTTP/1.1\r\nHost: x:80\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nabcGET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
        if (out.size() < 100) {
            fail("corpus missing");
        }
        return out;
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }
}
