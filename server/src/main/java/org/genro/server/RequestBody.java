package org.genro.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes a request body into named arguments by its content type: a JSON object's
 * fields, or the fields of a urlencoded form (repeated names become lists). Other
 * bodies are left unread for the handler. The engine enforces the size limit.
 */
final class RequestBody {
    private RequestBody() {
    }

    /** The body's named arguments, or null when there is no decodable body. */
    static Map<String, Object> decode(Exchange exchange) throws IOException {
        if (!exchange.request().hasBody()) {
            return null;
        }
        String type = exchange.header("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (media.equals("application/json") || media.endsWith("+json")) {
            return json(exchange.request().bodyBytes());
        }
        if (media.equals("application/x-www-form-urlencoded")) {
            return form(new String(exchange.request().bodyBytes(), StandardCharsets.UTF_8));
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(byte[] bytes) {
        Object value;
        try {
            // one pass straight to maps, lists and scalars (no intermediate tree)
            value = Json.MAPPER.readValue(bytes, Object.class);
        } catch (IOException e) {
            // bytes are already in memory: any failure here is malformed JSON
            throw new HttpError(400, "the request body is not valid JSON");
        }
        if (value instanceof Map<?, ?> object) {
            return (Map<String, Object>) object;
        }
        // an array or a scalar binds to a parameter named "body"
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("body", value);
        return one;
    }

    private static Map<String, Object> form(String body) {
        Query q = Query.parse(body);
        Map<String, Object> out = new LinkedHashMap<>();
        q.values().forEach((name, values) -> out.put(name, values.size() == 1 ? values.getFirst() : List.copyOf(values)));
        return out;
    }
}
