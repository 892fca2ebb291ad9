package org.genro.server;

import java.util.Set;
import java.util.TreeSet;
import org.genro.router.Entry;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.Rejection;
import org.genro.server.exchange.Reply;

/**
 * Every rule about request methods, in one place.
 *
 * <pre>
 *  request                          answer
 *  OPTIONS *                        204, Allow: the methods the server implements
 *  CONNECT                          501: this server is not a tunnel
 *  OPTIONS on an entry              204 with Allow, unless the entry takes OPTIONS itself
 *  HEAD on an entry that takes GET  served as GET, without the body (RFC 9110 §9.3.2)
 *  a method the entry takes         served
 *  another method                   405 with Allow when the entry names its methods;
 *                                   501 when it names none, since it then takes every
 *                                   method the server implements (RFC 9110 §9.1)
 * </pre>
 */
final class MethodRules {
    /**
     * What an entry without {@code @Route(methods)} answers. TRACE and CONNECT are left
     * out on purpose (RFC 9110 §9.3.6, §9.3.8): an app must ask for them by name.
     */
    static final Set<String> STANDARD = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private MethodRules() {
    }

    /** The answer to a request about the server as a whole, or null when the request is for an app. */
    static Reply serverWide(Exchange exchange) {
        if (exchange.path().equals("*")) {
            // OPTIONS * asks what the server can do at all (RFC 9110 §9.3.7)
            return Reply.of(204).header("Allow", String.join(", ", new TreeSet<>(STANDARD)));
        }
        if (exchange.method().equals("CONNECT")) {
            return Failure.answer(exchange, Rejection.NOT_IMPLEMENTED);
        }
        return null;
    }

    /** The answer when {@code entry} does not serve the request's method itself, or null when it does. */
    static Reply forEntry(Exchange exchange, Entry entry) {
        Set<String> methods = entry.methods().isEmpty() ? STANDARD : entry.methods();
        String method = exchange.method();
        if (method.equals("OPTIONS") && !entry.methods().contains("OPTIONS")) {
            return Reply.of(204).header("Allow", allow(methods));
        }
        if (methods.contains(method) || method.equals("HEAD") && methods.contains("GET")) {
            return null;
        }
        if (entry.methods().isEmpty()) {
            // a method nobody here implements, not one this entry refuses
            return Failure.answer(exchange, Rejection.NOT_IMPLEMENTED);
        }
        return Failure.answer(exchange, Rejection.METHOD_NOT_ALLOWED).header("Allow", allow(methods));
    }

    private static String allow(Set<String> methods) {
        Set<String> all = new TreeSet<>(methods);
        if (all.contains("GET")) {
            all.add("HEAD");
        }
        all.add("OPTIONS");
        return String.join(", ", all);
    }
}
