package org.genro.server.system;

import static org.genro.server.system.JsonSchemas.ordered;

import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genro.server.exchange.Rejection;
import org.genro.server.exchange.Reply;

/**
 * What an entry answers: its result, as the dispatcher turns return values into replies,
 * and the error replies it can give, each a shared component of the document.
 *
 * <pre>
 *  return type                 200 content
 *  void, Void                  none (the server answers an empty 200)
 *  String                      the declared mime, else text/plain; a string
 *  byte[]                      the declared mime, else application/octet-stream
 *  Path                        the file, typed by its name: no content declared
 *  Reply, Object               anything the handler builds: no content declared
 *  anything else               the declared mime, else application/json, with its schema
 * </pre>
 *
 * Error bodies are {@code {"error": message, "status": n}} for clients that accept JSON
 * before HTML, and one line of text for the others: both are declared.
 */
final class OpenApiResponses {
    /** The component name of the JSON error body. */
    static final String ERROR_SCHEMA = "Error";

    /** The errors an entry can produce, by why the server gives them. */
    enum Failure {
        BAD_REQUEST(400, "BadRequest", "An argument is missing or does not fit its type (the message names it), "
                + "or the body is not valid JSON."),
        UNAUTHORIZED(401, "Unauthorized", msg(Rejection.NOT_AUTHENTICATED) + ", or " + msg(Rejection.BAD_CREDENTIALS)
                + "; WWW-Authenticate names the schemes."),
        FORBIDDEN(403, "Forbidden", msg(Rejection.NOT_AUTHORIZED) + ": the caller's tags do not satisfy the rule."),
        NOT_FOUND(404, "NotFound", msg(Rejection.NOT_FOUND) + ": the path names nothing there."),
        NOT_AVAILABLE(503, "NotAvailable", msg(Rejection.NOT_AVAILABLE)
                + ": a capability it needs is missing, or it is closed to this channel.");

        final int status;
        final String component;
        final String description;

        Failure(int status, String component, String description) {
            this.status = status;
            this.component = component;
            this.description = description;
        }
    }

    private final Set<Failure> used = EnumSet.noneOf(Failure.class);

    /** The {@code 200} response for an entry returning {@code type} with declared {@code mime} ("" for none). */
    static Map<String, Object> result(Type type, String mime, JsonSchemas schemas) {
        Class<?> raw = JsonSchemas.erasure(type);
        Map<String, Object> response = new LinkedHashMap<>();
        if (raw == void.class || raw == Void.class) {
            response.put("description", "Done; the body is empty.");
            return response;
        }
        response.put("description", "The result.");
        if (raw == Reply.class || raw == Object.class || Path.class.isAssignableFrom(raw)) {
            if (!mime.isEmpty()) {
                response.put("content", Map.of(mime, new LinkedHashMap<>()));
            }
            return response;
        }
        Map<String, Object> media = new LinkedHashMap<>();
        String mediaType;
        if (raw == String.class) {
            mediaType = mime.isEmpty() ? "text/plain" : mime;
            media.put("schema", Map.of("type", "string"));
        } else if (raw == byte[].class) {
            mediaType = mime.isEmpty() ? "application/octet-stream" : mime;
        } else {
            mediaType = mime.isEmpty() ? "application/json" : mime;
            Map<String, Object> schema = schemas.of(type);
            if (!schema.isEmpty()) {
                media.put("schema", schema);
            }
        }
        response.put("content", Map.of(mediaType, media));
        return response;
    }

    /** A reference to the shared response of {@code failure}, marking it used. */
    Map<String, Object> ref(Failure failure) {
        used.add(failure);
        return Map.of("$ref", "#/components/responses/" + failure.component);
    }

    /** Whether any operation refers to an error response (and so to the {@code Error} schema). */
    boolean anyUsed() {
        return !used.isEmpty();
    }

    /** The shared responses referred to so far, for {@code components/responses}. */
    Map<String, Object> components() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Failure f : used) {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("description", f.description);
            if (f == Failure.UNAUTHORIZED) {
                response.put("headers", Map.of("WWW-Authenticate", ordered(
                        "description", "One challenge per scheme the server accepts.",
                        "schema", Map.of("type", "string"))));
            }
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("application/json", Map.of("schema", JsonSchemas.ref(ERROR_SCHEMA)));
            content.put("text/plain", Map.of("schema", Map.of("type", "string")));
            response.put("content", content);
            out.put(f.component, response);
        }
        return out;
    }

    /** The JSON error body: what {@code Failure.answer} writes for JSON clients. */
    static Map<String, Object> errorSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("error", ordered("type", "string", "description", "What went wrong, safe to show."));
        properties.put("status", ordered("type", "integer", "format", "int32", "description", "The HTTP status."));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("description", "An error reply, for clients that accept JSON before HTML.");
        s.put("properties", properties);
        s.put("required", List.of("error", "status"));
        return s;
    }

    private static String msg(Rejection r) {
        String m = r.message();
        return Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }
}
