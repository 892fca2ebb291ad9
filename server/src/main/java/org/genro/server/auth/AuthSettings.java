package org.genro.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.genro.server.config.ConfigException;
import org.genro.server.config.Section;

/**
 * Reads the {@code auth} section into an {@link Authenticator}:
 *
 * <pre>
 * auth:
 *   realm: genro                     # named in WWW-Authenticate challenges
 *   basic:                           # users: a PBKDF2 hash (java -jar genro-server.jar hash-password)
 *     alice: {password_hash: "$pbkdf2-sha256$i=600000$...", tags: [admin]}
 *     bob: "$pbkdf2-sha256$i=600000$..."        # the same, without tags
 *     demo: {password: demo, tags: customer}    # plain text: only with plain_passwords: true
 *   plain_passwords: false           # for samples and tests only
 *   bearer:                          # static tokens: the token itself, or its SHA-256 in hex
 *     ci_bot: {token_sha256: "9f86d0...", tags: [deploy]}
 *   jwt:                             # verifiers, each pinned to one algorithm
 *     internal: {algorithm: HS256, secret: "...32 bytes or more...", issuer: ..., audience: ...}
 *     partner: {algorithm: RS256, public_key_file: keys/partner.pem, tags: [partner]}
 *   remember: 60s                    # how long a verified basic header is remembered (0: never)
 *   remember_entries: 10000
 *   hash_workers: 1                  # password checks at once (default: half the cores)
 *   lock_after: 5                    # failures before an identity or address backs off
 *   lock_for: 30s                    # the first lock; each later failure doubles it
 *   login_page: false                # a 401 on a browser navigation redirects to the login page
 * </pre>
 * Every mistake is a {@link ConfigException} naming the key; a secret is never quoted.
 */
public final class AuthSettings {
    private static final Set<String> KEYS = Set.of("realm", "basic", "plain_passwords", "bearer", "jwt", "remember",
            "remember_entries", "hash_workers", "lock_after", "lock_for", "login_page");
    private static final int MAX_THROTTLED_KEYS = 100_000;

    private final Authenticator authenticator;
    private final boolean loginPage;

    private AuthSettings(Authenticator authenticator, boolean loginPage) {
        this.authenticator = authenticator;
        this.loginPage = loginPage;
    }

    /**
     * Reads the section.
     *
     * @param values    the {@code auth} section, as config gives it
     * @param serverDir where relative key files are read from
     * @param errors    makes the error for a key path (config's own, so origins are named)
     * @param clock     the time tokens are checked against
     * @throws ConfigException for anything wrong, naming the key
     */
    public static AuthSettings read(Map<String, Object> values, Path serverDir,
                                    BiFunction<String, String, ConfigException> errors, Clock clock) {
        Section auth = Section.of(values, "auth", errors);
        auth.allowOnly(KEYS, "key");
        String realm = auth.string("realm", "genro");
        try {
            Authenticator.checkRealm(realm);
        } catch (IllegalArgumentException e) {
            throw auth.error("realm", e.getMessage());
        }
        boolean plain = auth.bool("plain_passwords", false);
        List<Authenticator.User> users = users(auth.section("basic"), plain);
        List<Authenticator.Token> tokens = tokens(auth.section("bearer"));
        List<JwtVerifier> verifiers = verifiers(auth.section("jwt"), serverDir);
        int cores = Runtime.getRuntime().availableProcessors();
        Throttle throttle = new Throttle(auth.integer("lock_after", 0, 1000, 5), auth.duration("lock_for",
                Duration.ofSeconds(30)), MAX_THROTTLED_KEYS, System::nanoTime);
        Authenticator authenticator = new Authenticator(realm, users, tokens, verifiers,
                auth.integer("hash_workers", 1, 1024, Math.max(1, cores / 2)),
                auth.duration("remember", Duration.ofSeconds(60)),
                auth.integer("remember_entries", 1, 1_000_000, 10_000), throttle, clock);
        return new AuthSettings(authenticator, auth.bool("login_page", false));
    }

    /** The authenticator the section describes. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** Whether a 401 on a browser navigation becomes a redirect to the login page. */
    public boolean loginPage() {
        return loginPage;
    }

    private static List<Authenticator.User> users(Section basic, boolean plain) {
        List<Authenticator.User> out = new ArrayList<>();
        for (String name : basic.keys()) {
            if (name.isBlank() || name.indexOf(':') >= 0) {
                throw basic.error(name, "a user name may not be blank or hold ':' (Basic joins user and password with it)");
            }
            Section user = basic.section(name, "password_hash");
            user.allowOnly(Set.of("password_hash", "password", "tags"), "key");
            String hash = user.string("password_hash", null);
            String text = user.string("password", null);
            PasswordHash stored;
            if (hash != null && text == null) {
                try {
                    stored = PasswordHash.parse(hash);
                } catch (IllegalArgumentException e) {
                    throw user.error("password_hash", e.getMessage());
                }
            } else if (text != null && hash == null) {
                if (!plain) {
                    throw user.error("password", "plain-text passwords need auth.plain_passwords: true (samples and "
                            + "tests only); store a hash instead: java -jar genro-server.jar hash-password");
                }
                stored = PasswordHash.parse(PasswordHash.create(text.toCharArray(), PasswordHash.MIN_ITERATIONS));
            } else {
                throw user.error(hash == null ? "password_hash" : "password", "give either password_hash or password");
            }
            out.add(new Authenticator.User(name, stored, tags(user)));
        }
        return out;
    }

    private static List<Authenticator.Token> tokens(Section bearer) {
        List<Authenticator.Token> out = new ArrayList<>();
        for (String name : bearer.keys()) {
            Section token = bearer.section(name, "token");
            token.allowOnly(Set.of("token", "token_sha256", "tags"), "key");
            String plain = token.string("token", null);
            String digest = token.string("token_sha256", null);
            byte[] sha256;
            if (plain != null && digest == null) {
                if (plain.length() < 16) {
                    throw token.error("token", "a token needs at least 16 characters to resist guessing");
                }
                sha256 = Authenticator.sha256(plain);
            } else if (digest != null && plain == null) {
                try {
                    sha256 = HexFormat.of().parseHex(digest);
                } catch (IllegalArgumentException e) {
                    sha256 = new byte[0];
                }
                if (sha256.length != 32) {
                    throw token.error("token_sha256", "expected the SHA-256 of the token, 64 hexadecimal digits");
                }
            } else {
                throw token.error(digest == null ? "token" : "token_sha256", "give either token or token_sha256");
            }
            out.add(new Authenticator.Token(name, sha256, tags(token)));
        }
        return out;
    }

    private static List<JwtVerifier> verifiers(Section jwt, Path serverDir) {
        List<JwtVerifier> out = new ArrayList<>();
        for (String name : jwt.keys()) {
            Section v = jwt.section(name);
            v.allowOnly(Set.of("algorithm", "secret", "public_key", "public_key_file", "issuer", "audience", "tags",
                    "leeway"), "key");
            String algorithm = v.string("algorithm", null);
            if (algorithm == null || !JwtVerifier.ALGORITHMS.contains(algorithm)) {
                throw v.error("algorithm", (algorithm == null ? "missing; " : "") + "expected one of "
                        + String.join(", ", new java.util.TreeSet<>(JwtVerifier.ALGORITHMS)));
            }
            Set<String> tags = tags(v);
            String issuer = v.string("issuer", null);
            String audience = v.string("audience", null);
            Duration leeway = v.duration("leeway", JwtVerifier.DEFAULT_LEEWAY);
            try {
                if (algorithm.startsWith("HS")) {
                    String secret = v.string("secret", null);
                    if (secret == null || v.has("public_key") || v.has("public_key_file")) {
                        throw v.error("secret", algorithm + " verifies with a shared secret, and only with one");
                    }
                    out.add(JwtVerifier.hmac(name, algorithm, secret.getBytes(StandardCharsets.UTF_8), tags, issuer,
                            audience, leeway));
                } else {
                    if (v.has("secret")) {
                        throw v.error("secret", algorithm + " verifies with a public key, never with a secret");
                    }
                    PublicKey key = publicKey(v, algorithm, serverDir);
                    out.add(JwtVerifier.publicKey(name, algorithm, key, tags, issuer, audience, leeway));
                }
            } catch (IllegalArgumentException e) {
                throw v.error(algorithm.startsWith("HS") ? "secret" : "public_key", e.getMessage());
            }
        }
        return out;
    }

    /** A PEM public key (SubjectPublicKeyInfo), given inline or in a file of the server directory. */
    private static PublicKey publicKey(Section v, String algorithm, Path serverDir) {
        String pem = v.string("public_key", null);
        String file = v.string("public_key_file", null);
        if (pem == null == (file == null)) {
            throw v.error("public_key", "give either public_key (PEM text) or public_key_file");
        }
        if (file != null) {
            try {
                pem = Files.readString(serverDir.resolve(file));
            } catch (IOException e) {
                throw v.error("public_key_file", "cannot read " + serverDir.resolve(file) + ": " + e.getMessage());
            }
        }
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            return KeyFactory.getInstance(algorithm.equals("RS256") ? "RSA" : "EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw v.error(file != null ? "public_key_file" : "public_key", "not a PEM public key (BEGIN PUBLIC KEY) for "
                    + algorithm);
        }
    }

    private static Set<String> tags(Section entry) {
        return new LinkedHashSet<>(entry.list("tags", List.of()));
    }
}
