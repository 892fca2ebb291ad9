package org.genro.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.genro.http.Headers;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.MediaTypes;
import org.genro.server.exchange.PlainJson;
import org.genro.server.exchange.Reply;

/**
 * Turns what a handler returned into a {@link Reply}: maps, lists, records and
 * other values become JSON; a String is text (or the route's declared type); bytes are
 * octet-stream; a Path is the file; a Reply is itself; null or void is an empty 200.
 * Headers and status the handler set on the pending response are merged in.
 *
 * <p>The JSON mapper is asked for only when a value is written as JSON: setting Jackson up
 * costs a few hundred milliseconds on a cold JVM, and a server whose first request answers
 * text must not wait for it.
 */
final class Results {
    private Results() {
    }

    /** The reply for {@code result}, with values written as JSON by the mapper {@code exchange}'s client asked for. */
    static Reply toReply(Object result, String declaredMime, Exchange exchange) {
        Reply pending = exchange.pendingReply();
        Reply reply = switch (result) {
            case null -> Reply.ok();
            case Reply r -> r;
            case String s -> Reply.bytes(s.getBytes(StandardCharsets.UTF_8), type(declaredMime, "text/plain; charset=utf-8"));
            case byte[] b -> Reply.bytes(b, type(declaredMime, MediaTypes.OCTET_STREAM));
            case Path p -> Reply.file(p).contentType(declaredMime.isEmpty() ? MediaTypes.of(p) : MediaTypes.withCharset(declaredMime));
            default -> Reply.bytes(json(result, exchange), type(declaredMime, "application/json"));
        };
        return pending == null ? reply : merge(pending, reply);
    }

    private static String type(String declared, String fallback) {
        return declared.isEmpty() ? fallback : MediaTypes.withCharset(declared);
    }

    private static byte[] json(Object value, Exchange exchange) {
        try {
            return PlainJson.bytes(value, exchange);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("result of type " + value.getClass().getName() + " cannot be written as JSON", e);
        }
    }

    /** The handler's own headers and status win over the pending ones only where it set them. */
    private static Reply merge(Reply pending, Reply reply) {
        Headers extra = pending.headers();
        for (int i = 0; i < extra.size(); i++) {
            String name = extra.name(i);
            if (name.equalsIgnoreCase("Set-Cookie") || !reply.headers().contains(name)) {
                reply.addHeader(name, extra.value(i));
            }
        }
        if (reply.status() == 200 && pending.status() != 200) {
            reply.status(pending.status());
        }
        return reply;
    }
}
