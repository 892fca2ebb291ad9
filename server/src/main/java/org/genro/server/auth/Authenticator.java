package org.genro.server.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.genro.server.exchange.Avatar;

/**
 * Turns credentials into an {@link Avatar}: an {@code Authorization} header (Basic user
 * and password, a static Bearer token, or a Bearer JSON Web Token) or the identity and
 * password of a login form.
 *
 * <ul>
 *   <li>Passwords are PBKDF2 hashes. An unknown user is checked against a decoy hash of
 *       the same cost, so a wrong password, an unknown user and an empty password take
 *       the same path and the same time.</li>
 *   <li>A slow hash must not make basic auth a denial of service, since basic clients send
 *       credentials with every request. A verified header is remembered for a short time,
 *       keyed by a keyed digest of its value so the table holds no password; failures are
 *       never remembered. At most {@code workers} hash checks run at once; a request that
 *       cannot get a turn within a moment is answered {@link Outcome.Busy}.</li>
 *   <li>Static tokens are kept as SHA-256 digests: a lookup is one map access and the
 *       comparison is on digests, in constant time.</li>
 *   <li>Repeated failures for an identity or a client address back off ({@link Throttle}).</li>
 * </ul>
 * Thread-safe; one instance serves every request of an application layer, and a reload
 * builds a new one (so a changed user entry forgets what was remembered).
 */
public final class Authenticator {
    /** What a set of credentials comes to. */
    public sealed interface Outcome {
        /** The credentials are good. */
        record Known(Avatar avatar) implements Outcome {
        }

        /** The credentials are wrong, malformed, or of a scheme not configured. */
        record Refused() implements Outcome {
        }

        /** Too many recent failures for this identity or address; try after the wait. */
        record Throttled(Duration retryAfter) implements Outcome {
        }

        /** Too many password checks are running; try again shortly. */
        record Busy(Duration retryAfter) implements Outcome {
        }
    }

    /** One basic user. */
    record User(String name, PasswordHash hash, Set<String> tags) {
    }

    /** One static bearer token, kept as the SHA-256 of its value. */
    record Token(String name, byte[] sha256, Set<String> tags) {
    }

    private static final Outcome REFUSED = new Outcome.Refused();
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);
    private static final long TURN_WAIT_MILLIS = 2_000;

    private final String realm;
    private final Map<String, User> users;
    private final Map<String, Token> tokens;
    private final List<JwtVerifier> verifiers;
    private final int decoyCost;
    private volatile PasswordHash decoy;
    private final Semaphore hashing;
    private final Throttle throttle;
    private final Remembered remembered;
    private final Clock clock;

    /**
     * @param users     basic users by name
     * @param tokens    static bearer tokens
     * @param verifiers JWT verifiers, tried in order
     * @param workers   password checks that may run at once
     * @param remember  how long a verified basic header is remembered (zero: never)
     * @param entries   the most headers remembered
     * @param throttle  the back-off after failures
     * @param clock     the time tokens are checked against
     */
    Authenticator(String realm, List<User> users, List<Token> tokens, List<JwtVerifier> verifiers, int workers,
                  Duration remember, int entries, Throttle throttle, Clock clock) {
        this.realm = realm;
        this.users = new LinkedHashMap<>();
        // loops, not lambdas: each of those made the JDK generate a class as the server started
        int cost = 0;
        for (User u : users) {
            this.users.put(u.name(), u);
            cost = Math.max(cost, u.hash().iterations());
        }
        this.tokens = new LinkedHashMap<>();
        for (Token t : tokens) {
            this.tokens.put(HexFormat.of().formatHex(t.sha256()), t);
        }
        this.verifiers = List.copyOf(verifiers);
        this.decoyCost = users.isEmpty() ? PasswordHash.DEFAULT_ITERATIONS : cost;
        this.hashing = new Semaphore(workers, true);
        this.throttle = throttle;
        this.remembered = new Remembered(remember.toNanos(), entries, System::nanoTime);
        this.clock = clock;
    }

    /** An authenticator that knows nobody: every credential is refused. */
    public static Authenticator none() {
        return new Authenticator("genro", List.of(), List.of(), List.of(), 1, Duration.ZERO, 1,
                new Throttle(0, Duration.ofSeconds(1), 1, System::nanoTime), Clock.systemUTC());
    }

    /** Whether any scheme is configured. */
    public boolean configured() {
        return !users.isEmpty() || !tokens.isEmpty() || !verifiers.isEmpty();
    }

    /**
     * The {@code WWW-Authenticate} challenges a 401 carries: one per configured scheme
     * (Basic makes a browser show its login prompt).
     */
    public List<String> challenges() {
        List<String> out = new ArrayList<>(2);
        if (!users.isEmpty()) {
            out.add("Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
        }
        if (!tokens.isEmpty() || !verifiers.isEmpty()) {
            out.add("Bearer realm=\"" + realm + "\"");
        }
        return out;
    }

    /**
     * Checks an {@code Authorization} header value.
     *
     * @param address the client's address, for the back-off
     */
    public Outcome authorization(String header, String address) {
        Duration wait = throttle.wait(address);
        if (!wait.isZero()) {
            return new Outcome.Throttled(wait);
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space).toLowerCase(Locale.ROOT);
        String value = space < 0 ? "" : header.substring(space + 1).strip();
        Outcome outcome = switch (scheme) {
            case "basic" -> basic(header, value, address);
            case "bearer" -> bearer(value);
            default -> REFUSED;
        };
        if (outcome instanceof Outcome.Refused) {
            throttle.failed(address);
        }
        return outcome;
    }

    /** Checks the identity and password of a login; the same costs and back-off as Basic. */
    public Outcome login(String identity, String password, String address) {
        Duration wait = throttle.wait(address);
        if (!wait.isZero()) {
            return new Outcome.Throttled(wait);
        }
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try {
            Outcome outcome = password(identity == null ? "" : identity, secret, address);
            if (outcome instanceof Outcome.Refused) {
                throttle.failed(address);
            }
            return outcome;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private Outcome basic(String header, String value, String address) {
        Avatar known = remembered.get(header, this::current);
        if (known != null) {
            return new Outcome.Known(known);
        }
        char[] pair = decodeBasic(value);
        if (pair == null) {
            return REFUSED;
        }
        try {
            int colon = indexOf(pair, ':');
            if (colon < 0) {
                return REFUSED;
            }
            String name = new String(pair, 0, colon);
            char[] secret = Arrays.copyOfRange(pair, colon + 1, pair.length);
            try {
                Outcome outcome = password(name, secret, address);
                if (outcome instanceof Outcome.Known k) {
                    remembered.put(header, name, users.get(name), k.avatar());
                }
                return outcome;
            } finally {
                Arrays.fill(secret, '\0');
            }
        } finally {
            Arrays.fill(pair, '\0');
        }
    }

    /**
     * The decoy hash, made at the first password check rather than with the
     * authenticator: its random bytes would set up the JCA providers at every start, some
     * 50 ms on a cold JVM, for a server that may never see a password. Two threads may
     * both make one; either serves, since no password matches a decoy.
     */
    private PasswordHash decoy() {
        PasswordHash d = decoy;
        if (d == null) {
            d = PasswordHash.decoy(decoyCost);
            decoy = d;
        }
        return d;
    }

    /** One password check against a user, or against the decoy for an unknown one. */
    private Outcome password(String name, char[] secret, String address) {
        Duration wait = throttle.wait("user:" + name);
        if (!wait.isZero()) {
            return new Outcome.Throttled(wait);
        }
        User user = users.get(name);
        boolean matches;
        try {
            if (!hashing.tryAcquire(TURN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return new Outcome.Busy(BUSY_RETRY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Busy(BUSY_RETRY);
        }
        try {
            // the decoy is made by whichever check comes first, known user or not, so that
            // making it cannot tell the first unknown name from a known one
            PasswordHash decoy = decoy();
            matches = (user == null ? decoy : user.hash()).matches(secret) && user != null;
        } finally {
            hashing.release();
        }
        if (!matches) {
            throttle.failed("user:" + name);
            return REFUSED;
        }
        throttle.succeeded("user:" + name);
        return new Outcome.Known(new Avatar(name, user.tags(), Map.of("backend", "basic")));
    }

    private boolean current(String name, User seen) {
        return users.get(name) == seen;
    }

    private Outcome bearer(String value) {
        if (value.isEmpty()) {
            return REFUSED;
        }
        byte[] digest = sha256(value);
        Token token = tokens.get(HexFormat.of().formatHex(digest));
        if (token != null && MessageDigest.isEqual(digest, token.sha256())) {
            return new Outcome.Known(new Avatar(token.name(), token.tags(), Map.of("backend", "bearer")));
        }
        for (JwtVerifier v : verifiers) {
            Optional<Avatar> avatar = v.verify(value, clock.instant());
            if (avatar.isPresent()) {
                return new Outcome.Known(avatar.get());
            }
        }
        return REFUSED;
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e); // SHA-256 is required of every JDK
        }
    }

    /** base64 of {@code user:password} in UTF-8 (RFC 7617); null when malformed. */
    private static char[] decodeBasic(String value) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            return out;
        } catch (CharacterCodingException e) {
            return null;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static int indexOf(char[] chars, char c) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Verified basic headers, for a short time: keyed by an HMAC of the header value under
     * a key made at random for this process, so the table never holds a password or a
     * value that would pass as one elsewhere. Bounded, least recently used out first.
     */
    private static final class Remembered {
        private record Entry(String user, User seen, Avatar avatar, long until) {
        }

        /** Checks that the user an entry was verified against is still the one configured. */
        @FunctionalInterface
        interface Current {
            boolean is(String name, User seen);
        }

        private final long ttlNanos;
        private final int max;
        private final LongSupplier clock;
        /** The HMAC key, made at random at its first use (see {@link #key()}). */
        private byte[] key;
        private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
        // a Mac costs more to make and key than to use: a few are kept for reuse
        private final java.util.concurrent.ConcurrentLinkedQueue<Mac> macs = new java.util.concurrent.ConcurrentLinkedQueue<>();

        Remembered(long ttlNanos, int max, LongSupplier clock) {
            this.ttlNanos = ttlNanos;
            this.max = max;
            this.clock = clock;
        }

        /**
         * The key, made at the first header remembered or looked up rather than with the
         * table, so that a start does not set up the JCA providers for it. One key for the
         * table's life: the Macs kept for reuse are all keyed with it.
         */
        private synchronized byte[] key() {
            if (key == null) {
                key = new byte[32];
                new SecureRandom().nextBytes(key);
            }
            return key;
        }

        Avatar get(String header, Current current) {
            if (ttlNanos <= 0) {
                return null;
            }
            String k = digest(header);
            synchronized (entries) {
                Entry e = entries.get(k);
                if (e == null) {
                    return null;
                }
                if (clock.getAsLong() - e.until() > 0 || !current.is(e.user(), e.seen())) {
                    entries.remove(k);
                    return null;
                }
                return e.avatar();
            }
        }

        void put(String header, String user, User seen, Avatar avatar) {
            if (ttlNanos <= 0) {
                return;
            }
            String k = digest(header);
            synchronized (entries) {
                entries.put(k, new Entry(user, seen, avatar, clock.getAsLong() + ttlNanos));
                if (entries.size() > max) {
                    entries.remove(entries.keySet().iterator().next());
                }
            }
        }

        private String digest(String header) {
            Mac mac = macs.poll();
            try {
                if (mac == null) {
                    mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(key(), "HmacSHA256"));
                }
                String out = Base64.getEncoder().encodeToString(mac.doFinal(header.getBytes(StandardCharsets.UTF_8)));
                if (macs.size() < 64) {
                    macs.offer(mac);
                }
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e); // HmacSHA256 is required of every JDK
            }
        }
    }

    @Override
    public String toString() {
        return "Authenticator[" + users.size() + " users, " + tokens.size() + " tokens, " + verifiers.size() + " verifiers]";
    }

    /** Keeps the realm printable in a quoted challenge: no quote or backslash, nothing outside ASCII. */
    static String checkRealm(String realm) {
        Objects.requireNonNull(realm, "realm");
        for (int i = 0; i < realm.length(); i++) {
            char c = realm.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                throw new IllegalArgumentException("the realm must be printable ASCII without quotes or backslashes");
            }
        }
        return realm;
    }
}
