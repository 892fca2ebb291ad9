package org.genro.server.session;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.genro.server.exchange.Avatar;
import org.genro.server.exchange.Json;
import org.genro.server.exchange.Session;
import org.genro.server.storage.AtomicFile;

/**
 * Sessions in files of the server directory, one JSON file per session named by its id:
 * they survive a restart. Each write replaces the whole file atomically and durably
 * ({@link AtomicFile}), so a crash leaves the old state or the new, never half; a file
 * that is not a complete session anyway (edited by hand, a full disk) is deleted rather
 * than trusted. Only ids of the issued form become file names.
 *
 * <p>Reading a session slides its expiry. Rewriting the file on every request would
 * cost a disk write per request, so the access time is saved again only once it has
 * moved by a twentieth of the idle time; a session may therefore expire up to that much
 * early, never late.
 */
public final class FileSessionStore extends ExpiringStore {
    private static final System.Logger LOG = System.getLogger("org.genro.server.session");
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final Path dir;

    /**
     * @param dir   the directory of the session files, created when missing
     * @param ttl   idle time after which a session expires
     * @param clock the time sessions are stamped with
     */
    public FileSessionStore(Path dir, Duration ttl, Clock clock) {
        super(ttl, clock);
        this.dir = Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the session directory " + dir, e);
        }
    }

    @Override
    public Optional<Session> get(String id) {
        if (!SessionIds.wellFormed(id)) {
            return Optional.empty();
        }
        Session stored = read(file(id));
        Instant now = clock.instant();
        if (stored == null || !stored.id().equals(id)) {
            return Optional.empty();
        }
        if (expired(stored, now)) {
            delete(id);
            return Optional.empty();
        }
        Session touched = stored.touched(now);
        if (Duration.between(stored.lastAccess(), now).compareTo(ttl.dividedBy(20)) > 0) {
            save(touched);
        }
        return Optional.of(touched);
    }

    @Override
    public void save(Session session) {
        if (!SessionIds.wellFormed(session.id())) {
            throw new IllegalArgumentException("not a session id this store issues");
        }
        try {
            AtomicFile.write(file(session.id()), Json.MAPPER.writeValueAsBytes(document(session)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save a session in " + dir, e);
        }
    }

    @Override
    public void delete(String id) {
        if (!SessionIds.wellFormed(id)) {
            return;
        }
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete a session file in " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public int purge() {
        Instant now = clock.instant();
        List<String> gone = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                if (name.endsWith(".json")) {
                    String id = name.substring(0, name.length() - 5);
                    Session s = SessionIds.wellFormed(id) ? read(f) : null;
                    if (s == null || expired(s, now)) {
                        gone.add(id);
                    }
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list the session directory " + dir + ": " + e.getMessage());
        }
        gone.forEach(this::delete);
        return gone.size();
    }

    private Path file(String id) {
        return dir.resolve(id + ".json");
    }

    private static Map<String, Object> document(Session s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", s.id());
        doc.put("created", s.created().toString());
        doc.put("last_access", s.lastAccess().toString());
        if (s.avatar() != null) {
            Map<String, Object> avatar = new LinkedHashMap<>();
            avatar.put("identity", s.avatar().identity());
            avatar.put("tags", List.copyOf(s.avatar().tags()));
            avatar.put("data", s.avatar().data());
            doc.put("avatar", avatar);
        }
        return doc;
    }

    /** The session in a file, or null (the file is then deleted) when it is not a whole, valid one. */
    private Session read(Path file) {
        Map<String, Object> doc;
        try {
            doc = Json.MAPPER.readValue(Files.readAllBytes(file), OBJECT);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            discard(file, "is not a JSON object");
            return null;
        }
        try {
            Avatar avatar = null;
            if (doc.get("avatar") instanceof Map<?, ?> a) {
                @SuppressWarnings("unchecked")
                Map<String, Object> data = a.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
                avatar = new Avatar((String) a.get("identity"), tags(a.get("tags")), data);
            }
            return new Session((String) doc.get("id"), avatar, Instant.parse((String) doc.get("created")),
                    Instant.parse((String) doc.get("last_access")));
        } catch (RuntimeException e) {
            discard(file, "is not a complete session");
            return null;
        }
    }

    private void discard(Path file, String why) {
        LOG.log(Level.WARNING, "session file " + file.getFileName() + " " + why + "; deleted");
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete " + file + ": " + e.getMessage());
        }
    }

    /** Tags as stored: a list of strings (anything else is a damaged file). */
    private static Set<String> tags(Object stored) {
        Set<String> out = new LinkedHashSet<>();
        if (stored instanceof List<?> list) {
            list.forEach(t -> out.add((String) t));
        } else if (stored != null) {
            throw new IllegalArgumentException("tags are not a list");
        }
        return out;
    }
}
