package org.genro.http;

import java.util.ArrayList;
import java.util.List;

/** Questions a handler asks about a request before it calls {@link Response#upgrade}. */
public final class WebSockets {
    private WebSockets() {
    }

    /**
     * Whether the request asks to switch to WebSocket ({@code Upgrade: websocket}, any
     * case). It says nothing about whether the rest of the handshake is valid: that is
     * {@link Response#upgrade}'s job.
     */
    public static boolean requested(Request request) {
        for (String value : request.headers().all("Upgrade")) {
            for (String token : value.split(",")) {
                if (token.strip().equalsIgnoreCase("websocket")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The subprotocols the client offered in {@code Sec-WebSocket-Protocol}, in its order. */
    public static List<String> offeredProtocols(Request request) {
        return offered(request.headers());
    }

    /** The subprotocols listed in {@code fields}; {@link Response#upgrade} checks its choice against them. */
    static List<String> offered(Headers fields) {
        List<String> offered = new ArrayList<>();
        for (String value : fields.all("Sec-WebSocket-Protocol")) {
            for (String token : value.split(",")) {
                String p = token.strip();
                if (!p.isEmpty()) {
                    offered.add(p);
                }
            }
        }
        return List.copyOf(offered);
    }
}
