package org.genro.server.wsx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.genro.http.Headers;
import org.genro.server.exchange.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WsxCodecTest {
    private static final int MAX_TARGET = 8192;

    private static WsxCall parse(String text) throws WsxError {
        return WsxCodec.parse(text, MAX_TARGET);
    }

    private static JsonNode json(String text) throws Exception {
        assertTrue(text.startsWith("WSX://"), text);
        return Json.MAPPER.readTree(text.substring(6));
    }

    /** A field on several lines (Vary, one WWW-Authenticate per scheme) was written once per line, the same key twice. */
    @Test
    void aRepeatedFieldIsOneKeyWithItsLinesJoined() throws Exception {
        Headers headers = new Headers().add("Vary", "Origin").add("Content-Type", "text/plain")
                .add("vary", "Accept-Encoding");
        String reply = WsxCodec.reply(Json.MAPPER.getNodeFactory().numberNode(1), 200, headers,
                "ok".getBytes(StandardCharsets.UTF_8), false);
        JsonNode h = json(reply).get("headers");
        assertEquals(2, h.size(), reply);
        assertEquals("Origin, Accept-Encoding", h.get("Vary").asText());
        assertFalse(reply.substring(reply.indexOf("Vary") + 4).contains("ary\""), "no second key: " + reply);
    }

    @Test
    void readsEveryFieldOfACall() throws Exception {
        WsxCall call = parse("""
                WSX://{"id": 7, "method": "post", "path": "/shop/caffè latte", "query": {"dry": true, "tag": ["a b", "c"]},
                "headers": {"Accept-Language": "it", "X-Count": 3}, "cookies": {"theme": "dark"},
                "data": {"item": "book", "qty": "2::L"}}""");
        assertEquals(7, call.id().intValue());
        assertEquals("POST", call.method());
        assertEquals("/shop/caff%C3%A8%20latte", call.path());
        assertEquals("dry=true&tag=a%20b&tag=c", call.query());
        assertEquals("/shop/caff%C3%A8%20latte?dry=true&tag=a%20b&tag=c", call.target());
        assertEquals(Map.of("Accept-Language", "it", "X-Count", "3"), call.headers());
        assertEquals(Map.of("theme", "dark"), call.cookies());
        assertEquals("{\"item\":\"book\",\"qty\":\"2::L\"}", new String(call.body(), StandardCharsets.UTF_8));
        assertEquals("application/json", call.contentType());
        assertFalse(call.typed());
    }

    @Test
    void defaultsThePathAndHasNoBodyWithoutData() throws Exception {
        WsxCall call = parse("WSX://{\"id\":\"a1\",\"method\":\"GET\"}");
        assertEquals("a1", call.id().textValue());
        assertEquals("/", call.path());
        assertEquals("", call.query());
        assertNull(call.body());
    }

    @Test
    void keepsAQueryWrittenInThePathAndAddsTheQueryObject() throws Exception {
        WsxCall call = parse("WSX://{\"id\":1,\"method\":\"GET\",\"path\":\"/a?x=1&y=%20\",\"query\":{\"z\":2}}");
        assertEquals("/a", call.path());
        assertEquals("x=1&y=%20&z=2", call.query());
    }

    @Test
    void asksForTypedValuesByFlagOrBySuffix() throws Exception {
        assertTrue(parse("WSX://{\"id\":1,\"method\":\"GET\",\"tytx\":true}").typed());
        assertTrue(parse("WSX://{\"id\":1,\"method\":\"GET\"}::JS").typed());
    }

    @Test
    void sendsTextDataAsItIsUnderADeclaredNonJsonType() throws Exception {
        WsxCall call = parse("WSX://{\"id\":1,\"method\":\"POST\",\"headers\":{\"Content-Type\":"
                + "\"application/x-www-form-urlencoded\"},\"data\":\"a=1&b=2\"}");
        assertEquals("a=1&b=2", new String(call.body(), StandardCharsets.UTF_8));
        assertEquals("application/x-www-form-urlencoded", call.contentType());
        assertFalse(call.headers().containsKey("Content-Type"), "the body's type travels apart from the other fields");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no prefix                 | {\"id\":1,\"method\":\"GET\"}                                   | 400 | false",
        "not JSON                  | WSX://{id:1}                                                    | 400 | false",
        "not an object             | WSX://[1,2]                                                     | 400 | false",
        "no id                     | WSX://{\"method\":\"GET\"}                                      | 400 | false",
        "id an object              | WSX://{\"id\":{},\"method\":\"GET\"}                            | 400 | false",
        "id a fraction             | WSX://{\"id\":1.5,\"method\":\"GET\"}                           | 400 | false",
        "unknown field             | WSX://{\"id\":1,\"method\":\"GET\",\"body\":1}                  | 400 | true",
        "no method                 | WSX://{\"id\":1}                                                | 400 | true",
        "method not a token        | WSX://{\"id\":1,\"method\":\"GE T\"}                            | 400 | true",
        "relative path             | WSX://{\"id\":1,\"method\":\"GET\",\"path\":\"a/b\"}            | 400 | true",
        "CR LF in the path         | WSX://{\"id\":1,\"method\":\"GET\",\"path\":\"/a\\r\\nX: y\"}   | 400 | true",
        "fragment in the path      | WSX://{\"id\":1,\"method\":\"GET\",\"path\":\"/a#b\"}           | 400 | true",
        "header value with CR LF   | WSX://{\"id\":1,\"method\":\"GET\",\"headers\":{\"X\":\"a\\r\\nSet-Cookie: s=1\"}} | 400 | true",
        "header name not a token   | WSX://{\"id\":1,\"method\":\"GET\",\"headers\":{\"X Y\":\"a\"}} | 400 | true",
        "header value an object    | WSX://{\"id\":1,\"method\":\"GET\",\"headers\":{\"X\":{}}}      | 400 | true",
        "Host set per call         | WSX://{\"id\":1,\"method\":\"GET\",\"headers\":{\"host\":\"evil\"}} | 400 | true",
        "Origin set per call       | WSX://{\"id\":1,\"method\":\"GET\",\"headers\":{\"Origin\":\"http://evil\"}} | 400 | true",
        "Content-Length per call   | WSX://{\"id\":1,\"method\":\"GET\",\"headers\":{\"Content-Length\":\"5\"}} | 400 | true",
        "Transfer-Encoding         | WSX://{\"id\":1,\"method\":\"GET\",\"headers\":{\"Transfer-Encoding\":\"chunked\"}} | 400 | true",
        "Accept-Encoding per call  | WSX://{\"id\":1,\"method\":\"GET\",\"headers\":{\"Accept-Encoding\":\"gzip\"}} | 400 | true",
        "Cookie as a header        | WSX://{\"id\":1,\"method\":\"GET\",\"headers\":{\"Cookie\":\"a=1\"}} | 400 | true",
        "WebSocket field           | WSX://{\"id\":1,\"method\":\"GET\",\"headers\":{\"Sec-WebSocket-Key\":\"x\"}} | 400 | true",
        "cookie value with ;       | WSX://{\"id\":1,\"method\":\"GET\",\"cookies\":{\"a\":\"1; b=2\"}} | 400 | true",
        "query value an object     | WSX://{\"id\":1,\"method\":\"GET\",\"query\":{\"a\":{\"b\":1}}} | 400 | true",
        "query not an object       | WSX://{\"id\":1,\"method\":\"GET\",\"query\":\"a=1\"}           | 400 | true",
        "tytx not a boolean        | WSX://{\"id\":1,\"method\":\"GET\",\"tytx\":\"yes\"}            | 400 | true",
    })
    void refusesMalformedCallsWithAStatusAndTheirIdWhenReadable(String name, String text, int status, boolean hasId) {
        WsxError e = assertThrows(WsxError.class, () -> parse(text));
        assertEquals(status, e.status());
        assertEquals(hasId, e.id() != null, "id known: " + e.id());
        assertFalse(e.getMessage().contains("evil") || e.getMessage().contains("Set-Cookie"),
                "an error never quotes the client: " + e.getMessage());
    }

    @Test
    void refusesATargetLongerThanTheRequestLineLimit() {
        String path = "/" + "a".repeat(100);
        WsxError e = assertThrows(WsxError.class,
                () -> WsxCodec.parse("WSX://{\"id\":1,\"method\":\"GET\",\"path\":\"" + path + "\"}", 64));
        assertEquals(414, e.status());
    }

    @Test
    void embedsAJsonBodyAsItIsAndLeavesCookiesOut() throws Exception {
        Headers h = new Headers().add("Content-Type", "application/json").add("Set-Cookie", "sid=secret; HttpOnly")
                .add("X-Total", "3");
        JsonNode reply = json(WsxCodec.reply(Json.MAPPER.valueToTree("q-1"), 201, h,
                "{\"n\":1,\"d\":\"2025-01-15::D\"}".getBytes(StandardCharsets.UTF_8), false));
        assertEquals("q-1", reply.get("id").textValue());
        assertEquals(201, reply.get("status").intValue());
        assertEquals(1, reply.get("data").get("n").intValue());
        assertEquals("2025-01-15::D", reply.get("data").get("d").textValue());
        assertEquals("3", reply.get("headers").get("X-Total").textValue());
        assertFalse(reply.toString().contains("secret"), "cookies stay on the server: " + reply);
    }

    @Test
    void writesTextAsAStringAndOtherBytesAsBase64() throws Exception {
        JsonNode text = json(WsxCodec.reply(null, 200, new Headers().add("Content-Type", "text/plain; charset=utf-8"),
                "héllo\n".getBytes(StandardCharsets.UTF_8), false));
        assertEquals("héllo\n", text.get("data").textValue());
        assertTrue(text.get("id").isNull());
        JsonNode binary = json(WsxCodec.reply(Json.MAPPER.valueToTree(2), 200,
                new Headers().add("Content-Type", "image/png"), new byte[] {1, 2, (byte) 0xff}, false));
        assertEquals("AQL/", binary.get("data").textValue());
        assertTrue(binary.get("base64").booleanValue());
    }

    @Test
    void sendsBrokenJsonAsAStringRatherThanABrokenMessage() throws Exception {
        String reply = WsxCodec.reply(Json.MAPPER.valueToTree(1), 200, new Headers().add("Content-Type", "application/json"),
                "{\"a\":".getBytes(StandardCharsets.UTF_8), false);
        assertEquals("{\"a\":", json(reply).get("data").textValue());
    }

    @Test
    void omitsDataForAnEmptyBodyAndMarksTypedReplies() throws Exception {
        String reply = WsxCodec.reply(Json.MAPPER.valueToTree(1), 204, new Headers(), new byte[0], true);
        assertTrue(reply.endsWith("::JS"), reply);
        JsonNode node = Json.MAPPER.readTree(reply.substring(6, reply.length() - 4));
        assertFalse(node.has("data"));
        assertFalse(node.has("headers"));
    }

    @Test
    void writesAnErrorAsJsonWithItsStatus() throws Exception {
        JsonNode e = json(WsxCodec.error(Json.MAPPER.valueToTree(9), 429, "slow down"));
        assertEquals(9, e.get("id").intValue());
        assertEquals(429, e.get("status").intValue());
        assertEquals("slow down", e.get("data").get("error").textValue());
    }

    @Test
    void writesEventsWithTypedValuesWhenAskedTo() throws Exception {
        JsonNode plain = json(WsxCodec.event("/t", Map.of("day", LocalDate.of(2025, 1, 15)), Json.MAPPER));
        assertEquals("/t", plain.get("topic").textValue());
        assertEquals("2025-01-15", plain.get("data").get("day").textValue());
        JsonNode typed = json(WsxCodec.event("/t", Map.of("day", LocalDate.of(2025, 1, 15), "price", new BigDecimal("10.50")),
                Json.TYTX));
        assertEquals("2025-01-15::D", typed.get("data").get("day").textValue());
        assertEquals("10.50::N", typed.get("data").get("price").textValue());
    }

    @Test
    void readsItsOwnReplyFormatBack() throws Exception {
        byte[] body = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
        JsonNode reply = json(WsxCodec.reply(Json.MAPPER.valueToTree(5), 200,
                new Headers().add("Content-Type", "application/json"), body, false));
        assertArrayEquals(body, Json.MAPPER.writeValueAsBytes(reply.get("data")));
    }
}
