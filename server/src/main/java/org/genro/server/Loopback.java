package org.genro.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import org.genro.http.Request;
import org.genro.server.config.AddressRanges;

/**
 * Decides whether a request comes from this machine and may be trusted as such (the
 * {@code /_server/} pages answer local clients without credentials).
 *
 * <p>A loopback peer is not enough. A browser on this machine can be made to send
 * requests to 127.0.0.1 from a hostile page through DNS rebinding: the page's own name
 * resolves to 127.0.0.1, and the request arrives from loopback with that name in Host. So
 * the Host must name loopback too ({@code localhost}, an address in 127.0.0.0/8, or
 * {@code [::1]}). And a request a proxy forwarded arrives from the proxy's loopback
 * address on behalf of someone else, so any forwarding field makes it untrusted, unless
 * the proxy is one of {@code server.trusted_proxies}: then the client and host it forwarded
 * for ({@link Forwarding}) are what is judged.
 */
final class Loopback {
    /** Fields a proxy adds when it forwards a request for another client. */
    private static final List<String> FORWARDING = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Proto", "X-Real-IP");

    private Loopback() {
    }

    /** Whether {@code request} came from a loopback peer, names a loopback host, and was not forwarded. */
    static boolean trusted(Request request) {
        InetSocketAddress remote = request.remoteAddress();
        if (remote == null || remote.getAddress() == null || !remote.getAddress().isLoopbackAddress()) {
            return false;
        }
        // through a trusted proxy, the client and host it vouches for are judged instead
        if (!Forwarding.fromTrustedProxy(request)) {
            for (String field : FORWARDING) {
                if (request.header(field) != null) {
                    return false;
                }
            }
        }
        return loopbackHost(request.authority());
    }

    /** Whether an authority ({@code host[:port]}) names this machine's loopback interface. */
    static boolean loopbackHost(String authority) {
        if (authority == null || authority.isEmpty()) {
            return false;
        }
        String host;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = authority.substring(1, close);
            return host.equals("::1") || host.equalsIgnoreCase("0:0:0:0:0:0:0:1");
        }
        int colon = authority.indexOf(':');
        host = (colon < 0 ? authority : authority.substring(0, colon)).toLowerCase(Locale.ROOT);
        if (host.equals("localhost")) {
            return true;
        }
        byte[] ipv4 = host.indexOf(':') < 0 ? AddressRanges.literal(host) : null; // a literal; no name is resolved
        return ipv4 != null && ipv4.length == 4 && ipv4[0] == 127;
    }
}
