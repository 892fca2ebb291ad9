package org.genro.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A set of IP addresses written as literals and CIDR ranges ({@code 127.0.0.1},
 * {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}), such as {@code server.trusted_proxies}.
 * Only literals are read: a host name would make trust depend on whatever DNS answers.
 * An IPv4 address given in IPv6 form ({@code ::ffff:10.0.0.1}) is matched as the IPv4 one.
 */
public final class AddressRanges {
    /** No address at all. */
    public static final AddressRanges NONE = new AddressRanges(List.of(), List.of());

    private final List<String> written;
    private final List<Range> ranges;

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private AddressRanges(List<String> written, List<Range> ranges) {
        this.written = List.copyOf(written);
        this.ranges = List.copyOf(ranges);
    }

    /**
     * Reads each item as an address literal or {@code address/prefix}.
     *
     * @throws IllegalArgumentException naming the item that is not one
     */
    public static AddressRanges of(List<String> items) {
        List<Range> ranges = new ArrayList<>();
        List<String> written = new ArrayList<>(items.size());
        for (String item : items) {
            String stripped = Objects.requireNonNull(item, "item").strip();
            ranges.add(range(stripped));
            written.add(stripped);
        }
        return new AddressRanges(List.copyOf(written), ranges);
    }

    private static Range range(String item) {
        int slash = item.indexOf('/');
        String address = slash < 0 ? item : item.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("expected an IP address or a CIDR range such as 10.0.0.0/8, got '" + item + "'");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = item.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(p) > max) {
                throw new IllegalArgumentException("expected a prefix length 0-" + max + " after '/', got '" + item + "'");
            }
            prefix = Integer.parseInt(p);
        }
        return new Range(bytes, prefix);
    }

    /**
     * The bytes of an IP literal (4 for IPv4, IPv4-mapped IPv6 included; 16 for IPv6), or
     * null when {@code text} is not one. Never resolves a name.
     */
    public static byte[] literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        boolean v6 = text.indexOf(':') >= 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c == '.' || v6 && (c == ':' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
            if (!ok) {
                return null; // InetAddress would look a name up
            }
        }
        if (!v6 && !dottedQuad(text)) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress(); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean dottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code address} is in one of the ranges; false for null. */
    public boolean contains(InetAddress address) {
        if (address == null || ranges.isEmpty()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        for (Range r : ranges) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** Whether there is no range at all. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The items as written, for the config tree. */
    public List<String> written() {
        return written;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRanges other && written.equals(other.written);
    }

    @Override
    public int hashCode() {
        return written.hashCode();
    }

    @Override
    public String toString() {
        return "AddressRanges" + written;
    }
}
