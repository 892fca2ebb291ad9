package org.genro.server.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.genro.http.Headers;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.AsgiServer;
import org.genro.server.auth.PasswordHash;
import org.genro.server.exchange.Reply;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What identity costs a request, in memory. Servers on the same app: with the auth and
 * session layers switched off, with them on (the default) and no auth section, and with
 * them on and users configured.
 *
 * <ul>
 *   <li>{@code openEntryWithoutIdentity}, {@code openEntryLayersOnNoAuthConfigured} and
 *       {@code openEntryWithIdentity}: an entry open to everyone must cost the same
 *       whether or not auth is configured.</li>
 *   <li>{@code basicRemembered}: repeated Basic requests of one user, after the first,
 *       are served from the remembered header, not a 600,000-iteration hash.</li>
 *   <li>{@code wrongPassword}: the cost of one wrong password (the hash, every time); a
 *       flood of them can use at most {@code auth.hash_workers} cores.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AuthBench {
    /** An open entry and a tagged one. */
    public static class Api extends RoutingClass {
        @Route(methods = {"GET"})
        public Map<String, Object> item(long id) {
            return Map.of("id", id, "name", "pen");
        }

        @Route(auth = "admin", methods = {"GET"})
        public Map<String, Object> secret(long id) {
            return Map.of("id", id, "name", "key");
        }
    }

    private AsgiServer plain;
    private AsgiServer unconfigured;
    private AsgiServer guarded;
    private MemoryRequest open;
    private MemoryRequest remembered;
    private MemoryRequest wrong;

    @Setup(Level.Trial)
    public void setUp() {
        plain = AsgiServer.builder().mount("api", new Api()).middleware("auth", false).middleware("session", false).build();
        unconfigured = AsgiServer.builder().mount("api", new Api()).build();
        String hash = PasswordHash.create("right-pass".toCharArray());
        guarded = AsgiServer.builder().mount("api", new Api())
                .set("auth.basic.ada", Map.of("password_hash", hash, "tags", List.of("admin")))
                .set("auth.lock_after", 0) // measure the hash itself, not the back-off
                .build();
        open = MemoryRequest.get("/api/item/42", "");
        remembered = withAuthorization("/api/secret/42", basic("ada", "right-pass"));
        wrong = withAuthorization("/api/secret/42", basic("ada", "wrong-pass"));
        expect(plain.handle(open), 200);
        expect(unconfigured.handle(open), 200);
        expect(guarded.handle(open), 200);
        expect(guarded.handle(remembered), 200);
        expect(guarded.handle(wrong), 401);
    }

    private static MemoryRequest withAuthorization(String path, String value) {
        Headers h = new Headers(4);
        h.add("Host", "localhost:8000");
        h.add("Accept", "application/json");
        h.add("Authorization", value);
        return new MemoryRequest(path, "", h);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void expect(Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("setup expected " + status + ", got " + reply);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        plain.close();
        unconfigured.close();
        guarded.close();
    }

    /** An open entry, auth and session layers off. */
    @Benchmark
    public Reply openEntryWithoutIdentity() {
        return plain.handle(open);
    }

    /** The same entry with both layers on (the default) and no auth section. */
    @Benchmark
    public Reply openEntryLayersOnNoAuthConfigured() {
        return unconfigured.handle(open);
    }

    /** The same entry with auth configured and both layers on. */
    @Benchmark
    public Reply openEntryWithIdentity() {
        return guarded.handle(open);
    }

    /** A tagged entry, Basic credentials of one user, remembered after the first request. */
    @Benchmark
    public Reply basicRemembered() {
        return guarded.handle(remembered);
    }

    /** A wrong password: one full hash check, never remembered. */
    @Benchmark
    @Warmup(iterations = 1, time = 2)
    @Measurement(iterations = 3, time = 3)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Reply wrongPassword() {
        return guarded.handle(wrong);
    }
}
