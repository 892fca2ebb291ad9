package org.genro.server.auth;

/** Lets tests outside this package count password hashes computed (a cost no timing test could show). */
public final class PasswordHashProbe {
    private PasswordHashProbe() {
    }

    /** PBKDF2 computations so far in this JVM. */
    public static long computed() {
        return PasswordHash.COMPUTED.sum();
    }
}
