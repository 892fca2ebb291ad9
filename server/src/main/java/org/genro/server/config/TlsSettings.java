package org.genro.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code server.tls} section: HTTPS from a keystore file, read with the JDK's own TLS.
 *
 * @param keystore the keystore file, absolute (a relative YAML path is taken from the server
 *                 directory) [{@code keystore}]
 * @param password the keystore password, empty when none [{@code password}]
 * @param type     the keystore type, {@code PKCS12} by default [{@code type}]
 */
public record TlsSettings(Path keystore, String password, String type) {

    /** The keystore type used when none is configured. */
    public static final String DEFAULT_TYPE = "PKCS12";

    /** Checks that no component is null. */
    public TlsSettings {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(type, "type");
    }

    /** The password as the {@code KeyStore} API wants it; a fresh array each call. */
    public char[] passwordChars() {
        return password.toCharArray();
    }

    /** Names the keystore and type; the password is masked so that a log line cannot leak it. */
    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", password=" + Secrets.MASK + ", type=" + type + "]";
    }
}
