package org.genro.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.genro.http.Headers;
import org.genro.http.Request;
import org.genro.server.config.AddressRanges;
import org.genro.server.wsx.WsxRequest;

/**
 * Who the client is when the request came through proxies the server trusts
 * ({@code server.trusted_proxies}).
 *
 * <p>Only when the TCP peer is a trusted proxy are its forwarding fields read: the
 * standard {@code Forwarded}, or else {@code X-Forwarded-For}, {@code -Proto} and
 * {@code -Host}. From anyone else they are ignored, since a client can write them. The hops
 * are walked from the right (the nearest proxy) leftwards while each is trusted; the first
 * untrusted one is the client, because everything to its left was written by that
 * untrusted client and may be invented:
 *
 * <pre>
 *  peer 10.0.0.2 (trusted), X-Forwarded-For: 6.6.6.6, 198.51.100.7, 10.0.0.9 (trusted)
 *                                                     ^ the client: 6.6.6.6 is what it claimed
 *  peer 10.0.0.2 (trusted), Forwarded: for=198.51.100.7;proto=https;host=shop.example
 *                                      → client 198.51.100.7, https, Host shop.example
 * </pre>
 *
 * A hop that is not an address ({@code unknown}, an obfuscated name, garbage) ends the walk
 * as an unresolved client. A scheme other than http or https, or a host that is not a valid
 * {@code host[:port]}, is ignored and the connection's own is kept. With {@code Forwarded},
 * scheme and host come from the element of the chosen hop (what its proxy received); with
 * the {@code X-Forwarded-*} fields, from their last value (what the nearest proxy vouches
 * for).
 */
final class Forwarding {
    private static final int MAX_HOST = 255;

    private Forwarding() {
    }

    /**
     * {@code request} as its client sent it, as a {@link Proxied} whenever the peer is a
     * trusted proxy; {@code request} itself when it is not.
     */
    static Request resolve(Request request, AddressRanges trusted) {
        if (trusted.isEmpty()) {
            return request; // before asking for the peer: the socket's address is looked up under its lock
        }
        InetSocketAddress peer = request.remoteAddress();
        if (peer == null || !trusted.contains(peer.getAddress())) {
            return request;
        }
        Headers headers = request.headers();
        List<String> forwarded = headers.all("Forwarded");
        Hop hop = !forwarded.isEmpty() ? forwarded(forwarded, trusted)
                : xForwarded(headers.all("X-Forwarded-For"), trusted, last(headers.all("X-Forwarded-Proto")),
                        last(headers.all("X-Forwarded-Host")));
        if (hop == null) {
            // the proxy forwarded nothing: it is the client, but still a trusted peer (its X-Request-Id counts)
            return new Proxied(request, peer, request.secure(), request.authority());
        }
        boolean secure = switch (hop.proto() == null ? "" : hop.proto().toLowerCase(Locale.ROOT)) {
            case "https" -> true;
            case "http" -> false;
            default -> request.secure();
        };
        String host = hop.host() != null && validHost(hop.host()) ? hop.host() : request.authority();
        return new Proxied(request, hop.client() != null ? hop.client() : peer, secure, host);
    }

    /**
     * Whether {@code request} came from a trusted proxy: resolved here, or a WSX call made on
     * a handshake that was. Loopback trust and request ids ask this, not the request's type.
     */
    static boolean fromTrustedProxy(Request request) {
        return request instanceof Proxied || request instanceof WsxRequest call && call.handshake() instanceof Proxied;
    }

    /** One hop as the chosen element describes it; a null proto or host keeps the connection's. */
    private record Hop(InetSocketAddress client, String proto, String host) {
    }

    private static Hop forwarded(List<String> fields, AddressRanges trusted) {
        List<List<String[]>> elements = new ArrayList<>();
        for (String field : fields) {
            for (String element : split(field, ',')) {
                List<String[]> pairs = new ArrayList<>();
                for (String pair : split(element, ';')) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        pairs.add(new String[] {pair.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                                unquote(pair.substring(eq + 1).strip())});
                    }
                }
                elements.add(pairs);
            }
        }
        for (int i = elements.size() - 1; i >= 0; i--) {
            InetSocketAddress node = node(value(elements.get(i), "for"));
            if (i > 0 && node.getAddress() != null && trusted.contains(node.getAddress())) {
                continue;
            }
            return new Hop(node, value(elements.get(i), "proto"), value(elements.get(i), "host"));
        }
        return null;
    }

    private static Hop xForwarded(List<String> fields, AddressRanges trusted, String proto, String host) {
        List<String> hops = new ArrayList<>();
        for (String field : fields) {
            hops.addAll(split(field, ','));
        }
        if (hops.isEmpty()) {
            return proto == null && host == null ? null : new Hop(null, proto, host);
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetSocketAddress node = node(hops.get(i).strip());
            if (i > 0 && node.getAddress() != null && trusted.contains(node.getAddress())) {
                continue;
            }
            return new Hop(node, proto, host);
        }
        return null;
    }

    /** A node as written in a hop: an address, with a port or not, IPv6 in brackets; else unresolved. */
    static InetSocketAddress node(String text) {
        if (text == null || text.isEmpty()) {
            return InetSocketAddress.createUnresolved("unknown", 0);
        }
        String address = text;
        int port = 0;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            address = close < 0 ? "" : text.substring(1, close);
            port = close < 0 ? 0 : port(text.substring(close + 1));
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') > 0) {
            address = text.substring(0, text.indexOf(':')); // IPv4 with a port
            port = port(text.substring(text.indexOf(':')));
        }
        byte[] bytes = AddressRanges.literal(address);
        if (bytes == null || port < 0) {
            return InetSocketAddress.createUnresolved("unknown", 0);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            return InetSocketAddress.createUnresolved("unknown", 0); // not reached: the length is checked
        }
    }

    /** ":1234" → 1234, "" → 0, anything else → -1. */
    private static int port(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        String digits = text.substring(1);
        if (text.charAt(0) != ':' || digits.isEmpty() || digits.length() > 5
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(digits) > 65535) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    /** A host as Host may carry it: a name or IPv4 of letters, digits, '-' and '.', or an IPv6 in brackets; a port. */
    static boolean validHost(String host) {
        if (host.isEmpty() || host.length() > MAX_HOST) {
            return false;
        }
        int end = host.length();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0 || AddressRanges.literal(host.substring(1, close)) == null) {
                return false;
            }
            return close == end - 1 || port(host.substring(close + 1)) >= 0;
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            if (port(host.substring(colon)) < 0) {
                return false;
            }
            end = colon;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static String value(List<String[]> pairs, String key) {
        for (String[] pair : pairs) {
            if (pair[0].equals(key)) {
                return pair[1];
            }
        }
        return null;
    }

    private static String last(List<String> fields) {
        if (fields.isEmpty()) {
            return null;
        }
        List<String> values = split(fields.getLast(), ',');
        return values.isEmpty() ? null : values.getLast().strip();
    }

    /** {@code text} split at {@code sep} outside double quotes; empty parts dropped. */
    private static List<String> split(String text, char sep) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : sep;
            if (c == '"' && i < text.length()) {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == sep && !quoted) {
                String part = text.substring(start, Math.min(i, text.length())).strip();
                if (!part.isEmpty()) {
                    out.add(part);
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return v;
    }

    /** A request from a trusted proxy, as its client sent it: the client's address, scheme and host. */
    static final class Proxied extends RequestView {
        private final InetSocketAddress client;
        private final boolean secure;
        private final String authority;

        Proxied(Request request, InetSocketAddress client, boolean secure, String authority) {
            super(request);
            this.client = client;
            this.secure = secure;
            this.authority = authority;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return client;
        }

        @Override
        public boolean secure() {
            return secure;
        }

        @Override
        public String authority() {
            return authority;
        }
    }
}
