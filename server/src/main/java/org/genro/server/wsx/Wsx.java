package org.genro.server.wsx;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.genro.http.Limits;
import org.genro.http.Request;
import org.genro.http.Response;
import org.genro.http.WebSockets;
import org.genro.server.exchange.Json;
import org.genro.server.exchange.Reply;

/**
 * The WSX endpoint of a server: accepts the sockets, keeps track of them, and publishes
 * events to topics through the {@link TopicBus}.
 *
 * <pre>{@code
 * Context.server().wsx().publish("/chat/rooms/lobby", Map.of("from", "ann", "text", "hi"));
 * }</pre>
 *
 * A connection subscribes by sending {@code SUBSCRIBE} with the topic as its path. The
 * server answers that call as a GET of the same path, with the same routing, auth and
 * session as any call, and subscribes the connection only when the answer is a success:
 * whoever may read a resource may follow it, and the reply brings its current state.
 */
public final class Wsx implements AutoCloseable {
    /** The subprotocol name a client may offer; chosen when offered, never required. */
    public static final String SUBPROTOCOL = "wsx";

    private final WsxSettings settings;
    private final Limits limits;
    private final TopicBus bus;
    private final Function<WsxRequest, Reply> dispatch;
    private final Subscriptions subscriptions = new Subscriptions();
    private final ConcurrentHashMap<Long, WsxConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param limits   the engine's limits: request line (longest path), body, message size
     * @param bus      where events are published; opened here
     * @param dispatch serves one call as the server serves a request; never throws
     */
    public Wsx(WsxSettings settings, Limits limits, TopicBus bus, Function<WsxRequest, Reply> dispatch) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        bus.open(subscriptions::deliver);
    }

    /** The settings in force. */
    public WsxSettings settings() {
        return settings;
    }

    /**
     * Answers a request to the endpoint's path: 403 for a page from an origin not allowed,
     * the engine's 4xx for anything that is not a valid WebSocket handshake, else the
     * switch to a WSX connection.
     */
    public void accept(Request request, Response response) {
        String origin = request.header("Origin");
        boolean own = origin == null || origin.equalsIgnoreCase(ownOrigin(request));
        if (!own && !settings.origins().contains(origin.toLowerCase(Locale.ROOT))) {
            response.status(403).send("Forbidden: pages from this origin may not open the WSX socket\n");
            return;
        }
        String protocol = WebSockets.offeredProtocols(request).contains(SUBPROTOCOL) ? SUBPROTOCOL : null;
        // the handshake settled where the socket comes from; each call carries that answer
        response.upgrade(new WsxConnection(this, ids.incrementAndGet(), own ? ownOrigin(request) : origin, request),
                protocol);
    }

    /**
     * Sends {@code data} (written as JSON) to every connection subscribed to {@code topic},
     * on every instance sharing the bus. Returns at once: each subscriber's copy waits in
     * its own queue.
     *
     * @throws IllegalArgumentException when {@code data} cannot be written as JSON
     */
    public void publish(String topic, Object data) {
        bus.publish(Objects.requireNonNull(topic, "topic"), WsxCodec.event(topic, data, Json.MAPPER));
    }

    /** The open connection with this id, or null. */
    public WsxChannel channel(long id) {
        return connections.get(id);
    }

    /** Connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    /** Connections on this instance subscribed to {@code topic}. */
    public int subscriberCount(String topic) {
        return subscriptions.count(topic);
    }

    /** Stops the bus; connections end with the engine's shutdown. */
    @Override
    public void close() {
        bus.close();
    }

    Limits limits() {
        return limits;
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    Reply dispatch(WsxRequest request) {
        return dispatch.apply(request);
    }

    void opened(WsxConnection c) {
        connections.put(c.id(), c);
    }

    void closed(WsxConnection c) {
        connections.remove(c.id());
    }

    private static String ownOrigin(Request request) {
        return (request.secure() ? "https" : "http") + "://" + request.authority().toLowerCase(Locale.ROOT);
    }
}
