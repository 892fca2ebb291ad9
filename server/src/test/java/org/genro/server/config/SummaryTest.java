package org.genro.server.config;

import static org.genro.server.config.Fixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /_server/config view: the merged tree with every secret masked. */
class SummaryTest {

    private static final List<String> SECRETS = List.of("tlspass", "adminpass", "pbkdf2hash", "shortpass",
            "tk_123", "tk_456", "jwtsecret", "dbpass", "urlpass", "cookiekey", "apikey123", "-----BEGIN",
            "p@ss", "jdbcpass", "libpqpass", "smtppass", "sshpass");

    @TempDir
    Path dir;

    @Test
    void masksEverySecretAndKeepsTheRest() throws Exception {
        keystore(dir.resolve("server.p12"), "tlspass");
        ServerConfig config = load(dir, """
                server:
                  port: 9000
                  tls: {keystore: server.p12, password: tlspass}
                apps:
                  shop:
                    class: com.example.Shop
                    kwargs:
                      db_password: dbpass
                      dsn: "postgres://shop:urlpass@db.example/shop"
                      db_url: "postgres://app:p@ss@db.example/app"
                      jdbc: "jdbc:postgresql://db/app?user=app&password=jdbcpass"
                      libpq: "host=db user=app password=libpqpass"
                      smtp_pwd: smtppass
                      ssh_passphrase: sshpass
                      title: Shop
                auth:
                  basic:
                    admin: {password: adminpass, tags: [admin, superadmin]}
                    ops: {password_hash: pbkdf2hash, tags: ops}
                    quick: shortpass
                  bearer:
                    ci_bot: {token: tk_123, tags: "read,deploy"}
                    deploy: {value: tk_456}
                  jwt:
                    internal: {secret: jwtsecret, algorithm: HS256}
                    partner: {public_key: "-----BEGIN PUBLIC KEY-----", algorithm: RS256}
                session: {secret_key: cookiekey, ttl: 1h}
                plugins: {remote: {api_key: apikey123, url: "https://ok.example/"}}
                """);
        Map<String, Object> summary = config.summary();
        String text = summary.toString();
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), () -> "summary leaks " + secret + ": " + text);
        }
        assertEquals("***", at(summary, "server", "tls", "password"));
        assertEquals(dir.resolve("server.p12").toString(), at(summary, "server", "tls", "keystore"));
        assertEquals("***", at(summary, "auth", "basic", "admin", "password"));
        assertEquals(List.of("admin", "superadmin"), at(summary, "auth", "basic", "admin", "tags"));
        assertEquals("***", at(summary, "auth", "basic", "quick"));
        assertEquals("read,deploy", at(summary, "auth", "bearer", "ci_bot", "tags"));
        assertEquals("HS256", at(summary, "auth", "jwt", "internal", "algorithm"));
        assertEquals("***", at(summary, "apps", "shop", "kwargs", "dsn"));
        // these once leaked whole or in part: a password inside a URL, DSN or JDBC string
        assertEquals("postgres://***@db.example/app", at(summary, "apps", "shop", "kwargs", "db_url"));
        assertEquals("***", at(summary, "apps", "shop", "kwargs", "jdbc"));
        assertEquals("***", at(summary, "apps", "shop", "kwargs", "libpq"));
        assertEquals("***", at(summary, "apps", "shop", "kwargs", "smtp_pwd"));
        assertEquals("***", at(summary, "apps", "shop", "kwargs", "ssh_passphrase"));
        assertEquals("Shop", at(summary, "apps", "shop", "kwargs", "title"));
        assertEquals("1h", at(summary, "session", "ttl"));
        assertEquals("https://ok.example/", at(summary, "plugins", "remote", "url"));
        assertEquals(9000, at(summary, "server", "port"));
        assertEquals(dir.toString(), at(summary, "server", "server_dir"));
        assertEquals(dir.resolve("config.yaml").toString(), at(summary, "server", "config_file"));
    }

    @Test
    void summaryShowsDefaultsAndIsReadOnly() {
        Map<String, Object> summary = load(dir).summary();
        assertEquals("127.0.0.1", at(summary, "server", "host"));
        assertEquals(8192, at(summary, "server", "limits", "request_line"));
        assertEquals("10s", at(summary, "server", "limits", "head_timeout"));
        assertThrows(UnsupportedOperationException.class, () -> summary.put("x", 1));
    }

    @Test
    void treeKeepsSecretsForTheirOwners() {
        ServerConfig config = load(dir, "auth: {bearer: {ci: {token: tk_123}}}");
        assertEquals("tk_123", at(config.section("auth"), "bearer", "ci", "token"));
    }

    @Test
    void tlsSettingsNeverPrintTheirPassword() throws Exception {
        keystore(dir.resolve("server.p12"), "tlspass");
        TlsSettings tls = load(dir, "server: {tls: {keystore: server.p12, password: tlspass}}")
                .server().tls().orElseThrow();
        assertEquals("tlspass", tls.password());
        assertFalse(tls.toString().contains("tlspass"));
        assertFalse(load(dir).server().toString().contains("tlspass"));
    }

    @Test
    void wrongKeystorePasswordFailsWithoutEchoingIt() throws Exception {
        keystore(dir.resolve("server.p12"), "tlspass");
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(dir, "server: {tls: {keystore: server.p12, password: wrongpass}}"));
        ConfigErrorsTest.assertStartsWith("server.tls.password: cannot open keystore ", e.getMessage());
        assertFalse(e.getMessage().contains("wrongpass"));
    }

    @Test
    void unknownKeystoreTypeIsNamed() throws Exception {
        keystore(dir.resolve("server.p12"), "tlspass");
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(dir, "server: {tls: {keystore: server.p12, password: tlspass, type: XYZ}}"));
        assertEquals("server.tls.type: unsupported keystore type \"XYZ\"", e.getMessage());
    }

    @Test
    void secretKeyNamesAreRecognised() {
        for (String key : List.of("password", "db_password", "secret", "client_secret", "token", "api_key",
                "key", "storage_key", "private_key", "password_hash", "credentials")) {
            assertTrue(Secrets.isSecretKey(key), key);
        }
        for (String key : List.of("keystore", "host", "tags", "title", "type", "algorithm")) {
            assertFalse(Secrets.isSecretKey(key), key);
        }
    }

    static void keystore(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }

    private static Object at(Map<String, Object> tree, String... keys) {
        Object node = tree;
        for (String key : keys) {
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }
}
