package org.genro.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.genro.server.exchange.Avatar;
import org.junit.jupiter.api.Test;

/** Credentials to avatars: Basic, static Bearer tokens and JWTs, with the costs and the back-off. */
class AuthenticatorTest {
    private static final String HASH = PasswordHash.create("right-pass".toCharArray(), 2000);
    private static final String TOKEN = "ci-token-0123456789abcdef";
    private static final byte[] JWT_SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private Authenticator authenticator(int workers, Duration remember) {
        return new Authenticator("test", List.of(new Authenticator.User("ada", PasswordHash.parse(HASH), Set.of("admin"))),
                List.of(new Authenticator.Token("ci", Authenticator.sha256(TOKEN), Set.of("deploy"))),
                List.of(JwtVerifier.hmac("internal", "HS256", JWT_SECRET, Set.of("reader"), null, null, Duration.ofSeconds(30))),
                workers, remember, 100, new Throttle(5, Duration.ofSeconds(30), 1000, nanos::get), Clock.systemUTC());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicBearerAndJwtGiveTheirAvatars() throws Exception {
        Authenticator auth = authenticator(1, Duration.ZERO);
        Avatar ada = assertInstanceOf(Authenticator.Outcome.Known.class, auth.authorization(basic("ada", "right-pass"), "a"))
                .avatar();
        assertEquals(new Avatar("ada", Set.of("admin"), java.util.Map.of("backend", "basic")), ada);
        Avatar ci = assertInstanceOf(Authenticator.Outcome.Known.class, auth.authorization("Bearer " + TOKEN, "a")).avatar();
        assertEquals(Set.of("deploy"), ci.tags());
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"svc\"}".getBytes(StandardCharsets.UTF_8));
        String input = "eyJhbGciOiJIUzI1NiJ9." + claims;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(JWT_SECRET, "HmacSHA256"));
        String jwt = input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        Avatar svc = assertInstanceOf(Authenticator.Outcome.Known.class, auth.authorization("bearer " + jwt, "a")).avatar();
        assertEquals("svc", svc.identity());
        for (String bad : List.of("Bearer " + TOKEN + "x", "Bearer ", "Digest abc", "Basic !!!", basic("ada", "wrong"),
                "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)))) {
            assertInstanceOf(Authenticator.Outcome.Refused.class, auth.authorization(bad, "b" + bad.length()), bad);
        }
    }

    /** A wrong password, an unknown user and an empty password must cost the same: one hash each, of equal work. */
    @Test
    void failuresTakeTheSamePathWhoeverTheUser() {
        Authenticator auth = authenticator(1, Duration.ZERO);
        for (String header : List.of(basic("ada", "wrong"), basic("nobody", "wrong"), basic("ada", ""), basic("", ""))) {
            long before = PasswordHash.COMPUTED.sum();
            assertInstanceOf(Authenticator.Outcome.Refused.class, auth.authorization(header, "addr-" + header));
            assertEquals(1, PasswordHash.COMPUTED.sum() - before, "one PBKDF2 computation for " + header);
        }
        long before = PasswordHash.COMPUTED.sum();
        assertInstanceOf(Authenticator.Outcome.Refused.class, auth.login("nobody", null, "x"));
        assertEquals(1, PasswordHash.COMPUTED.sum() - before, "a login of an unknown user pays the decoy too");
    }

    @Test
    void repeatedFailuresBackOffThenDoubleAndASuccessClearsThem() {
        Authenticator auth = authenticator(1, Duration.ZERO);
        for (int i = 0; i < 4; i++) {
            assertInstanceOf(Authenticator.Outcome.Refused.class, auth.login("ada", "wrong", "10.0.0." + i));
        }
        assertInstanceOf(Authenticator.Outcome.Refused.class, auth.login("ada", "wrong", "10.0.0.9"));
        var locked = assertInstanceOf(Authenticator.Outcome.Throttled.class, auth.login("ada", "right-pass", "10.0.1.1"));
        assertEquals(Duration.ofSeconds(30), locked.retryAfter(), "after 5 failures the identity waits 30 s");
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertInstanceOf(Authenticator.Outcome.Refused.class, auth.login("ada", "wrong", "10.0.1.2"));
        var longer = assertInstanceOf(Authenticator.Outcome.Throttled.class, auth.login("ada", "right-pass", "10.0.1.3"));
        assertEquals(Duration.ofSeconds(60), longer.retryAfter(), "then 60 s");
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        assertInstanceOf(Authenticator.Outcome.Known.class, auth.login("ada", "right-pass", "10.0.1.4"));
        assertInstanceOf(Authenticator.Outcome.Refused.class, auth.login("ada", "wrong", "10.0.1.5"),
                "a success cleared the count");
    }

    @Test
    void oneAddressFailingAgainstManyUsersBacksOffToo() {
        Authenticator auth = authenticator(1, Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            auth.authorization("Bearer wrong-token-" + i + "-0123456789", "203.0.113.7");
        }
        assertInstanceOf(Authenticator.Outcome.Throttled.class, auth.authorization("Bearer " + TOKEN, "203.0.113.7"));
        assertInstanceOf(Authenticator.Outcome.Known.class, auth.authorization("Bearer " + TOKEN, "203.0.113.8"));
    }

    @Test
    void aVerifiedBasicHeaderIsRememberedButAFailureIsNot() {
        Authenticator auth = authenticator(1, Duration.ofMinutes(1));
        long before = PasswordHash.COMPUTED.sum();
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(Authenticator.Outcome.Known.class, auth.authorization(basic("ada", "right-pass"), "a"));
        }
        assertEquals(1, PasswordHash.COMPUTED.sum() - before, "ten requests, one hash");
        before = PasswordHash.COMPUTED.sum();
        for (int i = 0; i < 3; i++) {
            auth.authorization(basic("ada", "wrong"), "b");
        }
        assertEquals(3, PasswordHash.COMPUTED.sum() - before, "every failure is checked again");
    }

    @Test
    void theCacheTableHoldsNoPassword() throws Exception {
        Authenticator auth = authenticator(1, Duration.ofMinutes(1));
        auth.authorization(basic("ada", "right-pass"), "a");
        var field = Authenticator.class.getDeclaredField("remembered");
        field.setAccessible(true);
        Object remembered = field.get(auth);
        var entries = remembered.getClass().getDeclaredField("entries");
        entries.setAccessible(true);
        String table = entries.get(remembered).toString();
        assertTrue(!table.contains("right-pass") && !table.contains(basic("ada", "right-pass").substring(6)), table);
    }

    /** With every hash worker busy, a check waits a moment and then answers Busy rather than queueing without end. */
    @Test
    void passwordChecksBeyondTheBoundAreTurnedAway() throws Exception {
        Authenticator auth = authenticator(1, Duration.ZERO);
        var field = Authenticator.class.getDeclaredField("hashing");
        field.setAccessible(true);
        java.util.concurrent.Semaphore hashing = (java.util.concurrent.Semaphore) field.get(auth);
        hashing.acquire(); // one check is running
        try {
            var busy = assertInstanceOf(Authenticator.Outcome.Busy.class, auth.login("ada", "right-pass", "a"));
            assertTrue(busy.retryAfter().toSeconds() >= 1);
        } finally {
            hashing.release();
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            auth.login("ada", "right-pass", "a");
            done.countDown();
        });
        assertTrue(done.await(10, java.util.concurrent.TimeUnit.SECONDS));
    }
}
