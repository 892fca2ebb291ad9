package org.genro.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Json;
import org.genro.server.exchange.MediaTypes;
import org.genro.server.exchange.Query;
import org.genro.server.exchange.Rejection;

/**
 * Decodes a request body into named arguments by its content type: a JSON object's
 * fields, or the fields of a urlencoded form (repeated names become lists), keeping only
 * the names a handler binds. Other bodies are left unread for the handler. The engine
 * bounds the body's size; this class bounds its field count.
 */
final class RequestBody {
    /** The parameter a JSON array or scalar body binds to. */
    static final String WHOLE = "body";

    private RequestBody() {
    }

    /** The body's arguments among {@code names}, or null when there is no decodable body. */
    static Map<String, Object> decode(Exchange exchange, Set<String> names) throws IOException {
        if (!exchange.request().hasBody()) {
            return null;
        }
        String media = MediaTypes.essence(exchange.header("Content-Type"));
        if (media.equals("application/json") || media.endsWith("+json")) {
            return json(exchange.request().bodyBytes(), names, exchange.fieldLimit());
        }
        if (media.equals("application/x-www-form-urlencoded")) {
            Query form = Query.parse(new String(exchange.request().bodyBytes(), StandardCharsets.UTF_8),
                    exchange.fieldLimit(), names, Rejection.BODY_TOO_MANY_FIELDS);
            Map<String, Object> out = new LinkedHashMap<>();
            form.values().forEach((name, values) -> out.put(name, values.size() == 1 ? values.getFirst() : List.copyOf(values)));
            return out;
        }
        return null;
    }

    /**
     * The members of a JSON object whose names are wanted, read in one streaming pass: the
     * others are skipped without building their values. An array or a scalar binds whole
     * to {@value #WHOLE}.
     */
    private static Map<String, Object> json(byte[] bytes, Set<String> names, int maxFields) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (JsonParser p = Json.MAPPER.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                Object whole = first == null ? null : Json.MAPPER.readValue(p, Object.class);
                end(p);
                if (first == null) {
                    throw new HttpError(Rejection.BODY_NOT_JSON);
                }
                out.put(WHOLE, whole);
                return out;
            }
            int fields = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (++fields > maxFields) {
                    throw new HttpError(Rejection.BODY_TOO_MANY_FIELDS);
                }
                p.nextToken();
                if (names.contains(name)) {
                    out.put(name, Json.MAPPER.readValue(p, Object.class));
                } else {
                    p.skipChildren();
                }
            }
            end(p);
            return out;
        } catch (IOException e) {
            // the bytes are in memory: a failure here is malformed JSON, never I/O
            throw new HttpError(Rejection.BODY_NOT_JSON);
        }
    }

    /** Refuses anything after the value: two documents in one body are not one argument list. */
    private static void end(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new HttpError(Rejection.BODY_NOT_JSON);
        }
    }
}
