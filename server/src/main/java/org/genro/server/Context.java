package org.genro.server;

import java.util.NoSuchElementException;
import org.genro.http.Request;
import org.genro.server.exchange.Avatar;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Reply;
import org.genro.server.exchange.Session;
import org.genro.server.wsx.WsxChannel;

/**
 * The request context, bound with {@link ScopedValue} for exactly the duration of a
 * request: any code a handler calls can reach the current exchange, the engine's request,
 * the pending reply and the server without passing them around, and nothing leaks to the
 * next request on the same thread (no ThreadLocal on the request path).
 *
 * <p>Names follow the types: {@link #request()} is what the client sent (the engine's
 * {@link Request}), {@link #exchange()} that request as the server sees it, and
 * {@link #reply()} what goes back.
 */
public final class Context {
    static final ScopedValue<Exchange> EXCHANGE = ScopedValue.newInstance();
    static final ScopedValue<AsgiServer> SERVER = ScopedValue.newInstance();
    static final ScopedValue<WsxChannel> WSX = ScopedValue.newInstance();

    private Context() {
    }

    /** Whether the calling code runs inside a request. */
    public static boolean active() {
        return EXCHANGE.isBound();
    }

    /** The current exchange. */
    public static Exchange exchange() {
        return bound(EXCHANGE);
    }

    /** The engine's request of the current exchange. */
    public static Request request() {
        return exchange().request();
    }

    /**
     * The pending reply of the current exchange: headers and status set here are
     * merged into whatever the handler returns (cookies, cache headers, a 201).
     */
    public static Reply reply() {
        return exchange().reply();
    }

    /** The current request's session, loaded from its cookie on first use; null when it has none. */
    public static Session session() {
        return exchange().session();
    }

    /** Who is calling in the current request, or null for an anonymous caller. */
    public static Avatar avatar() {
        return exchange().avatar();
    }

    /**
     * The WSX connection the current call came over, or null when the request came over
     * HTTP: a handler may push to it, or subscribe it to a topic.
     */
    public static WsxChannel wsx() {
        bound(EXCHANGE);
        return WSX.isBound() ? WSX.get() : null;
    }

    /** The server handling the current request. */
    public static AsgiServer server() {
        return bound(SERVER);
    }

    private static <T> T bound(ScopedValue<T> value) {
        if (!value.isBound()) {
            throw new IllegalStateException("not inside a request: the context exists only while one is served",
                    new NoSuchElementException());
        }
        return value.get();
    }
}
