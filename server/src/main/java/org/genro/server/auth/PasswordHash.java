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

/**
 * A password stored as PBKDF2-HMAC-SHA256 (RFC 8018 §5.2), in a self-describing text form:
 *
 * <pre>$pbkdf2-sha256$i=600000$&lt;salt, base64&gt;$&lt;hash, base64&gt;</pre>
 *
 * <p>The iteration count travels with the hash, so raising the default later does not
 * invalidate stored hashes. Checking compares in constant time. PBKDF2 is computed here
 * rather than by the JDK's key factory, which refuses an empty password: an empty
 * password must cost the same as any other, or its failure answers faster.
 */
public final class PasswordHash {
    /** Iterations of a new hash: the current OWASP guidance for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** The fewest iterations a stored hash may have; fewer would make it cheap to guess offline. */
    public static final int MIN_ITERATIONS = 1_000;
    private static final String PREFIX = "$pbkdf2-sha256$i=";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** SHA-256's block and digest sizes, which HMAC pads and chains with. */
    private static final int BLOCK = 64;
    private static final int DIGEST = 32;
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

    /**
     * PBKDF2 with HMAC-SHA256 (RFC 8018 §5.2), the password encoded as UTF-8. HMAC (RFC
     * 2104) is computed over two digests with the padded keys, writing into reused
     * arrays: the JDK's Mac allocates a buffer per call, 29 MB of garbage for one
     * 600,000-iteration check, which a flood of wrong passwords would turn into GC load.
     */
    static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int length) {
        COMPUTED.increment();
        byte[] key = utf8(password);
        try {
            MessageDigest inner = MessageDigest.getInstance("SHA-256");
            MessageDigest outer = MessageDigest.getInstance("SHA-256");
            byte[] ipad = new byte[BLOCK];
            byte[] opad = new byte[BLOCK];
            // a key longer than the block is hashed first; a shorter one is padded with zeros
            byte[] k = key.length > BLOCK ? inner.digest(key) : key;
            for (int i = 0; i < BLOCK; i++) {
                byte b = i < k.length ? k[i] : 0;
                ipad[i] = (byte) (b ^ 0x36);
                opad[i] = (byte) (b ^ 0x5c);
            }
            byte[] out = new byte[length];
            byte[] u = new byte[DIGEST];
            byte[] t = new byte[DIGEST];
            byte[] mid = new byte[DIGEST];
            for (int block = 1, done = 0; done < length; block++, done += DIGEST) {
                inner.update(ipad);
                inner.update(salt);
                inner.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
                inner.digest(mid, 0, DIGEST);
                outer.update(opad);
                outer.update(mid);
                outer.digest(u, 0, DIGEST);
                System.arraycopy(u, 0, t, 0, DIGEST);
                for (int i = 1; i < iterations; i++) {
                    inner.update(ipad);
                    inner.update(u);
                    inner.digest(mid, 0, DIGEST);
                    outer.update(opad);
                    outer.update(mid);
                    outer.digest(u, 0, DIGEST);
                    for (int j = 0; j < DIGEST; j++) {
                        t[j] ^= u[j];
                    }
                }
                System.arraycopy(t, 0, out, done, Math.min(DIGEST, length - done));
            }
            return out;
        } catch (GeneralSecurityException e) {
            // SHA-256 is a required algorithm of every JDK
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
