package org.genro.server.auth;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.genro.server.exchange.Avatar;

/**
 * Verifies JSON Web Tokens (RFC 7519) in the JWS compact form (RFC 7515) for one key,
 * with the algorithm pinned to that key.
 *
 * <p>The token's header may name only this verifier's algorithm: {@code none} is never
 * accepted, and a header naming HS256 cannot make an RSA or EC public key serve as an
 * HMAC secret (the classic algorithm-confusion attack), because an HMAC verifier holds a
 * secret and a public-key verifier holds a key, never either way round. A header with
 * {@code crit} extensions is refused, since none is understood.
 *
 * <p>Claims: {@code exp} and {@code nbf} within a small leeway; {@code iss} and
 * {@code aud} when configured; {@code sub} is the identity (required); the {@code tags}
 * claim (a list, or a string split at commas and spaces) else this verifier's tags.
 */
public final class JwtVerifier {
    /** Algorithms a verifier may be pinned to. */
    public static final Set<String> ALGORITHMS = Set.of("HS256", "HS384", "HS512", "RS256", "ES256");
    /** Clock skew allowed on {@code exp} and {@code nbf} unless configured. */
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);
    private static final int MAX_TOKEN = 8 * 1024;
    // duplicate members are refused: two parsers reading different "alg" or "sub" is how
    // token-smuggling bugs start (RFC 7515 §5.2 allows either refusing or taking the last)
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final String name;
    private final String algorithm;
    private final byte[] secret;
    private final PublicKey key;
    private final Set<String> tags;
    private final String issuer;
    private final String audience;
    private final Duration leeway;

    private JwtVerifier(String name, String algorithm, byte[] secret, PublicKey key, Set<String> tags, String issuer,
                        String audience, Duration leeway) {
        this.name = Objects.requireNonNull(name, "name");
        this.algorithm = algorithm;
        this.secret = secret;
        this.key = key;
        this.tags = Set.copyOf(tags);
        this.issuer = issuer;
        this.audience = audience;
        this.leeway = Objects.requireNonNull(leeway, "leeway");
    }

    /**
     * A verifier of HS256, HS384 or HS512 tokens signed with {@code secret}.
     *
     * @throws IllegalArgumentException for another algorithm, or a secret shorter than
     *                                  the hash (RFC 7518 §3.2: 32 bytes for HS256)
     */
    public static JwtVerifier hmac(String name, String algorithm, byte[] secret, Set<String> tags, String issuer,
                                   String audience, Duration leeway) {
        int bits = switch (algorithm) {
            case "HS256" -> 256;
            case "HS384" -> 384;
            case "HS512" -> 512;
            default -> throw new IllegalArgumentException("an HMAC secret verifies HS256, HS384 or HS512, not " + algorithm);
        };
        if (secret.length * 8 < bits) {
            throw new IllegalArgumentException(algorithm + " needs a secret of at least " + bits / 8 + " bytes, got "
                    + secret.length);
        }
        return new JwtVerifier(name, algorithm, secret.clone(), null, tags, issuer, audience, leeway);
    }

    /**
     * A verifier of RS256 tokens (an RSA key of at least 2048 bits) or ES256 tokens (a
     * P-256 key).
     *
     * @throws IllegalArgumentException when the key does not fit the algorithm
     */
    public static JwtVerifier publicKey(String name, String algorithm, PublicKey key, Set<String> tags, String issuer,
                                        String audience, Duration leeway) {
        switch (algorithm) {
            case "RS256" -> {
                if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 2048) {
                    throw new IllegalArgumentException("RS256 needs an RSA public key of at least 2048 bits");
                }
            }
            case "ES256" -> {
                if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                    throw new IllegalArgumentException("ES256 needs an EC public key on P-256");
                }
            }
            default -> throw new IllegalArgumentException("a public key verifies RS256 or ES256, not " + algorithm);
        }
        return new JwtVerifier(name, algorithm, null, key, tags, issuer, audience, leeway);
    }

    /** The verifier's config name. */
    public String name() {
        return name;
    }

    /** The one algorithm this verifier accepts. */
    public String algorithm() {
        return algorithm;
    }

    /**
     * The caller a token proves: its subject, with the tags of its {@code tags} claim or
     * else this verifier's; empty when {@link #claims} refuses the token, when it has no
     * subject, or when its tags claim is malformed.
     */
    public Optional<Avatar> verify(String token, Instant now) {
        return claims(token, now).flatMap(this::avatar);
    }

    /**
     * The claims of a token this verifier accepts, or empty when it is malformed, names
     * another algorithm, carries a bad signature, is expired or not yet valid (beyond the
     * leeway), or is for another issuer or audience.
     */
    public Optional<Map<String, Object>> claims(String token, Instant now) {
        if (token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Map<String, Object> header = object(parts[0]);
        if (header == null || !algorithm.equals(header.get("alg")) || header.containsKey("crit")) {
            return Optional.empty();
        }
        byte[] signature = decode(parts[2]);
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (signature == null || !signed(input, signature)) {
            return Optional.empty();
        }
        Map<String, Object> claims = object(parts[1]);
        return claims != null && current(claims, now) ? Optional.of(claims) : Optional.empty();
    }

    private boolean signed(byte[] input, byte[] signature) {
        try {
            if (secret != null) {
                String mac = "Hmac" + "SHA" + algorithm.substring(2);
                Mac hmac = Mac.getInstance(mac);
                hmac.init(new SecretKeySpec(secret, mac));
                return MessageDigest.isEqual(hmac.doFinal(input), signature);
            }
            // ES256 signatures are R || S, 32 bytes each (RFC 7518 §3.4), not DER
            if (algorithm.equals("ES256") && signature.length != 64) {
                return false;
            }
            Signature verifier = Signature.getInstance(algorithm.equals("RS256") ? "SHA256withRSA"
                    : "SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(input);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a signature the provider cannot even read is not a valid one
        }
    }

    /** Within exp and nbf (give or take the leeway), and for the configured issuer and audience. */
    private boolean current(Map<String, Object> claims, Instant now) {
        long seconds = now.getEpochSecond();
        long slack = leeway.toSeconds();
        if (claims.containsKey("exp") && !(claims.get("exp") instanceof Number exp && seconds <= exp.longValue() + slack)) {
            return false;
        }
        if (claims.containsKey("nbf") && !(claims.get("nbf") instanceof Number nbf && seconds >= nbf.longValue() - slack)) {
            return false;
        }
        return (issuer == null || issuer.equals(claims.get("iss")))
                && (audience == null || audiences(claims.get("aud")).contains(audience));
    }

    private Optional<Avatar> avatar(Map<String, Object> claims) {
        if (!(claims.get("sub") instanceof String sub) || sub.isBlank()) {
            return Optional.empty();
        }
        Set<String> granted = claims.containsKey("tags") ? tags(claims.get("tags")) : tags;
        return granted == null ? Optional.empty() : Optional.of(new Avatar(sub, granted, Map.of("backend", "jwt:" + name)));
    }

    private static List<String> audiences(Object aud) {
        List<String> out = new ArrayList<>();
        if (aud instanceof String one) {
            out.add(one);
        } else if (aud instanceof List<?> many) {
            many.forEach(a -> out.add(String.valueOf(a)));
        }
        return out;
    }

    /** The tags claim: a list of strings, or one string of names split at commas or spaces; null when malformed. */
    private static Set<String> tags(Object claim) {
        Set<String> out = new LinkedHashSet<>();
        if (claim instanceof String text) {
            for (String t : text.split("[,\\s]+")) {
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
            return out;
        }
        if (claim instanceof List<?> list) {
            for (Object t : list) {
                if (!(t instanceof String s) || s.isBlank()) {
                    return null;
                }
                out.add(s);
            }
            return out;
        }
        return null;
    }

    private static Map<String, Object> object(String part) {
        byte[] bytes = decode(part);
        if (bytes == null) {
            return null;
        }
        try {
            return JSON.readValue(bytes, OBJECT);
        } catch (IOException e) {
            return null; // not a JSON object, or a member given twice
        }
    }

    /** Strict base64url without padding (RFC 7515 §2): anything else is not a JWS. */
    private static byte[] decode(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return null;
            }
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "JwtVerifier[" + name + ", " + algorithm + "]";
    }
}
