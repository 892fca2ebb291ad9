package org.genro.server.exchange;

import java.util.Map;
import java.util.Objects;

/**
 * One middleware placed in the pipeline: its config name, its rank (lowest runs outermost)
 * and the instance that serves every request.
 *
 * <p>Built-in ranks, in {@link #BUILT_IN}: errors 100, logging 200, cors 300, session 400,
 * auth 450, cache 850, compression 900. Custom middleware goes in
 * {@value #CUSTOM_MIN}-{@value #CUSTOM_MAX}, so it always sees requests after
 * authentication and replies before caching and compression.
 *
 * @param name       the config name, unique within one chain
 * @param rank       the position; ties are broken by name so the order is total
 * @param middleware the layer itself, shared by all requests
 */
public record Layer(String name, int rank, Middleware middleware) {
    /** The lowest rank a custom middleware may take. */
    public static final int CUSTOM_MIN = 500;
    /** The highest rank a custom middleware may take. */
    public static final int CUSTOM_MAX = 800;
    /** The built-in layers by config name, with their fixed ranks; no custom layer may take these names. */
    public static final Map<String, Integer> BUILT_IN = Map.of("errors", 100, "logging", 200, "cors", 300,
            "session", 400, "auth", 450, "cache", 850, "compression", 900);

    /** Checks that the name is not blank and the middleware is present. */
    public Layer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(middleware, "middleware");
        if (name.isBlank()) {
            throw new IllegalArgumentException("middleware name must not be blank");
        }
    }

    /**
     * A built-in layer at its fixed rank.
     *
     * @throws IllegalArgumentException when {@code name} is not in {@link #BUILT_IN}
     */
    public static Layer builtIn(String name, Middleware middleware) {
        Integer rank = BUILT_IN.get(name);
        if (rank == null) {
            throw new IllegalArgumentException("'" + name + "' is not a built-in middleware");
        }
        return new Layer(name, rank, middleware);
    }

    /**
     * A custom layer, checked the way the config checks {@code name: {class, rank}}: the rank
     * must lie in {@value #CUSTOM_MIN}-{@value #CUSTOM_MAX} and the name must not be a built-in one.
     *
     * @throws IllegalArgumentException when the rank or the name is not allowed
     */
    public static Layer custom(String name, int rank, Middleware middleware) {
        if (rank < CUSTOM_MIN || rank > CUSTOM_MAX) {
            throw new IllegalArgumentException("custom middleware rank must be " + CUSTOM_MIN + "-"
                    + CUSTOM_MAX + ", got " + rank);
        }
        if (BUILT_IN.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is the name of a built-in middleware");
        }
        return new Layer(name, rank, middleware);
    }
}
