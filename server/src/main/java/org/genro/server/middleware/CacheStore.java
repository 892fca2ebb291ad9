package org.genro.server.middleware;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.genro.http.Headers;

/**
 * The bounded, shared store behind the cache layer: replies by URL, then by the request
 * header values their {@code Vary} names, least recently used evicted first.
 *
 * <p>One URL may hold several variants (plain and gzip, one per {@code Origin}); a lookup
 * picks the one whose recorded header values equal the request's. Bounds count variants and
 * body bytes. All access is under one lock: the operations are map updates of a few
 * microseconds, and the store is shared by every connection's virtual thread.
 */
final class CacheStore {
    /** A stored reply: status 200, headers without hop-specific fields, body shared read-only. */
    record Entry(Headers headers, byte[] body, List<String> varyNames, List<String> varyValues,
                 long storedNanos, long maxAgeNanos) {
        /** Bytes counted against the bound: the body plus a rough cost of the headers. */
        long cost() {
            long cost = body.length + 64;
            for (int i = 0; i < headers.size(); i++) {
                cost += headers.name(i).length() + headers.value(i).length() + 4;
            }
            return cost;
        }

        boolean freshAt(long nanos) {
            return nanos - storedNanos < maxAgeNanos;
        }
    }

    /** Request header values read for a lookup or a store; {@code name → value or null}. */
    @FunctionalInterface
    interface RequestHeaders {
        String value(String name);
    }

    private final int maxEntries;
    private final long maxBytes;
    private final Object lock = new Object();
    // Access order makes iteration start at the least recently used URL.
    private final LinkedHashMap<String, List<Entry>> byUrl = new LinkedHashMap<>(64, 0.75f, true);
    private int entries;
    private long bytes;

    CacheStore(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The fresh variant of {@code url} matching the request's header values, or null. */
    Entry lookup(String url, RequestHeaders request, long nowNanos) {
        synchronized (lock) {
            List<Entry> variants = byUrl.get(url);
            if (variants == null) {
                return null;
            }
            for (Iterator<Entry> it = variants.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (!e.freshAt(nowNanos)) {
                    it.remove();
                    forget(e);
                } else if (matches(e, request)) {
                    return e;
                }
            }
            if (variants.isEmpty()) {
                byUrl.remove(url);
            }
            return null;
        }
    }

    /** Stores {@code entry} for {@code url}, replacing the variant with the same header values. */
    void put(String url, Entry entry) {
        long cost = entry.cost();
        if (cost > maxBytes) {
            return;
        }
        synchronized (lock) {
            List<Entry> variants = byUrl.computeIfAbsent(url, k -> new ArrayList<>(2));
            for (Iterator<Entry> it = variants.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (e.varyNames().equals(entry.varyNames()) && e.varyValues().equals(entry.varyValues())) {
                    it.remove();
                    forget(e);
                }
            }
            variants.add(entry);
            entries++;
            bytes += cost;
            evict(url);
        }
    }

    /** How many variants are stored. */
    int size() {
        synchronized (lock) {
            return entries;
        }
    }

    /** How many bytes are counted against the bound. */
    long bytes() {
        synchronized (lock) {
            return bytes;
        }
    }

    // Drops least recently used URLs (all their variants) until the bounds hold again. The URL
    // just written is the most recent, so it comes last: there only its older variants go.
    private void evict(String keep) {
        Iterator<Map.Entry<String, List<Entry>>> it = byUrl.entrySet().iterator();
        while ((entries > maxEntries || bytes > maxBytes) && it.hasNext()) {
            Map.Entry<String, List<Entry>> eldest = it.next();
            List<Entry> variants = eldest.getValue();
            if (eldest.getKey().equals(keep)) {
                while ((entries > maxEntries || bytes > maxBytes) && variants.size() > 1) {
                    forget(variants.removeFirst());
                }
                continue;
            }
            variants.forEach(this::forget);
            it.remove();
        }
    }

    private void forget(Entry e) {
        entries--;
        bytes -= e.cost();
    }

    /** The values a request carries for the names a variant varies on, in the same order. */
    static List<String> values(List<String> names, RequestHeaders request) {
        List<String> out = new ArrayList<>(names.size());
        for (String name : names) {
            out.add(request.value(name));
        }
        return out;
    }

    private static boolean matches(Entry e, RequestHeaders request) {
        List<String> names = e.varyNames();
        for (int i = 0; i < names.size(); i++) {
            if (!Objects.equals(e.varyValues().get(i), request.value(names.get(i)))) {
                return false;
            }
        }
        return true;
    }
}
