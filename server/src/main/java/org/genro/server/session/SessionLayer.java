package org.genro.server.session;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.genro.http.Headers;
import org.genro.http.Request;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Middleware;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Rejection;
import org.genro.server.exchange.Reply;
import org.genro.server.exchange.Session;

/**
 * The {@code session} layer (rank 400): finds the request's session from its cookie when
 * anyone first asks for it, and settles what the request did to it once the reply is
 * made: saves a changed session, issues the cookie of a new one (never before a session
 * is created), deletes a replaced or removed one and clears its cookie.
 *
 * <p>The cookie is {@code HttpOnly}, {@code SameSite} as configured (Lax by default), and
 * {@code Secure} under TLS unless configured otherwise. Its {@code Max-Age} is 24 times
 * the idle time: the server's sliding expiry decides, and a browser that kept the cookie
 * longer only brings an id the store no longer knows.
 *
 * <p>Cross-site requests: a request that changes state (any method but GET, HEAD and
 * OPTIONS) and is identified only by this cookie must come from the same origin as the
 * request itself ({@code Origin}, else {@code Referer}, matching its scheme and host),
 * or it is refused with 403 when it reaches for the session. A browser attaches the
 * cookie to requests other sites make it send; a request with its own
 * {@code Authorization} header is not identified by the cookie.
 */
public final class SessionLayer implements Middleware {
    /** The config name. */
    public static final String NAME = "session";

    private final SessionSettings settings;
    private final SessionStore store;
    private final Function<Exchange, Session> load = this::load;

    /** A session layer over {@code store}. */
    public SessionLayer(SessionSettings settings, SessionStore store) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** This middleware placed at its rank. */
    public Layer layer() {
        return Layer.builtIn(NAME, this);
    }

    @Override
    public Reply handle(Exchange exchange, Next next) throws Exception {
        String id = cookie(exchange.request().headers(), settings.cookie());
        if (id != null) {
            exchange.loadSessionWith(load);
        }
        Reply reply = next.proceed(exchange);
        settle(exchange, id, exchange.loadedSession(), reply);
        return reply;
    }

    /** The session the request's cookie names, once someone asks; refused for a cross-site change. */
    private Session load(Exchange exchange) {
        if (!safe(exchange.method()) && exchange.header("Authorization") == null && !sameOrigin(exchange.request())) {
            throw new HttpError(Rejection.CROSS_SITE);
        }
        String id = cookie(exchange.request().headers(), settings.cookie());
        return id == null ? null : store.get(id).orElse(null);
    }

    /**
     * Saves what the request did to its session. A session replaced by a new one (a login)
     * is deleted by the id its cookie carried, loaded or not, so that no id a client
     * brought survives a login.
     */
    private void settle(Exchange exchange, String cookie, Session before, Reply reply) {
        Session now = exchange.currentSession();
        if (now == before) {
            return;
        }
        String old = before != null ? before.id() : cookie;
        if (old != null && (now == null || !now.id().equals(old))) {
            store.delete(old);
        }
        if (now != null) {
            store.save(now);
            if (!now.id().equals(cookie)) {
                reply.addHeader("Set-Cookie", setCookie(now.id(), settings.ttl().toSeconds() * 24, exchange));
            }
        } else if (cookie != null) {
            reply.addHeader("Set-Cookie", setCookie("", 0, exchange));
        }
    }

    private String setCookie(String value, long maxAge, Exchange exchange) {
        boolean secure = switch (settings.secure()) {
            case "true" -> true;
            case "false" -> false;
            default -> exchange.request().secure();
        };
        return settings.cookie() + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite="
                + settings.sameSite() + (secure ? "; Secure" : "");
    }

    /** The first well-formed value of the cookie {@code name} in the request's Cookie fields, or null. */
    static String cookie(Headers headers, String name) {
        // by index: most requests carry no Cookie field, and looking must not allocate
        for (int i = 0; i < headers.size(); i++) {
            if (!headers.name(i).equalsIgnoreCase("Cookie")) {
                continue;
            }
            for (String pair : headers.value(i).split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                    String value = pair.substring(eq + 1).strip();
                    if (SessionIds.wellFormed(value)) {
                        return value;
                    }
                }
            }
        }
        return null;
    }

    private static boolean safe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /**
     * Whether the request says it comes from its own origin: {@code Origin} when sent,
     * else {@code Referer}, against the request's own scheme and authority.
     */
    public static boolean sameOrigin(Request request) {
        String own = (request.secure() ? "https" : "http") + "://" + request.authority().toLowerCase(Locale.ROOT);
        String origin = request.header("Origin");
        if (origin != null) {
            return origin.toLowerCase(Locale.ROOT).equals(own);
        }
        String referer = request.header("Referer");
        return referer != null && referer.regionMatches(true, 0, own, 0, own.length())
                && (referer.length() == own.length() || referer.charAt(own.length()) == '/');
    }

    @Override
    public String toString() {
        return "SessionLayer[" + settings + "]";
    }
}
