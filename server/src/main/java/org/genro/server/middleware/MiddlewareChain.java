package org.genro.server.middleware;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Reply;

/**
 * Composes layers into one {@link Next}, once, at startup.
 *
 * <p>The chain is a fixed linked list of {@link Step}s: each step holds its middleware and the
 * step inside it, so running a request costs one call per layer and allocates nothing for the
 * chain itself (a closure built per request would allocate on the hot path).
 *
 * <pre>{@code
 * Next app = exchange -> Reply.text("hi");
 * Next pipeline = MiddlewareChain.build(List.of(
 *         new Errors(Errors.Options.DEFAULTS).layer(),
 *         new Compression(Compression.Options.DEFAULTS).layer()), app);
 * Reply reply = pipeline.proceed(exchange);
 * }</pre>
 */
public final class MiddlewareChain {
    /**
     * Rank first, then name: the original left ties in file-glob order, which was undefined.
     * Written out rather than composed from method references, each of which made the JDK
     * generate a class as the server started.
     */
    static final Comparator<Layer> ORDER = new Comparator<>() {
        @Override
        public int compare(Layer a, Layer b) {
            int byRank = Integer.compare(a.rank(), b.rank());
            return byRank != 0 ? byRank : a.name().compareTo(b.name());
        }
    };

    private MiddlewareChain() {
    }

    /**
     * The layers sorted outermost first: by rank, ties by name.
     *
     * @throws IllegalArgumentException when two layers share a name
     */
    public static List<Layer> order(List<Layer> layers) {
        Set<String> names = new HashSet<>();
        for (Layer layer : layers) {
            if (!names.add(layer.name())) {
                throw new IllegalArgumentException("middleware '" + layer.name() + "' is given twice");
            }
        }
        List<Layer> sorted = new ArrayList<>(layers);
        sorted.sort(ORDER);
        return List.copyOf(sorted);
    }

    /**
     * A pipeline that runs {@code layers} in {@link #order} around {@code terminal} (the app).
     * With no layers it is {@code terminal} itself.
     *
     * @throws IllegalArgumentException when two layers share a name
     */
    public static Next build(List<Layer> layers, Next terminal) {
        Objects.requireNonNull(terminal, "terminal");
        List<Layer> sorted = order(layers);
        Next next = terminal;
        // Built from the innermost layer outwards, so each step already knows its inner one.
        for (int i = sorted.size() - 1; i >= 0; i--) {
            next = new Step(sorted.get(i), next);
        }
        return next;
    }

    /** One link of the chain: calls its layer with the rest of the chain. */
    private record Step(Layer layer, Next inner) implements Next {
        @Override
        public Reply proceed(Exchange exchange) throws Exception {
            return layer.middleware().handle(exchange, inner);
        }

        @Override
        public String toString() {
            return layer.name() + "(" + layer.rank() + ") > " + inner;
        }
    }
}
