package org.genro.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.genro.server.exchange.Avatar;
import org.junit.jupiter.api.Test;

/** JWS compact tokens: the RFC 7515 examples, and every way a token must be refused. */
class JwtVerifierTest {
    /** The examples' claims expire at 1300819380 (2011-03-22); they are checked as of just before. */
    private static final Instant EXAMPLES_NOW = Instant.ofEpochSecond(1300819000L);
    private static final String EXAMPLE_CLAIMS =
            "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    private static final Duration LEEWAY = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private static byte[] b64(String s) {
        return Base64.getUrlDecoder().decode(s);
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String b64(String json, boolean text) {
        return b64(json.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 7515 Appendix A.1: HS256 with the example's symmetric key. */
    @Test
    void theRfc7515Hs256ExampleVerifies() {
        byte[] key = b64("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
        JwtVerifier v = JwtVerifier.hmac("a1", "HS256", key, Set.of(), null, null, LEEWAY);
        String token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9." + EXAMPLE_CLAIMS
                + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        Map<String, Object> claims = v.claims(token, EXAMPLES_NOW).orElseThrow();
        assertEquals("joe", claims.get("iss"));
        assertEquals(Boolean.TRUE, claims.get("http://example.com/is_root"));
        assertTrue(v.claims(token, Instant.ofEpochSecond(1300819380L + 31)).isEmpty(), "expired beyond the leeway");
        assertTrue(v.claims(token, Instant.ofEpochSecond(1300819380L + 29)).isPresent(), "within the leeway");
        assertTrue(v.verify(token, EXAMPLES_NOW).isEmpty(), "no subject: no identity");
    }

    /** RFC 7515 Appendix A.2: RS256 with the example's 2048-bit key. */
    @Test
    void theRfc7515Rs256ExampleVerifies() throws Exception {
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(new BigInteger(1, b64(
                "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS"
                + "-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R"
                + "2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW"
                + "9gb54h4FRWyuXpoQ")), new BigInteger(1, b64("AQAB"))));
        JwtVerifier v = JwtVerifier.publicKey("a2", "RS256", key, Set.of(), null, null, LEEWAY);
        String token = "eyJhbGciOiJSUzI1NiJ9." + EXAMPLE_CLAIMS + ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu"
                + "3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5"
                + "h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeY"
                + "I2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
        assertEquals("joe", v.claims(token, EXAMPLES_NOW).orElseThrow().get("iss"));
        // the same public key offered as an HMAC secret, with the header switched to HS256
        String swapped = b64("{\"alg\":\"HS256\"}", true) + "." + EXAMPLE_CLAIMS;
        String forged = swapped + "." + b64(hmac("HmacSHA256", key.getEncoded(), swapped));
        assertTrue(v.claims(forged, EXAMPLES_NOW).isEmpty(), "an RS256 key never serves as an HMAC secret");
    }

    /** RFC 7515 Appendix A.3: ES256 on P-256, the signature as R || S. */
    @Test
    void theRfc7515Es256ExampleVerifies() throws Exception {
        AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
        p256.init(new ECGenParameterSpec("secp256r1"));
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(
                new BigInteger(1, b64("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU")),
                new BigInteger(1, b64("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"))),
                p256.getParameterSpec(ECParameterSpec.class)));
        JwtVerifier v = JwtVerifier.publicKey("a3", "ES256", key, Set.of(), null, null, LEEWAY);
        String token = "eyJhbGciOiJFUzI1NiJ9." + EXAMPLE_CLAIMS
                + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
        assertEquals("joe", v.claims(token, EXAMPLES_NOW).orElseThrow().get("iss"));
        String tampered = token.substring(0, token.length() - 2) + "Q1";
        assertTrue(v.claims(tampered, EXAMPLES_NOW).isEmpty());
    }

    private static byte[] hmac(String algorithm, byte[] key, String input) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    }

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static String hs256(String header, String claims) throws Exception {
        String input = b64(header, true) + "." + b64(claims, true);
        return input + "." + b64(hmac("HmacSHA256", SECRET, input));
    }

    private static JwtVerifier verifier(String issuer, String audience) {
        return JwtVerifier.hmac("internal", "HS256", SECRET, Set.of("reader"), issuer, audience, LEEWAY);
    }

    private static long at(long offsetSeconds) {
        return NOW.getEpochSecond() + offsetSeconds;
    }

    @Test
    void aValidTokenGivesItsSubjectAndTags() throws Exception {
        String withTags = hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"sub\":\"ada\",\"exp\":" + at(60) + ",\"tags\":[\"admin\",\"staff\"]}");
        Avatar ada = verifier(null, null).verify(withTags, NOW).orElseThrow();
        assertEquals("ada", ada.identity());
        assertEquals(Set.of("admin", "staff"), ada.tags());
        assertEquals("jwt:internal", ada.data().get("backend"));
        String spaced = hs256("{\"alg\":\"HS256\"}", "{\"sub\":\"bob\",\"tags\":\"a, b c\"}");
        assertEquals(Set.of("a", "b", "c"), verifier(null, null).verify(spaced, NOW).orElseThrow().tags());
        String untagged = hs256("{\"alg\":\"HS256\"}", "{\"sub\":\"cy\"}");
        assertEquals(Set.of("reader"), verifier(null, null).verify(untagged, NOW).orElseThrow().tags(),
                "without a tags claim, the verifier's tags");
    }

    @Test
    void everyBadTokenIsRefused() throws Exception {
        JwtVerifier v = verifier("https://issuer.example", "shop");
        String good = "\"sub\":\"ada\",\"iss\":\"https://issuer.example\",\"aud\":[\"shop\",\"x\"]";
        assertTrue(v.verify(hs256("{\"alg\":\"HS256\"}", "{" + good + "}"), NOW).isPresent());
        Map<String, String> refused = Map.ofEntries(
                Map.entry("expired", hs256("{\"alg\":\"HS256\"}", "{" + good + ",\"exp\":" + at(-31) + "}")),
                Map.entry("not yet valid", hs256("{\"alg\":\"HS256\"}", "{" + good + ",\"nbf\":" + at(31) + "}")),
                Map.entry("exp not a number", hs256("{\"alg\":\"HS256\"}", "{" + good + ",\"exp\":\"soon\"}")),
                Map.entry("other issuer", hs256("{\"alg\":\"HS256\"}",
                        "{\"sub\":\"ada\",\"iss\":\"https://evil.example\",\"aud\":\"shop\"}")),
                Map.entry("other audience", hs256("{\"alg\":\"HS256\"}",
                        "{\"sub\":\"ada\",\"iss\":\"https://issuer.example\",\"aud\":\"blog\"}")),
                Map.entry("no subject", hs256("{\"alg\":\"HS256\"}", "{\"iss\":\"https://issuer.example\",\"aud\":\"shop\"}")),
                Map.entry("alg none", b64("{\"alg\":\"none\"}", true) + "." + b64("{" + good + "}", true) + "."),
                Map.entry("other algorithm", hs256("{\"alg\":\"HS512\"}", "{" + good + "}")),
                Map.entry("duplicate alg", hs256("{\"alg\":\"HS256\",\"alg\":\"none\"}", "{" + good + "}")),
                Map.entry("crit extension", hs256("{\"alg\":\"HS256\",\"crit\":[\"x\"],\"x\":1}", "{" + good + "}")),
                Map.entry("tampered claims", hs256("{\"alg\":\"HS256\"}", "{" + good + "}").replaceFirst("\\.[^.]+\\.",
                        "." + b64("{\"sub\":\"root\",\"iss\":\"https://issuer.example\",\"aud\":\"shop\"}", true) + ".")),
                Map.entry("malformed tags", hs256("{\"alg\":\"HS256\"}", "{" + good + ",\"tags\":[1]}")),
                Map.entry("two parts", b64("{\"alg\":\"HS256\"}", true) + "." + b64("{" + good + "}", true)),
                Map.entry("padded base64", hs256("{\"alg\":\"HS256\"}", "{" + good + "}") + "="),
                Map.entry("not json", b64("alg", true) + ".e30.AAAA"));
        refused.forEach((why, token) -> assertTrue(v.verify(token, NOW).isEmpty(), why));
    }

    @Test
    void keysThatDoNotFitTheirAlgorithmAreRefusedAtStartup() throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> JwtVerifier.hmac("x", "HS256", new byte[31], Set.of(), null, null, LEEWAY));
        assertThrows(IllegalArgumentException.class,
                () -> JwtVerifier.hmac("x", "RS256", SECRET, Set.of(), null, null, LEEWAY));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        PublicKey small = rsa.generateKeyPair().getPublic();
        assertThrows(IllegalArgumentException.class,
                () -> JwtVerifier.publicKey("x", "RS256", small, Set.of(), null, null, LEEWAY));
        assertThrows(IllegalArgumentException.class,
                () -> JwtVerifier.publicKey("x", "ES256", small, Set.of(), null, null, LEEWAY));
    }

    @Test
    void anEs256TokenSignedHereVerifiesAndItsDerFormDoesNot() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = ec.generateKeyPair();
        String input = b64("{\"alg\":\"ES256\"}", true) + "." + b64("{\"sub\":\"ada\"}", true);
        Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
        p1363.initSign(pair.getPrivate());
        p1363.update(input.getBytes(StandardCharsets.US_ASCII));
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(pair.getPrivate());
        der.update(input.getBytes(StandardCharsets.US_ASCII));
        JwtVerifier v = JwtVerifier.publicKey("ec", "ES256", pair.getPublic(), Set.of(), null, null, LEEWAY);
        assertEquals(Optional.of("ada"), v.verify(input + "." + b64(p1363.sign()), NOW).map(Avatar::identity));
        assertTrue(v.verify(input + "." + b64(der.sign()), NOW).isEmpty(), "JWS signatures are R || S, not DER");
    }
}
