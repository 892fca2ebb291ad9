package org.genro.server.wsx;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.genro.http.Headers;
import org.genro.server.exchange.Json;
import org.genro.server.exchange.MediaTypes;
import org.genro.server.exchange.PlainJson;

/**
 * The WSX message format. A call is {@code WSX://} and a JSON object:
 *
 * <pre>
 * WSX://{"id": 7, "method": "post", "path": "/shop/orders", "query": {"dry": true},
 *        "headers": {"Accept-Language": "it"}, "cookies": {"theme": "dark"},
 *        "data": {"item": "book", "qty": "2::L"}, "tytx": true}
 * </pre>
 *
 * Only {@code id} and {@code method} are required; {@code path} defaults to "/". A
 * trailing {@code ::JS} means the same as {@code "tytx": true}: reply values carry
 * their types. A reply is {@code WSX://{"id": 7, "status": 201, "headers": {...},
 * "data": ...}}, an event {@code WSX://{"topic": "/chat/rooms/lobby", "data": ...}}.
 * A JSON body becomes {@code data} as it is, text becomes a string, anything else a
 * base64 string with {@code "base64": true}.
 */
final class WsxCodec {
    static final String PREFIX = "WSX://";
    static final String TYPED_SUFFIX = "::JS";
    private static final Set<String> FIELDS = Set.of("id", "method", "path", "query", "headers", "cookies", "data", "tytx");
    /**
     * Fields a call may not set: the connection's own facts (host, origin, cookies by
     * their own field), the framing of a body the server builds itself, and content
     * coding (a reply is one message; the socket compresses it, see WsxConnection).
     */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "origin", "cookie", "content-length",
            "accept-encoding",
            "transfer-encoding", "connection", "upgrade", "keep-alive", "te", "trailer", "expect", "forwarded",
            "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip");
    private static final int MAX_ID = 256;
    private static final int MAX_METHOD = 32;

    private WsxCodec() {
    }

    /**
     * Reads a call.
     *
     * @param maxTarget the longest path and query accepted (the request line limit)
     * @throws WsxError for anything that is not a well-formed call
     */
    static WsxCall parse(String text, int maxTarget) throws WsxError {
        if (!text.startsWith(PREFIX)) {
            throw new WsxError(400, "not a WSX message: a call is WSX:// followed by a JSON object", null);
        }
        boolean typed = text.endsWith(TYPED_SUFFIX);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text.substring(PREFIX.length(), text.length() - (typed ? TYPED_SUFFIX.length() : 0)));
        } catch (JsonProcessingException e) {
            throw new WsxError(400, "the message after WSX:// is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw new WsxError(400, "a WSX call is a JSON object", null);
        }
        JsonNode id = root.get("id");
        if (id == null || !(id.isTextual() && id.textValue().length() <= MAX_ID || id.isIntegralNumber() && id.canConvertToLong())) {
            throw new WsxError(400, "a WSX call needs an id: a string of up to " + MAX_ID + " characters or an integer", null);
        }
        for (var names = root.fieldNames(); names.hasNext(); ) {
            if (!FIELDS.contains(names.next())) {
                throw new WsxError(400, "unknown field; a call may have " + String.join(", ", FIELDS.stream().sorted().toList()), id);
            }
        }
        String method = text(root, "method", id);
        if (method == null || method.isEmpty() || method.length() > MAX_METHOD || !token(method)) {
            throw new WsxError(400, "a WSX call needs a method: a token such as GET or POST", id);
        }
        typed |= flag(root, "tytx", id);
        String path = text(root, "path", id);
        Target target = target(path == null ? "/" : path, root.get("query"), id);
        if (target.path.length() + target.query.length() + 1 > maxTarget) {
            throw new WsxError(414, "the path and query are longer than the server accepts", id);
        }
        Map<String, String> headers = fields(root, "headers", id, false);
        Map<String, String> cookies = fields(root, "cookies", id, true);
        JsonNode data = root.get("data");
        byte[] body = null;
        String contentType = null;
        if (data != null && !data.isNull()) {
            String declared = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (declared != null && data.isTextual() && !json(declared)) {
                body = data.textValue().getBytes(StandardCharsets.UTF_8); // a form or text sent as it is
                contentType = declared;
            } else {
                body = bytes(data);
                contentType = declared != null ? declared : "application/json";
            }
            headers.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type"));
        }
        return new WsxCall(id, method.toUpperCase(Locale.ROOT), target.path, target.query, headers, cookies, body,
                contentType, typed);
    }

    /** A reply to the call with {@code id}. */
    static String reply(JsonNode id, int status, Headers headers, byte[] body, boolean typed) {
        StringWriter out = new StringWriter(64 + body.length);
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            out.write(PREFIX);
            g.writeStartObject();
            g.writeFieldName("id");
            if (id == null) {
                g.writeNull();
            } else {
                g.writeTree(id);
            }
            g.writeNumberField("status", status);
            writeHeaders(g, headers);
            if (body.length > 0) {
                writeData(g, headers.first("Content-Type"), body);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        if (typed) {
            out.write(TYPED_SUFFIX);
        }
        return out.toString();
    }

    /** An error reply: {@code data} is {@code {"error": message, "status": status}}, as HTTP error bodies in JSON. */
    static String error(JsonNode id, int status, String message) {
        Headers headers = new Headers(1).add("Content-Type", "application/json");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("error", message);
        data.put("status", status);
        try {
            return reply(id, status, headers, PlainJson.bytes(data, null), false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event on {@code topic}, its data written by {@code mapper}. */
    static String event(String topic, Object data, ObjectMapper mapper) {
        StringWriter out = new StringWriter(64);
        out.write(PREFIX);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("topic", topic);
            g.writeFieldName("data");
            mapper.writeValue(g, data);
            g.writeEndObject();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data of type " + data.getClass().getName() + " cannot be written as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeHeaders(JsonGenerator g, Headers headers) throws IOException {
        boolean open = false;
        Set<String> written = new HashSet<>();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            // cookies stay with the connection (see WsxConnection): never handed to page scripts
            if (name.equalsIgnoreCase("Set-Cookie") || name.equalsIgnoreCase("Content-Length")
                    || !written.add(name.toLowerCase(Locale.ROOT))) {
                continue; // a name given twice (Vary, one challenge per scheme) is one key, its lines joined
            }
            if (!open) {
                g.writeObjectFieldStart("headers");
                open = true;
            }
            g.writeStringField(name, String.join(", ", headers.all(name)));
        }
        if (open) {
            g.writeEndObject();
        }
    }

    private static void writeData(JsonGenerator g, String type, byte[] body) throws IOException {
        String media = MediaTypes.essence(type);
        if (json(media) && wellFormed(body)) {
            g.writeFieldName("data");
            g.writeRawValue(new String(body, StandardCharsets.UTF_8));
        } else if (media.startsWith("text/") || media.equals("application/x-www-form-urlencoded") || json(media)) {
            g.writeStringField("data", new String(body, StandardCharsets.UTF_8));
        } else {
            g.writeStringField("data", Base64.getEncoder().encodeToString(body));
            g.writeBooleanField("base64", true);
        }
    }

    private static boolean json(String type) {
        String media = MediaTypes.essence(type);
        return media.equals("application/json") || media.endsWith("+json");
    }

    /** Whether {@code body} is one JSON value: only then may it be embedded as it is. */
    private static boolean wellFormed(byte[] body) {
        try (JsonParser p = Json.MAPPER.createParser(body)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] bytes(JsonNode data) {
        try {
            return Json.MAPPER.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree just read always writes
        }
    }

    private static String text(JsonNode root, String field, JsonNode id) throws WsxError {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new WsxError(400, field + " must be a string", id);
        }
        return v.textValue();
    }

    private static boolean flag(JsonNode root, String field, JsonNode id) throws WsxError {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new WsxError(400, field + " must be true or false", id);
        }
        return v.booleanValue();
    }

    /** Header or cookie fields: names are tokens, values plain text without control characters. */
    private static Map<String, String> fields(JsonNode root, String field, JsonNode id, boolean cookies) throws WsxError {
        JsonNode v = root.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new WsxError(400, field + " must be an object of names to strings", id);
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String name = e.getKey();
            JsonNode value = e.getValue();
            if (!token(name) || !(value.isTextual() || value.isNumber() || value.isBoolean())) {
                throw new WsxError(400, field + ": each name must be a token and each value a string", id);
            }
            String text = value.asText();
            if (cookies ? !cookieValue(text) : !fieldValue(text)) {
                throw new WsxError(400, field + ": a value holds a character " + (cookies ? "a cookie" : "a header")
                        + " cannot carry", id);
            }
            if (!cookies && (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))
                    || name.regionMatches(true, 0, "Sec-WebSocket-", 0, 14))) {
                throw new WsxError(400, "headers: " + name.toLowerCase(Locale.ROOT)
                        + " belongs to the connection and cannot be set per call", id);
            }
            out.put(name, text);
        }
        return out;
    }

    private record Target(String path, String query) {
    }

    /** The path (encoded where needed) and the query: what follows '?' in the path, then the query object. */
    private static Target target(String raw, JsonNode queryObject, JsonNode id) throws WsxError {
        if (!raw.startsWith("/")) {
            throw new WsxError(400, "path must start with /", id);
        }
        int q = raw.indexOf('?');
        String path = encode(q < 0 ? raw : raw.substring(0, q), false, id);
        StringBuilder query = new StringBuilder(q < 0 ? "" : encode(raw.substring(q + 1), true, id));
        if (queryObject != null && !queryObject.isNull()) {
            if (!queryObject.isObject()) {
                throw new WsxError(400, "query must be an object of names to values", id);
            }
            for (Map.Entry<String, JsonNode> e : queryObject.properties()) {
                for (JsonNode value : e.getValue().isArray() ? e.getValue() : java.util.List.of(e.getValue())) {
                    if (!(value.isValueNode()) || value.isNull()) {
                        throw new WsxError(400, "query values must be strings, numbers, booleans or lists of them", id);
                    }
                    if (!query.isEmpty()) {
                        query.append('&');
                    }
                    query.append(component(e.getKey())).append('=').append(component(value.asText()));
                }
            }
        }
        return new Target(path, query.toString());
    }

    /**
     * Percent-encodes what a request-target cannot carry as it is (spaces, non-ASCII),
     * keeping existing escapes; refuses control characters and '#'.
     */
    private static String encode(String s, boolean query, JsonNode id) throws WsxError {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '#') {
                throw new WsxError(400, "path holds a control character or '#'", id);
            }
            boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0
                    || query && c == '?');
            if (plain && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (plain) {
                out.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
                i = end - 1;
            }
        }
        return out == null ? s : out.toString();
    }

    private static String component(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean token(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c < 0x80 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0))) {
                return false;
            }
        }
        return true;
    }

    /** Visible Latin-1, spaces and tabs: what a field value may hold, so no CR or LF can split a header. */
    private static boolean fieldValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    /** The cookie-octets: visible ASCII except quote, comma, semicolon and backslash. */
    private static boolean cookieValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
