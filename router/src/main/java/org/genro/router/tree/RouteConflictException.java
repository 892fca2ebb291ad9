package org.genro.router.tree;

/**
 * Thrown when a pattern would match exactly the same paths as a route already in the
 * tree, e.g. {@code /users/{name}} after {@code /users/{id}}. The message names both
 * patterns so a startup failure points at the two registrations to reconcile.
 */
public final class RouteConflictException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The refused pattern. */
    private final String pattern;
    /** The pattern already in the tree. */
    private final String existing;

    RouteConflictException(String pattern, String existing) {
        super("route '" + pattern + "' conflicts with existing route '" + existing + "'");
        this.pattern = pattern;
        this.existing = existing;
    }

    /**
     * The pattern whose insertion was refused.
     *
     * @return the rejected pattern
     */
    public String pattern() {
        return pattern;
    }

    /**
     * The pattern already in the tree that the rejected one collides with.
     *
     * @return the existing pattern
     */
    public String existing() {
        return existing;
    }
}
