package org.genro.router;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.genro.router.RouteIndex.Key;
import org.genro.router.RouteIndex.Target;

/**
 * Path to {@link Resolution}: one lookup in the compiled index, then the entry's
 * positional fit and its plugins' access checks. Lock-free; the only writes it may
 * cause are building a lazy branch met on the way.
 */
final class Resolver {

    /** Alias hops before a chain is declared broken; cycles are caught before this. */
    private static final int MAX_HOPS = 32;

    private Resolver() {
    }

    /**
     * Finds the entry {@code path} reaches from {@code start}. With a null caller access
     * is not checked (the outcome is Found or NotFound), which is how a server learns
     * which app owns a path before it knows who is calling.
     */
    static Resolution resolve(Router start, String path, Caller caller) {
        Router base = start;
        String target = path;
        // After an alias hop, the alias target itself must be matched in full: a target
        // that leads nowhere is not found, rather than falling back on a default entry.
        int mustConsume = 0;
        Set<Target.ToAlias> hops = null;
        while (true) {
            int from = 0;
            int to = target.length();
            while (from < to && target.charAt(from) == '/') {
                from++;
            }
            while (to > from && target.charAt(to - 1) == '/') {
                to--;
            }
            RouteIndex index = base.index();
            if (from < to && target.charAt(from) == '@') {
                return byId(index, path, target, from, to, caller);
            }
            // Never null: the index holds "" and "{*rest}" for the router itself. The key
            // alone says where the rest starts, so the lookup records no captures and
            // allocates nothing.
            Key key = index.tree().find(target, from, to);
            // The rest of the path, as offsets: start < 0 when the key took it all.
            int restStart = key.rest() < 0 ? -1 : from + key.rest();
            if (key.length() < mustConsume) {
                return new Resolution.NotFound(path);
            }
            switch (key.target()) {
                case Target.ToEntry t -> {
                    return found(t.entry(), target, restStart, to, path, caller);
                }
                case Target.ToRouter t -> {
                    Router r = t.router();
                    Entry fallback = r.entryMap().get(r.defaultEntry());
                    return fallback == null ? new Resolution.NotFound(path)
                            : found(fallback, target, restStart, to, path, caller);
                }
                case Target.ToLazy t -> t.owner().materialize(t.name());
                case Target.ToAlias t -> {
                    hops = hop(hops, t);
                    base = base.top();
                    target = restStart < 0 ? t.target() : t.target() + "/" + target.substring(restStart, to);
                    mustConsume = t.target().length();
                }
            }
        }
    }

    /** Records one alias hop, refusing a second visit to the same alias. */
    private static Set<Target.ToAlias> hop(Set<Target.ToAlias> hops, Target.ToAlias alias) {
        Set<Target.ToAlias> seen = hops == null ? new HashSet<>() : hops;
        if (!seen.add(alias) || seen.size() > MAX_HOPS) {
            throw new IllegalStateException("alias cycle through '" + alias.owner().childPath(alias.name())
                    + "' -> '" + alias.target() + "'");
        }
        return seen;
    }

    private static Resolution byId(RouteIndex index, String path, String target, int from, int to, Caller caller) {
        int slash = target.indexOf('/', from);
        int idEnd = slash < 0 || slash > to ? to : slash;
        Entry entry = index.ids().get(target.substring(from + 1, idEnd));
        if (entry == null) {
            return new Resolution.NotFound(path);
        }
        return found(entry, target, idEnd < to ? idEnd + 1 : -1, to, path, caller);
    }

    /**
     * Checks fit and access, then builds the positional list from {@code text[start, end)}
     * ({@code start < 0}: none). The rest stays offsets until then, so refusals allocate
     * nothing beyond their own record.
     */
    private static Resolution found(Entry entry, String text, int start, int end, String path, Caller caller) {
        if (!entry.accepts(count(text, start, end))) {
            return new Resolution.NotFound(path);
        }
        Resolution refused = caller == null ? null : refusal(entry, caller);
        return refused != null ? refused : new Resolution.Found(entry, segments(text, start, end));
    }

    /** The first plugin's refusal of {@code caller} for {@code entry}, in plug order, or null. */
    static Resolution refusal(Entry entry, Caller caller) {
        for (Slot<?> slot : entry.state().guards()) {
            switch (slot.access(entry, caller)) {
                case ALLOWED -> { }
                case NOT_AUTHENTICATED -> {
                    return new Resolution.NotAuthenticated(entry);
                }
                case NOT_AUTHORIZED -> {
                    return new Resolution.NotAuthorized(entry);
                }
                case NOT_AVAILABLE -> {
                    return new Resolution.NotAvailable(entry, slot.plugin().code());
                }
            }
        }
        return null;
    }

    /** Access for introspection: the first refusal, or ALLOWED. */
    static Access access(Entry entry, Caller caller) {
        for (Slot<?> slot : entry.state().guards()) {
            Access a = slot.access(entry, caller);
            if (a != Access.ALLOWED) {
                return a;
            }
        }
        return Access.ALLOWED;
    }

    /** Number of segments in {@code text[start, end)}; "a//b" has three, as empty ones count. */
    private static int count(String text, int start, int end) {
        if (start < 0) {
            return 0;
        }
        int n = 1;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }

    private static List<String> segments(String text, int start, int end) {
        int n = count(text, start, end);
        if (n <= 1) {
            return n == 0 ? List.of() : List.of(text.substring(start, end));
        }
        String[] out = new String[n];
        int k = 0;
        int from = start;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == '/') {
                out[k++] = text.substring(from, i);
                from = i + 1;
            }
        }
        out[k] = text.substring(from, end);
        return List.of(out);
    }
}
