package org.genro.server;

import java.util.List;

/**
 * The names a layer routes to, found by a region of the request path rather than by a
 * String cut from it: the first segment of every request is looked up here, and cutting it
 * out only to hash it and throw it away would cost an allocation per request. The String a
 * lookup returns is the table's own, the same object every time, so later maps keyed by
 * the mount name (the layer's pipelines, the metrics) find it with a cached hash and an
 * identity compare.
 *
 * <p>Open addressing over a power-of-two array, filled once; immutable and safe to share.
 */
final class MountTable {
    private final String[] names;
    private final int[] hashes;
    private final int mask;

    /** A table of {@code names}; a name given twice is kept once. */
    MountTable(List<String> names) {
        int size = Integer.highestOneBit(Math.max(4, names.size() * 2 - 1)) << 1;
        this.names = new String[size];
        this.hashes = new int[size];
        this.mask = size - 1;
        for (String name : names) {
            int h = name.hashCode();
            int i = h & mask;
            while (this.names[i] != null && !this.names[i].equals(name)) {
                i = (i + 1) & mask;
            }
            this.names[i] = name;
            this.hashes[i] = h;
        }
    }

    /** The table's String equal to {@code s[from, to)}, or null. */
    String find(String s, int from, int to) {
        int h = hash(s, from, to);
        int len = to - from;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            String name = names[i];
            if (name == null) {
                return null;
            }
            if (hashes[i] == h && name.length() == len && s.regionMatches(from, name, 0, len)) {
                return name;
            }
        }
    }

    /** {@link String#hashCode} of {@code s[from, to)}, without cutting that region out as a String. */
    static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }
}
