package org.genro.serverapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.AsgiServer;
import org.genro.server.Context;
import org.genro.server.auth.AuthLayer;
import org.genro.server.auth.AuthSettings;
import org.genro.server.auth.Authenticator;
import org.genro.server.auth.JwtVerifier;
import org.genro.server.auth.PasswordHash;
import org.genro.server.config.ConfigException;
import org.genro.server.config.Section;
import org.genro.server.exchange.Avatar;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Reply;
import org.genro.server.exchange.Session;
import org.genro.server.session.FileSessionStore;
import org.genro.server.session.MemorySessionStore;
import org.genro.server.session.SessionIds;
import org.genro.server.session.SessionLayer;
import org.genro.server.session.SessionSettings;
import org.genro.server.session.SessionStore;
import org.genro.server.storage.AtomicFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Touches every public type and method of the identity packages ({@code auth},
 * {@code session}, {@code storage}) and the identity parts of the server and the
 * exchange, from outside them: an API change breaks this file first.
 */
class IdentityApiTest {
    @TempDir
    Path dir;

    /** Reads the caller and the session from the context. */
    public static class Me extends RoutingClass {
        /** Nothing to configure. */
        public Me() {
        }

        @Route
        public String me() {
            Session s = Context.session();
            Avatar a = Context.avatar();
            return (a == null ? "nobody" : a.identity()) + (s == null ? "" : " with a session");
        }
    }

    @Test
    void passwordsTokensAndTheAuthSection() throws Exception {
        String hash = PasswordHash.create("pw-123456".toCharArray(), PasswordHash.MIN_ITERATIONS);
        PasswordHash parsed = PasswordHash.parse(hash);
        assertTrue(parsed.matches("pw-123456".toCharArray()));
        assertEquals(PasswordHash.MIN_ITERATIONS, parsed.iterations());
        assertEquals(hash, parsed.encoded());
        assertTrue(PasswordHash.DEFAULT_ITERATIONS >= 600_000);
        assertTrue(PasswordHash.create("x".toCharArray()).startsWith("$pbkdf2-sha256$"));

        JwtVerifier hmac = JwtVerifier.hmac("h", "HS256", new byte[32], Set.of(), null, null, JwtVerifier.DEFAULT_LEEWAY);
        assertEquals("h", hmac.name());
        assertEquals("HS256", hmac.algorithm());
        assertTrue(hmac.verify("a.b.c", Instant.now()).isEmpty());
        assertTrue(hmac.claims("a.b.c", Instant.now()).isEmpty());
        assertTrue(JwtVerifier.ALGORITHMS.contains("ES256"));
        var ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        assertNotNull(JwtVerifier.publicKey("e", "ES256", ec.generateKeyPair().getPublic(), Set.of(), null, null,
                Duration.ZERO));

        AuthSettings settings = AuthSettings.read(Map.of("basic", Map.of("ada", Map.of("password_hash", hash))), dir,
                ConfigException::new, Clock.systemUTC());
        assertFalse(settings.loginPage());
        Authenticator auth = settings.authenticator();
        assertTrue(auth.configured());
        assertEquals(1, auth.challenges().size());
        Authenticator.Outcome known = auth.login("ada", "pw-123456", "10.1.1.1");
        assertEquals("ada", assertInstanceOf(Authenticator.Outcome.Known.class, known).avatar().identity());
        assertInstanceOf(Authenticator.Outcome.Refused.class, auth.authorization("Digest x", "10.1.1.2"));
        assertNotNull(new Authenticator.Outcome.Throttled(Duration.ofSeconds(1)).retryAfter());
        assertNotNull(new Authenticator.Outcome.Busy(Duration.ofSeconds(1)).retryAfter());
        assertFalse(Authenticator.none().configured());

        AuthLayer layer = new AuthLayer(auth, true);
        Layer placed = layer.layer();
        assertEquals(Layer.BUILT_IN.get(AuthLayer.NAME), placed.rank());
        assertTrue(AuthLayer.LOGIN_PAGE.startsWith("/_server/"));
    }

    @Test
    void sessionsStoresAndTheirLayer() throws Exception {
        SessionSettings settings = SessionSettings.read(Map.of("store", "file"), ConfigException::new);
        assertEquals(SessionSettings.DEFAULTS.cookie(), settings.cookie());
        assertNotNull(List.of(settings.ttl(), settings.store(), settings.secure(), settings.sameSite()));
        SessionStore files = settings.newStore(dir, Clock.systemUTC());
        assertInstanceOf(FileSessionStore.class, files);
        SessionStore memory = new MemorySessionStore(Duration.ofMinutes(1), Clock.systemUTC());
        SessionStore onDisk = new FileSessionStore(dir.resolve("s"), Duration.ofMinutes(1), Clock.systemUTC());
        for (SessionStore store : List.of(memory, onDisk)) {
            Session s = store.create(new Avatar("ada", Set.of("a")));
            store.save(s.withAvatar(new Avatar("ada", Set.of("b"), Map.of("k", 1)).withData("j", 2)));
            Optional<Session> found = store.get(s.id());
            assertEquals(Set.of("b"), found.orElseThrow().avatar().tags());
            assertTrue(found.get().touched(Instant.now()).lastAccess() != null && found.get().created() != null);
            store.delete(s.id());
            assertEquals(0, store.purge());
        }
        assertEquals(0, ((MemorySessionStore) memory).size());
        assertTrue(SessionIds.wellFormed(SessionIds.next()));
        SessionLayer layer = new SessionLayer(settings, memory);
        assertEquals(SessionLayer.NAME, layer.layer().name());
        assertFalse(SessionLayer.sameOrigin(new ApiRequest("/", "")), "no Origin and no Referer");
        AtomicFile.write(dir.resolve("f"), new byte[] {1});
        AtomicFile.forceDirectory(dir);
        assertEquals(1, Files.size(dir.resolve("f")));
    }

    @Test
    void theServerContextAndTheExchange() throws Exception {
        MemorySessionStore store = new MemorySessionStore(Duration.ofMinutes(5), Clock.systemUTC());
        try (AsgiServer server = AsgiServer.builder().mount("me", new Me()).sessionStore(store).build()) {
            assertEquals(store, server.sessionStore());
            Session made = server.createSession(new Avatar("ada", Set.of("admin")));
            assertEquals("ada", store.get(made.id()).orElseThrow().avatar().identity());
            Reply r = server.handle(new ApiRequest("/me/me", ""));
            assertEquals("nobody", new String(r.body()));
        }
        Exchange e = new Exchange(1, new ApiRequest("/", ""));
        assertNull(e.avatar());
        e.identifyWith(x -> new Avatar("lazy", Set.of()));
        assertEquals("lazy", e.avatar().identity());
        e.avatar(null);
        assertFalse(e.caller().authenticated());
        e.loadSessionWith(x -> null);
        assertNull(e.session());
        assertNull(e.loadedSession());
        e.session(new Session("id", null, Instant.now(), Instant.now()));
        assertEquals("id", e.currentSession().id());

        Section s = Section.of(Map.of("a", Map.of("b", 1), "c", "text"), "x", ConfigException::new);
        assertEquals(Set.of("a", "c"), s.keys());
        assertEquals(Set.of("b"), s.section("a").keys());
        assertEquals(Set.of("v"), s.section("c", "v").keys());
    }
}
