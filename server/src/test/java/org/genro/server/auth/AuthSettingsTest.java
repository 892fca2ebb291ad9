package org.genro.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.genro.server.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** The {@code auth} section: every mistake names its key and never quotes a secret. */
class AuthSettingsTest {
    static final String HASH = PasswordHash.create("s3cret-pass".toCharArray(), 1000);

    @SuppressWarnings("unchecked")
    static AuthSettings read(String yaml) {
        Map<String, Object> values = yaml.isBlank() ? Map.of() : (Map<String, Object>) new Yaml().load(yaml);
        return AuthSettings.read(values, Path.of("."), ConfigException::new, Clock.systemUTC());
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("ldap: {}", "auth.ldap: unknown key; expected one of: basic, bearer, hash_workers"),
                Arguments.of("basic: [admin]", "auth.basic: expected a map, got a list"),
                Arguments.of("basic: {ada: {password: x}}", "auth.basic.ada.password: plain-text passwords need auth.plain_passwords: true"),
                Arguments.of("basic: {ada: {password_hash: nonsense}}", "auth.basic.ada.password_hash: not a PBKDF2 hash"),
                Arguments.of("basic: {ada: {password_hash: '" + HASH + "', password: x}}", "auth.basic.ada.password: give either"),
                Arguments.of("basic: {'a:b': '" + HASH + "'}", "auth.basic.a:b: a user name may not"),
                Arguments.of("basic: {ada: {password_hash: '" + HASH + "', role: x}}", "auth.basic.ada.role: unknown key"),
                Arguments.of("bearer: {ci: {token: short}}", "auth.bearer.ci.token: a token needs at least 16"),
                Arguments.of("bearer: {ci: {token_sha256: abc}}", "auth.bearer.ci.token_sha256: expected the SHA-256"),
                Arguments.of("jwt: {x: {secret: '01234567890123456789012345678901'}}", "auth.jwt.x.algorithm: missing;"),
                Arguments.of("jwt: {x: {algorithm: none}}", "auth.jwt.x.algorithm: expected one of ES256, HS256"),
                Arguments.of("jwt: {x: {algorithm: HS256, secret: tooshort}}", "auth.jwt.x.secret: HS256 needs a secret of at least 32 bytes"),
                Arguments.of("jwt: {x: {algorithm: RS256, secret: '01234567890123456789012345678901'}}",
                        "auth.jwt.x.secret: RS256 verifies with a public key, never with a secret"),
                Arguments.of("jwt: {x: {algorithm: RS256, public_key: 'not a key'}}", "auth.jwt.x.public_key: not a PEM public key"),
                Arguments.of("jwt: {x: {algorithm: ES256, public_key_file: missing.pem}}", "auth.jwt.x.public_key_file: cannot read"),
                Arguments.of("realm: 'a\"b'", "auth.realm: the realm must be printable ASCII"),
                Arguments.of("lock_after: -1", "auth.lock_after: expected an integer 0-1000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeNamesItsKey(String yaml, String start) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(yaml));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("0123456789012345"), e.getMessage());
    }

    @Test
    void aGoodSectionBuildsAnAuthenticatorWithOneChallengePerScheme() {
        AuthSettings settings = read("""
                realm: shop
                plain_passwords: true
                basic:
                  ada: {password_hash: '%s', tags: [admin]}
                  bob: '%s'
                  demo: {password: demo-pass, tags: 'customer, beta'}
                bearer: {ci: {token: ci-token-0123456789, tags: deploy}}
                jwt: {internal: {algorithm: HS256, secret: '01234567890123456789012345678901'}}
                login_page: true
                """.formatted(HASH, HASH));
        assertTrue(settings.loginPage());
        Authenticator auth = settings.authenticator();
        assertEquals(List.of("Basic realm=\"shop\", charset=\"UTF-8\"", "Bearer realm=\"shop\""), auth.challenges());
        var demo = assertInstanceOf(Authenticator.Outcome.Known.class, auth.login("demo", "demo-pass", "10.0.0.1"));
        assertEquals(java.util.Set.of("customer", "beta"), demo.avatar().tags());
        assertInstanceOf(Authenticator.Outcome.Known.class, auth.login("bob", "s3cret-pass", "10.0.0.1"));
        assertFalse(read("").authenticator().configured());
    }
}
