package org.genro.server.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A password stored as PBKDF2-HMAC-SHA256 (RFC 8018 §5.2), in a self-describing text form:
 *
 * <pre>$pbkdf2-sha256$i=600000$&lt;salt, base64&gt;$&lt;hash, base64&gt;</pre>
 *
 * <p>The iteration count travels with the hash, so raising the default later does not
 * invalidate stored hashes. Checking compares in constant time. PBKDF2 is computed here
 * over {@link Mac} rather than the JDK's key factory, which refuses an empty password:
 * an empty password must cost the same as any other, or its failure answers faster.
 */
public final class PasswordHash {
    /** Iterations of a new hash: the current OWASP guidance for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** The fewest iterations a stored hash may have; fewer would make it cheap to guess offline. */
    public static final int MIN_ITERATIONS = 1_000;
    private static final String PREFIX = "$pbkdf2-sha256$i=";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** PBKDF2 computations in this process: lets tests see that every failure path pays one. */
    static final LongAdder COMPUTED = new LongAdder();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting the value
     */
    public static PasswordHash parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (!encoded.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a PBKDF2 hash: expected " + PREFIX + "<iterations>$<salt>$<hash>");
        }
        String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a PBKDF2 hash has iterations, salt and hash separated by $");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count of the hash is not a number");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("the hash has " + iterations + " iterations; at least " + MIN_ITERATIONS
                    + " are needed");
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(parts[1]);
            hash = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the salt or the hash is not base64");
        }
        if (salt.length < 8 || hash.length < 16) {
            throw new IllegalArgumentException("the salt or the hash of the PBKDF2 hash is too short");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    /** A new hash of {@code password} with a random salt and {@link #DEFAULT_ITERATIONS}. */
    public static String create(char[] password) {
        return create(password, DEFAULT_ITERATIONS);
    }

    /** A new hash of {@code password} with a random salt and {@code iterations}. */
    public static String create(char[] password, int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("at least " + MIN_ITERATIONS + " iterations, got " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return encode(iterations, salt, pbkdf2(password, salt, iterations, HASH_BYTES));
    }

    /** A hash no password matches, costing what a real one costs: checked for unknown users. */
    static PasswordHash decoy(int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BYTES];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(hash);
        return new PasswordHash(iterations, salt, hash);
    }

    /** Whether {@code password} is the one hashed; the comparison takes the same time wherever it differs. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations, hash.length));
    }

    /** The iteration count. */
    public int iterations() {
        return iterations;
    }

    /** The text form. */
    public String encoded() {
        return encode(iterations, salt, hash);
    }

    private static String encode(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** PBKDF2 with HMAC-SHA256 (RFC 8018 §5.2), the password encoded as UTF-8. */
    static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int length) {
        COMPUTED.increment();
        byte[] key = utf8(password);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // HMAC pads its key with zeros (RFC 2104), so an empty key equals one zero byte;
            // the JDK refuses an empty key, not that one
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            int hLen = mac.getMacLength();
            byte[] out = new byte[length];
            byte[] u = new byte[hLen];
            byte[] t = new byte[hLen];
            for (int block = 1, done = 0; done < length; block++, done += hLen) {
                mac.update(salt);
                mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
                mac.doFinal(u, 0);
                System.arraycopy(u, 0, t, 0, hLen);
                for (int i = 1; i < iterations; i++) {
                    mac.update(u);
                    mac.doFinal(u, 0);
                    for (int k = 0; k < hLen; k++) {
                        t[k] ^= u[k];
                    }
                }
                System.arraycopy(t, 0, out, done, Math.min(hLen, length - done));
            }
            return out;
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is a required algorithm of every JDK
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }

    /** Never the hash itself: a hash in a log is an offline guessing target. */
    @Override
    public String toString() {
        return "PasswordHash[pbkdf2-sha256, " + iterations + " iterations]";
    }
}
