package org.genro.router;

/**
 * A routing class with no entries of its own: a node that only groups branches
 * ({@code api/v1/...}).
 */
public final class Section extends RoutingClass {

    /** Creates an empty section; attach branches through {@link #router()}. */
    public Section() {
    }
}
