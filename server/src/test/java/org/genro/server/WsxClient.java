package org.genro.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WSX client over the JDK's WebSocket, for tests: {@link #call} sends a call and waits
 * for the reply with its id; events and unmatched messages wait in {@link #events}.
 */
final class WsxClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final WebSocket socket;
    private final StringBuilder partial = new StringBuilder();

    private WsxClient(WebSocket.Builder builder, URI uri) throws Exception {
        this.socket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    }

    /** Connects to {@code /_wsx} of the server on {@code port}, with handshake fields as pairs. */
    static WsxClient connect(int port, String... headers) throws Exception {
        WebSocket.Builder b = HTTP.newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return new WsxClient(b, URI.create("ws://127.0.0.1:" + port + "/_wsx"));
    }

    /** Sends {@code fields} (without id) as a call and returns the reply. */
    JsonNode call(Map<String, Object> fields) throws Exception {
        long id = ids.incrementAndGet();
        Map<String, Object> message = new java.util.LinkedHashMap<>(fields);
        message.put("id", id);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        send("WSX://" + JSON.writeValueAsString(message));
        return reply.get(10, TimeUnit.SECONDS);
    }

    JsonNode call(String method, String path) throws Exception {
        return call(Map.of("method", method, "path", path));
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** The next event or unmatched message, waiting up to 10 s. */
    JsonNode event() throws Exception {
        JsonNode e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event within 10 s");
        }
        return e;
    }

    @Override
    public void close() throws Exception {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        }
        socket.abort();
    }

    private void receive(String text) {
        try {
            boolean typed = text.endsWith("::JS");
            JsonNode m = JSON.readTree(text.substring(6, text.length() - (typed ? 4 : 0)));
            CompletableFuture<JsonNode> waiting = m.has("id") && m.get("id").canConvertToLong()
                    ? pending.remove(m.get("id").asLong()) : null;
            if (waiting != null) {
                waiting.complete(typed ? ((com.fasterxml.jackson.databind.node.ObjectNode) m).put("typed", true) : m);
            } else {
                events.add(m);
            }
        } catch (Exception e) {
            events.add(JSON.getNodeFactory().textNode("unreadable: " + text));
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                receive(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
