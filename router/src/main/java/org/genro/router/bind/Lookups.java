package org.genro.router.bind;

import java.lang.invoke.MethodHandles;

/**
 * Obtains method-handle access to application classes. Apps usually live in the unnamed
 * module (class path, or a server-created class loader), which is open to everyone; a
 * named app module must export its routing classes or open their package to
 * {@code org.genro.router}.
 */
public final class Lookups {

    private Lookups() {
    }

    /**
     * A lookup with access to the members of {@code type}, private access when the
     * type's package is open to this module, public access otherwise.
     *
     * @param type an application class
     * @return a lookup usable on {@code type}
     */
    public static MethodHandles.Lookup in(Class<?> type) {
        Module self = Lookups.class.getModule();
        // A named module reads only what it declares; reading the app's module is needed
        // before any lookup on its classes (a no-op when both are unnamed).
        self.addReads(type.getModule());
        try {
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            return MethodHandles.publicLookup();
        }
    }
}
