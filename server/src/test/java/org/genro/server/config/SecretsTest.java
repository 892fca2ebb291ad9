package org.genro.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which names hide their values: one rule for config keys and header fields, by the words in the name. */
class SecretsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // names that once showed their values in /_server/config or the access log
        "api_keys, true", "signing_keys, true", "smtp_pass, true", "authorization, true",
        "X-Api-Key, true", "X-Auth-Token, true", "X-Csrf-Token, true", "X-Amz-Security-Token, true",
        "Proxy-Authorization, true", "Set-Cookie, true", "Cookie, true",
        // the families, in their usual spellings
        "password, true", "db_password, true", "smtpPass, true", "passwd, true", "pwd, true",
        "passphrase, true", "client_secret, true", "secrets, true", "token, true", "refresh_tokens, true",
        "key, true", "api_key, true", "apiKey, true", "private_key, true", "privatekey, true",
        "hash, true", "credentials, true", "dsn, true", "salt, true", "signature, true", "otp, true",
        "sessionid, true",
        // not secrets: a path, switches, ordinary settings, words that merely contain a secret word
        "keystore, false", "allow_credentials, false", "allow_origins, false", "title, false", "port, false",
        "monkey, false", "bypass, false", "passthrough, false", "keyboard_layout, false", "tags, false",
        "Content-Type, false", "User-Agent, false", "Accept-Encoding, false", "ttl, false"})
    void aNameIsSecretWhenOneOfItsWordsNamesACredential(String name, boolean secret) {
        assertEquals(secret, Secrets.isSecret(name), name);
    }
}
