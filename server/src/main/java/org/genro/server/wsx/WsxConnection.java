package org.genro.server.wsx;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.genro.http.CloseCode;
import org.genro.http.Headers;
import org.genro.http.Request;
import org.genro.http.WebSocketListener;
import org.genro.http.WebSocketSession;
import org.genro.server.exchange.Json;
import org.genro.server.exchange.Reply;

/**
 * One WSX socket. The engine calls it on the connection's thread, one message at a time;
 * each call then runs on a virtual thread of its own, so a slow call never holds up the
 * others or the reading of the socket, and replies go out in the order they finish.
 *
 * <pre>
 *  text message ──► parse ──error──► error reply (the socket stays open)
 *      │
 *      ├─ UNSUBSCRIBE ──► drop the topic, reply 200
 *      ├─ over max_in_flight (or max_topics) ──► 429 reply
 *      └─ call (SUBSCRIBE: as a GET) ──► virtual thread: request ──► pipeline ──► reply
 *                                                  SUBSCRIBE answered 2xx ──► subscribed
 *  replies and events ──► outbox (bounded) ──► drained by one thread at a time ──► socket
 *                              └─ full ──► close 1008
 * </pre>
 */
final class WsxConnection implements WebSocketListener, WsxChannel {
    private static final System.Logger LOG = System.getLogger("org.genro.server.wsx");
    /**
     * Handshake fields that say nothing about a call: the socket's own framing and
     * negotiation. {@code Accept-Encoding} among them: a browser sends it with every
     * handshake, and a gzip layer would then compress each reply into bytes the page
     * could only get as base64; the socket compresses with permessage-deflate instead.
     */
    private static final Set<String> HANDSHAKE_ONLY = Set.of("upgrade", "connection", "cookie", "content-length",
            "transfer-encoding", "origin", "accept-encoding");

    private final Wsx hub;
    private final long id;
    /** The {@code Origin} each call carries: the connection's own when the handshake came from it. */
    private final String origin;
    private final Semaphore inFlight;
    private static final String TOO_MANY_TOPICS = "this connection has as many subscriptions as the server allows";
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private volatile WebSocketSession session;
    private volatile Outbox outbox;
    private volatile CookieJar jar;

    /**
     * The handshake as the server saw it, or null for the session's own: behind a trusted
     * proxy the server sees the client's address, scheme and host, and every call must too.
     */
    private final Request seen;

    WsxConnection(Wsx hub, long id, String origin) {
        this(hub, id, origin, null);
    }

    WsxConnection(Wsx hub, long id, String origin, Request seen) {
        this.hub = hub;
        this.id = id;
        this.origin = origin;
        this.seen = seen;
        this.inFlight = new Semaphore(hub.settings().maxInFlight());
    }

    private Request seenHandshake() {
        return seen != null ? seen : session.request();
    }

    // ---------------------------------------------------------------- engine events

    @Override
    public void onOpen(WebSocketSession s) {
        session = s;
        outbox = new Outbox(s, hub.settings().queue(), hub.settings().queueBytes());
        jar = new CookieJar(s.request().header("Cookie"));
        hub.opened(this);
    }

    @Override
    public void onText(WebSocketSession s, String message) {
        WsxCall call;
        try {
            call = WsxCodec.parse(message, hub.limits().requestLine());
        } catch (WsxError e) {
            queue(WsxCodec.error(e.id(), e.status(), e.getMessage()));
            return;
        }
        switch (call.method()) {
            case "UNSUBSCRIBE" -> unsubscribeCall(call);
            case "SUBSCRIBE" -> {
                if (topics.size() >= hub.settings().maxTopics() && !topics.contains(topic(call))) {
                    queue(WsxCodec.error(call.id(), 429, TOO_MANY_TOPICS)); // early: no call to run
                } else {
                    start(call, "GET", true);
                }
            }
            default -> start(call, call.method(), false);
        }
    }

    @Override
    public void onBinary(WebSocketSession s, byte[] message) {
        queue(WsxCodec.error(null, 400, "WSX calls are text messages; binary ones are not understood"));
    }

    @Override
    public void onClose(WebSocketSession s, int code, String reason) {
        Outbox o = outbox;
        if (o != null) {
            o.close();
        }
        for (String topic : topics) {
            hub.subscriptions().remove(topic, this);
        }
        topics.clear();
        hub.closed(this);
    }

    @Override
    public void onError(WebSocketSession s, Throwable error) {
        LOG.log(Level.DEBUG, () -> "WSX connection " + id + " failed: " + error);
    }

    // ---------------------------------------------------------------- calls

    /** Runs a call on its own virtual thread, unless this connection already runs as many as allowed. */
    private void start(WsxCall call, String method, boolean subscribing) {
        if (!inFlight.tryAcquire()) {
            queue(WsxCodec.error(call.id(), 429, "too many calls in flight on this connection; wait for replies"));
            return;
        }
        WsxRequest request = new WsxRequest(call, method, this, seenHandshake(), headers(call), subscribing,
                hub.limits().body());
        Thread.ofVirtual().name("wsx-call-", id).start(() -> {
            String reply;
            try {
                reply = answer(call, request);
            } finally {
                inFlight.release();
            }
            queue(reply, true);
        });
    }

    /** The reply text for a call; never throws (a failure here is a 500 reply). */
    private String answer(WsxCall call, WsxRequest request) {
        try {
            Reply reply = hub.dispatch(request);
            for (String setCookie : reply.headers().all("Set-Cookie")) {
                jar.set(setCookie);
            }
            byte[] body = ReplyBodies.bytes(reply, hub.limits().wsMessage());
            if (body == null) {
                return WsxCodec.error(call.id(), 500, "the reply is larger than one WSX message may be");
            }
            if (request.subscribing() && reply.status() / 100 == 2 && !subscribe(topic(call))
                    && !topics.contains(topic(call))) {
                return WsxCodec.error(call.id(), 429, TOO_MANY_TOPICS); // others subscribed meanwhile
            }
            return WsxCodec.reply(call.id(), reply.status(), reply.headers(), body, call.typed());
        } catch (Exception | Error e) {
            LOG.log(Level.ERROR, "WSX call " + request + " on connection " + id + " failed", e);
            return WsxCodec.error(call.id(), 500, "Internal Server Error");
        }
    }

    private void unsubscribeCall(WsxCall call) {
        String topic = topic(call);
        boolean was = unsubscribe(topic);
        Headers headers = new Headers(1).add("Content-Type", "application/json");
        String data = "{\"topic\":" + Json.MAPPER.valueToTree(topic) + ",\"subscribed\":false,\"was\":" + was + "}";
        queue(WsxCodec.reply(call.id(), 200, headers, data.getBytes(StandardCharsets.UTF_8), false));
    }

    /** A call's topic: its path, as the client wrote it and before any query. */
    private static String topic(WsxCall call) {
        return call.path();
    }

    /**
     * The head of a call: the handshake's fields (credentials, language, agent), the
     * connection's cookies with the call's own over them, then the call's fields over
     * everything. JSON is what a WSX client reads, so error replies come as JSON unless
     * the call asks otherwise.
     */
    private Headers headers(WsxCall call) {
        Headers handshake = seenHandshake().headers();
        Headers out = new Headers(handshake.size() + call.headers().size() + 3);
        for (int i = 0; i < handshake.size(); i++) {
            String name = handshake.name(i);
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HANDSHAKE_ONLY.contains(lower) && !lower.startsWith("sec-websocket-")) {
                out.add(name, handshake.value(i));
            }
        }
        if (origin != null) {
            out.set("Origin", origin);
        }
        String cookies = jar.header(call.cookies());
        if (cookies != null) {
            out.set("Cookie", cookies);
        }
        if (!call.headers().keySet().stream().anyMatch(n -> n.equalsIgnoreCase("Accept"))) {
            out.set("Accept", "application/json");
        }
        call.headers().forEach(out::set);
        if (call.body() != null) {
            out.set("Content-Type", call.contentType());
            out.set("Content-Length", Integer.toString(call.body().length));
        }
        return out;
    }

    /** Queues a message for the client; a full queue closes the connection with 1008. */
    void queue(String message) {
        queue(message, false);
    }

    /** {@link #queue}, draining on this thread when nobody else is: for a call's own thread, whose work is done. */
    private void queue(String message, boolean drainHere) {
        Outbox o = outbox;
        if (o != null && !(drainHere ? o.offerAndDrain(message) : o.offer(message))) {
            o.close();
            LOG.log(Level.INFO, () -> "WSX connection " + id + " reads too slowly: closing it");
            // another thread: the close frame waits behind whatever the socket is slow to take
            Thread.ofVirtual().start(() -> session.close(CloseCode.POLICY_VIOLATION, "outgoing queue full"));
        }
    }

    // ---------------------------------------------------------------- WsxChannel

    @Override
    public long id() {
        return id;
    }

    @Override
    public void push(String topic, Object data) {
        queue(WsxCodec.event(topic, data, Json.MAPPER));
    }

    @Override
    public boolean subscribe(String topic) {
        synchronized (topics) {
            // the bound holds here, whoever subscribes: calls running at once, or app code
            if (topics.contains(topic) || topics.size() >= hub.settings().maxTopics()) {
                return false;
            }
            topics.add(topic);
        }
        hub.subscriptions().add(topic, this);
        if (!isOpen()) {
            // closed meanwhile: onClose may have swept the topics before this one was added
            unsubscribe(topic);
        }
        return true;
    }

    @Override
    public boolean unsubscribe(String topic) {
        if (!topics.remove(topic)) {
            return false;
        }
        hub.subscriptions().remove(topic, this);
        return true;
    }

    @Override
    public Set<String> topics() {
        return Set.copyOf(topics);
    }

    @Override
    public int inFlight() {
        return hub.settings().maxInFlight() - inFlight.availablePermits();
    }

    @Override
    public boolean isOpen() {
        WebSocketSession s = session;
        return s != null && s.isOpen();
    }

    @Override
    public void close(int code, String reason) {
        WebSocketSession s = session;
        if (s != null) {
            s.close(code, reason);
        }
    }

    @Override
    public Request handshake() {
        return seenHandshake();
    }

    @Override
    public String toString() {
        return "WsxConnection[" + id + "]";
    }
}
