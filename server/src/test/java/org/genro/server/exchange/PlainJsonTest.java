package org.genro.server.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The writer without Jackson must give the very bytes Jackson gives for the same value, or
 * give up: a client cannot tell which of the two wrote a reply.
 */
class PlainJsonTest {
    private static byte[] jackson(Object value) throws Exception {
        return Json.MAPPER.writeValueAsBytes(value);
    }

    private static void same(Object value) throws Exception {
        byte[] ours = PlainJson.write(value);
        assertNotNull(ours, () -> "left to Jackson: " + value);
        byte[] theirs = jackson(value);
        assertArrayEquals(theirs, ours, () -> "for " + value + ": Jackson " + new String(theirs, StandardCharsets.UTF_8)
                + ", ours " + new String(ours, StandardCharsets.UTF_8));
    }

    @Test
    void everyCharacterClassIsEscapedAsJacksonEscapesIt() throws Exception {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        for (String s : List.of("", "plain", "quote \" and backslash \\", controls.toString(), "del \u007f",
                "slash / and <script>", "latin é ß ÿ", "two bytes \u07ff, three \u0800 \uffff \ufffe",
                "line separators \u2028 \u2029", "an emoji \ud83d\ude00 pair", "lone high \ud800 end", "lone low \udc00",
                "reversed \udc00\ud800", "high at the end \ud83d")) {
            same(s);
            same(Map.of(s, s)); // as a key too
        }
    }

    @Test
    void numbersAreWrittenAsJacksonWritesThem() throws Exception {
        List<Object> numbers = new ArrayList<>(List.of(0, -0, 7, -7, Integer.MIN_VALUE, Integer.MAX_VALUE,
                Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, (short) -3, (byte) 12,
                0.0, -0.0, 1.5, 0.1 + 0.2, 1e-7, 1e7, 1.0e21, 123456789012.5, Double.MIN_VALUE, Double.MAX_VALUE,
                0.0f, 1.1f, -3.4e38f, Float.MIN_VALUE));
        long p = 1;
        for (int exponent = 0; exponent <= 18; exponent++, p *= 10) { // every length of a long's digits
            numbers.addAll(List.of(p, p - 1, -p, -(p - 1), p + 1));
        }
        for (Object n : numbers) {
            same(n);
            same(List.of(n));
        }
        same(Boolean.TRUE);
        same(Boolean.FALSE);
    }

    /**
     * Decimals with few digits after the point are written without {@code Double.toString};
     * every such value in and around the range where that shortcut applies must still come
     * out as Jackson writes it, and so must the values that just miss it (a fourth digit,
     * a bit less or more, the ends of the range).
     */
    @Test
    void shortDecimalsAndTheirNeighboursAreWrittenAsJacksonWritesThem() throws Exception {
        List<Double> values = new ArrayList<>();
        for (int k = 0; k <= 4; k++) {
            double unit = Math.pow(10, k);
            for (long i = -2000; i <= 2000; i++) {
                values.add(i / unit);
            }
            for (long i : new long[] {99_999_999L, 100_000_000L, 123_456_789L, 9_999_999_999L, 99_999_999_999L}) {
                values.add(i / unit);
            }
        }
        for (double edge : new double[] {1e-3, 1e7, 0.1 + 0.2, 1.005, 2.675, 0.035, 9999999.5, 9999999.999, 0.0015}) {
            values.add(edge);
            values.add(-edge);
            values.add(Math.nextUp(edge));
            values.add(Math.nextDown(edge));
        }
        for (double v : values) {
            same(v);
        }
    }

    @Test
    void theJdksMapsAndCollectionsAreWrittenInTheirOwnOrder() throws Exception {
        Map<String, Object> nulls = new LinkedHashMap<>();
        nulls.put("a", null);
        nulls.put("b", Arrays.asList(1, null, "x"));
        Map<String, Object> hashed = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            hashed.put("key" + i, i);
        }
        for (Object v : List.<Object>of(Map.of(), List.of(), nulls, hashed, new TreeMap<>(Map.of("b", 1, "a", 2)),
                Map.of("id", 42L, "name", "pen", "price", 1.5), Collections.unmodifiableMap(hashed),
                new LinkedHashSet<>(List.of("z", "y")), new ArrayDeque<>(List.of(1, 2)), Collections.emptyList(),
                List.of(List.of(List.of()), Map.of("deep", Map.of("deeper", List.of(true, false)))))) {
            same(v);
        }
    }

    record Item(String name) {
    }

    enum Colour { RED }

    /** A map class of an app's own, which could carry Jackson annotations of its own. */
    static final class OwnMap extends HashMap<String, Object> {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void anythingElseAtAnyDepthIsLeftToJackson() throws Exception {
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        Object deep = "bottom";
        for (int i = 0; i < 65; i++) {
            deep = List.of(deep);
        }
        for (Object v : List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, new BigDecimal("1.50"),
                BigInteger.TEN, new AtomicLong(3), new Item("pen"), Colour.RED, 'c', new StringBuilder("text"), new byte[] {1},
                LocalDate.EPOCH, Map.of(1, "int key"), nullKey, new OwnMap(), List.of(1, new Item("deep")),
                Map.of("a", Map.of("b", List.of(Double.NaN))), deep)) {
            assertNull(PlainJson.write(v), () -> "written without Jackson: " + v);
            assertEquals(outcome(() -> jackson(v)), outcome(() -> PlainJson.bytes(v, null)),
                    () -> "PlainJson.bytes does as Jackson does for " + v);
        }
    }

    private interface Writing {
        byte[] bytes() throws Exception;
    }

    /** The text written, or the failure's class and message (Jackson refuses a null key). */
    private static String outcome(Writing w) {
        try {
            return new String(w.bytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @Test
    void generatedValuesComeOutAsJacksonWritesThem() throws Exception {
        Random random = new Random(20261206);
        for (int i = 0; i < 3000; i++) {
            same(tree(random, 0));
        }
    }

    private static Object tree(Random r, int depth) {
        int kind = depth >= 4 ? 3 + r.nextInt(6) : r.nextInt(9);
        return switch (kind) {
            case 0, 1 -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    m.put(text(r), tree(r, depth + 1));
                }
                yield m;
            }
            case 2 -> {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    l.add(tree(r, depth + 1));
                }
                yield l;
            }
            case 3, 4 -> text(r);
            case 5 -> r.nextLong() >> r.nextInt(64);
            case 6 -> r.nextInt();
            case 7 -> switch (r.nextInt(3)) {
                case 0 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
                case 1 -> Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL); // finite, any exponent
                default -> (float) (r.nextGaussian() * 1000);
            };
            default -> r.nextBoolean() ? null : r.nextBoolean();
        };
    }

    /** Up to 12 chars, each from a range picked at random: ASCII, controls, two- and three-byte UTF-8, surrogates. */
    private static String text(Random r) {
        char[] chars = new char[r.nextInt(13)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = switch (r.nextInt(6)) {
                case 0 -> (char) r.nextInt(0x20);
                case 1 -> (char) (0x80 + r.nextInt(0x780));
                case 2 -> (char) (0x800 + r.nextInt(0xf800));
                case 3 -> (char) (0xd800 + r.nextInt(0x800));
                default -> (char) (0x20 + r.nextInt(0x60));
            };
        }
        return new String(chars);
    }

    @Test
    void aLargeValueGrowsItsBufferAndStaysWhole() throws Exception {
        List<Object> big = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            big.add(Map.of("n", i, "s", "é\u0001".repeat(i % 7)));
        }
        same(big);
        assertEquals(jackson(big).length, PlainJson.write(big).length);
    }
}
