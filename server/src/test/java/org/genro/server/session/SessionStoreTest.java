package org.genro.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.genro.server.exchange.Avatar;
import org.genro.server.exchange.Session;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both stores, the same contract: ids, sliding expiry, purge; and what only files can do. */
class SessionStoreTest {
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Avatar ADA = new Avatar("ada", Set.of("admin"), Map.of("theme", "dark"));

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private SessionStore store(String kind, Clock clock) {
        return kind.equals("file") ? new FileSessionStore(dir.resolve("sessions"), TTL, clock)
                : new MemorySessionStore(TTL, clock);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void aSessionIsFoundByItsIdUntilItHasBeenIdleTooLong(String kind) {
        Hands clock = new Hands();
        SessionStore store = store(kind, clock);
        Session s = store.create(ADA);
        assertTrue(SessionIds.wellFormed(s.id()));
        assertEquals(ADA, store.get(s.id()).orElseThrow().avatar());
        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertTrue(store.get(s.id()).isPresent(), "within the idle time");
        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertTrue(store.get(s.id()).isPresent(), "each use slides the expiry");
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertTrue(store.get(s.id()).isEmpty(), "idle too long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void idsAreUniqueAndOnlyIssuedOnesAreLookedUp(String kind) {
        SessionStore store = store(kind, new Hands());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertTrue(ids.add(store.create(null).id()));
        }
        for (String id : new String[] {"", "../../etc/passwd", "a".repeat(43) + "/", "a".repeat(42), null}) {
            assertTrue(store.get(id).isEmpty(), String.valueOf(id));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void saveDeleteAndPurge(String kind) {
        Hands clock = new Hands();
        SessionStore store = store(kind, clock);
        Session s = store.create(null);
        store.save(s.withAvatar(ADA));
        assertEquals(ADA, store.get(s.id()).orElseThrow().avatar());
        store.delete(s.id());
        assertTrue(store.get(s.id()).isEmpty());
        store.create(null);
        store.create(ADA);
        clock.now = clock.now.plus(TTL);
        assertEquals(2, store.purge());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file"})
    void fileSessionsSurviveARestart(String kind) {
        Hands clock = new Hands();
        Session s = store(kind, clock).create(ADA);
        SessionStore again = store(kind, clock);
        assertEquals(ADA, again.get(s.id()).orElseThrow().avatar());
    }

    /** A half-written or damaged session file must never be read back as a session. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"", "not json", "{\"id\":\"x\",\"created\":\"soon\"}", "[]"})
    void aDamagedFileIsDeletedNotTrusted(String content) throws Exception {
        Hands clock = new Hands();
        FileSessionStore store = new FileSessionStore(dir.resolve("sessions"), TTL, clock);
        Session s = store.create(ADA);
        Path file = dir.resolve("sessions").resolve(s.id() + ".json");
        Files.writeString(file, content);
        assertTrue(store.get(s.id()).isEmpty());
        assertFalse(Files.exists(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file"})
    void writesLeaveNoTemporaryFiles(String kind) throws Exception {
        SessionStore store = store(kind, new Hands());
        Session s = store.create(ADA);
        store.save(s.withAvatar(null));
        try (Stream<Path> files = Files.list(dir.resolve("sessions"))) {
            assertEquals(Set.of(s.id() + ".json"), files.map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet()));
        }
        assertNotEquals(ADA, store.get(s.id()).orElseThrow().avatar());
    }
}
