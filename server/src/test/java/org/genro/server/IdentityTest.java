package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.exchange.Avatar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identity end to end over a socket: credentials in headers, 401 with its challenges,
 * 403 for the wrong tags, sessions with their cookie, login and logout, the cross-site
 * rule, the login page redirect, and the back-off.
 */
class IdentityTest {
    private static final String TOKEN = "ci-token-0123456789abcdef";
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static AsgiServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** An app with entries for admins, for customers, and for everyone. */
    public static class Vault extends RoutingClass {
        @Route(auth = "admin")
        public String admin() {
            return "admin area";
        }

        @Route(auth = "customer|admin")
        public String orders() {
            return "orders of " + Context.avatar().identity();
        }

        @Route(auth = "customer", methods = {"POST"})
        public String order(String item) {
            return "ordered " + item;
        }

        @Route
        public String whoami() {
            Avatar who = Context.avatar();
            return who == null ? "anonymous" : who.identity() + " " + new java.util.TreeSet<>(who.tags());
        }

        @Route
        public String open() {
            return "open to all";
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = AsgiServer.builder().mount("vault", new Vault())
                .set("auth.plain_passwords", true)
                .set("auth.basic.ada", Map.of("password", "ada-pass", "tags", List.of("admin")))
                .set("auth.basic.bob", Map.of("password", "bob-pass", "tags", "customer"))
                .set("auth.bearer.ci", Map.of("token", TOKEN, "tags", List.of("admin")))
                .set("auth.jwt.internal", Map.of("algorithm", "HS256", "secret", SECRET))
                .set("auth.lock_after", 1000) // the tests share one client address; the back-off has its own test
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String jwt(String claims) throws Exception {
        String input = "eyJhbGciOiJIUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        return input + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void noCredentialsIs401WithAChallengePerScheme() throws Exception {
        HttpResponse<String> r = send(at("/vault/admin"));
        assertEquals(401, r.statusCode());
        assertEquals(List.of("Basic realm=\"genro\", charset=\"UTF-8\"", "Bearer realm=\"genro\""),
                r.headers().allValues("www-authenticate"));
    }

    @Test
    void credentialsDecideBetween200And403() throws Exception {
        assertEquals(200, send(at("/vault/admin").header("Authorization", basic("ada", "ada-pass"))).statusCode());
        assertEquals(403, send(at("/vault/admin").header("Authorization", basic("bob", "bob-pass"))).statusCode());
        assertEquals("orders of bob", send(at("/vault/orders").header("Authorization", basic("bob", "bob-pass"))).body());
        assertEquals(401, send(at("/vault/admin").header("Authorization", basic("ada", "nope"))).statusCode());
        assertEquals(200, send(at("/vault/admin").header("Authorization", "Bearer " + TOKEN)).statusCode());
        String customer = jwt("{\"sub\":\"cy\",\"tags\":[\"customer\"]}");
        assertEquals("orders of cy", send(at("/vault/orders").header("Authorization", "Bearer " + customer)).body());
        assertEquals(403, send(at("/vault/admin").header("Authorization", "Bearer " + customer)).statusCode());
    }

    /** An open page must not pay for checking credentials, whatever a client sends. */
    @Test
    void anOpenEntryNeverChecksCredentialsItDoesNotRead() throws Exception {
        long before = org.genro.server.auth.PasswordHashProbe.computed();
        HttpResponse<String> r = send(at("/vault/open").header("Authorization", basic("ada", "wrong-" + System.nanoTime())));
        assertEquals(200, r.statusCode());
        assertEquals(before, org.genro.server.auth.PasswordHashProbe.computed(), "no hash was computed");
        assertEquals("ada [admin]", send(at("/vault/whoami").header("Authorization", basic("ada", "ada-pass"))).body(),
                "a handler that asks is told");
        assertEquals("anonymous", send(at("/vault/whoami").header("Authorization", basic("ada", "bad"))).body());
    }

    private static String cookieValue(HttpResponse<?> r) {
        String set = r.headers().firstValue("set-cookie").orElse("");
        return set.isEmpty() ? null : set.substring(set.indexOf('=') + 1, set.indexOf(';'));
    }

    private static HttpResponse<String> login(String identity, String password, String cookie) throws Exception {
        HttpRequest.Builder b = at("/_server/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"identity\":\"" + identity + "\",\"password\":\"" + password + "\"}"));
        if (cookie != null) {
            b.header("Cookie", "session_id=" + cookie);
        }
        return send(b);
    }

    @Test
    void aLoginStartsASessionWhoseCookieOpensTaggedPages() throws Exception {
        HttpResponse<String> r = login("bob", "bob-pass", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"identity\":\"bob\",\"tags\":[\"customer\"]}", r.body());
        String set = r.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(set.matches("session_id=[A-Za-z0-9_-]{43}; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax"), set);
        String id = cookieValue(r);
        assertEquals("orders of bob", send(at("/vault/orders").header("Cookie", "session_id=" + id)).body());
        assertEquals(403, send(at("/vault/admin").header("Cookie", "session_id=" + id)).statusCode());
        assertEquals("bob [customer]", send(at("/vault/whoami").header("Cookie", "x=1; session_id=" + id)).body());
        assertEquals("ada [admin]", send(at("/vault/whoami").header("Cookie", "session_id=" + id)
                .header("Authorization", basic("ada", "ada-pass"))).body(), "a header wins over the session");
    }

    /** A login must never keep a session id someone else could have planted. */
    @Test
    void aLoginRotatesTheSessionId() throws Exception {
        String first = cookieValue(login("bob", "bob-pass", null));
        HttpResponse<String> again = login("ada", "ada-pass", first);
        String second = cookieValue(again);
        assertNotEquals(first, second);
        assertEquals(401, send(at("/vault/orders").header("Cookie", "session_id=" + first)).statusCode(),
                "the replaced session is gone");
        assertEquals(200, send(at("/vault/admin").header("Cookie", "session_id=" + second)).statusCode());
        assertNull(cookieValue(send(at("/vault/whoami").header("Cookie", "session_id=" + second))),
                "a cookie is issued only when a session is created");
    }

    @Test
    void aStateChangingRequestWithOnlyACookieMustComeFromThisSite() throws Exception {
        String id = cookieValue(login("bob", "bob-pass", null));
        String self = "http://127.0.0.1:" + server.port();
        HttpRequest.Builder post = at("/vault/order?item=pen").POST(HttpRequest.BodyPublishers.noBody())
                .header("Cookie", "session_id=" + id);
        assertEquals(403, send(post.copy().header("Origin", "https://evil.example")).statusCode());
        assertEquals(403, send(post.copy()).statusCode(), "neither Origin nor Referer");
        assertEquals(403, send(post.copy().header("Referer", "https://evil.example/page")).statusCode());
        assertEquals("ordered pen", send(post.copy().header("Origin", self)).body());
        assertEquals("ordered pen", send(post.copy().header("Referer", self + "/shop/")).body());
        assertEquals("ordered pen", send(at("/vault/order?item=pen").POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", basic("bob", "bob-pass")).header("Origin", "https://evil.example")).body(),
                "a request with its own credentials is not riding on a cookie");
    }

    @Test
    void aLogoutEndsTheSessionAndClearsItsCookie() throws Exception {
        String id = cookieValue(login("bob", "bob-pass", null));
        String self = "http://127.0.0.1:" + server.port();
        HttpResponse<String> out = send(at("/_server/logout").POST(HttpRequest.BodyPublishers.noBody())
                .header("Cookie", "session_id=" + id).header("Origin", self));
        assertEquals(200, out.statusCode(), out.body());
        assertEquals("session_id=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax", out.headers().firstValue("set-cookie").orElse(""));
        assertEquals(401, send(at("/vault/orders").header("Cookie", "session_id=" + id)).statusCode());
    }

    @Test
    void repeatedFailedLoginsAre429WithRetryAfter() {
        try (AsgiServer strict = AsgiServer.builder().mount("vault", new Vault()).set("auth.lock_after", 3)
                .set("auth.plain_passwords", true).set("auth.basic.ada", Map.of("password", "ada-pass", "tags", "admin"))
                .build()) {
            org.genro.server.exchange.Reply r = null;
            for (int i = 0; i < 4; i++) {
                r = strict.handle(FakeRequest.get("/_server/login").method("POST").from("198.51.100.4")
                        .body("application/json", "{\"identity\":\"nobody\",\"password\":\"wrong\"}"));
            }
            assertEquals(429, r.status());
            assertTrue(Long.parseLong(r.headers().first("Retry-After")) >= 1);
            assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains("wrong"));
            assertEquals(429, strict.handle(FakeRequest.get("/vault/admin").from("198.51.100.4")
                    .header("Authorization", basic("ada", "ada-pass"))).status(), "the address waits whatever it sends");
            assertEquals(200, strict.handle(FakeRequest.get("/vault/admin").from("198.51.100.5")
                    .header("Authorization", basic("ada", "ada-pass"))).status(), "another address does not");
        }
    }

    @Test
    void theLoginPageIsAFormThatEscapesWhereItReturns() throws Exception {
        HttpResponse<String> page = send(at("/_server/login_page?next=%2Fvault%2F%22%3E%3Cscript%3E"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form method=post action=\"login\">"), page.body());
        assertTrue(page.body().contains("value=\"/vault/&quot;&gt;&lt;script&gt;\""), page.body());
        assertEquals("/", ServerApplication.local("https://evil.example/"));
        assertEquals("/", ServerApplication.local("//evil.example/"));
        assertEquals("/", ServerApplication.local("/\\evil.example"));
        assertEquals("/vault/orders?x=1", ServerApplication.local("/vault/orders?x=1"));
    }

    @Test
    void theFormLoginSendsTheBrowserBackWithItsCookie() throws Exception {
        HttpResponse<String> r = send(at("/_server/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("identity=bob&password=bob-pass&next=%2Fvault%2Forders")));
        assertEquals(303, r.statusCode());
        assertEquals("/vault/orders", r.headers().firstValue("location").orElse(""));
        assertTrue(cookieValue(r) != null);
        HttpResponse<String> wrong = send(at("/_server/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("identity=bob&password=nope&next=%2Fvault%2Forders")));
        assertEquals(303, wrong.statusCode());
        assertEquals("/_server/login_page?error=1&next=%2Fvault%2Forders", wrong.headers().firstValue("location").orElse(""));
    }

    /** With the login page on, a browser sent to a guarded page lands on the form; an API client keeps its 401. */
    @Test
    void browsersAreSentToTheLoginPageAndApiClientsGet401() throws Exception {
        try (AsgiServer withPage = AsgiServer.builder().mount("vault", new Vault()).set("auth.login_page", true)
                .set("auth.plain_passwords", true).set("auth.basic.ada", Map.of("password", "ada-pass")).start()) {
            URI guarded = URI.create("http://127.0.0.1:" + withPage.port() + "/vault/admin?x=1");
            HttpResponse<String> browser = send(HttpRequest.newBuilder(guarded).header("Accept", "text/html,*/*")
                    .header("Sec-Fetch-Mode", "navigate"));
            assertEquals(302, browser.statusCode());
            assertEquals("/_server/login_page?next=%2Fvault%2Fadmin%3Fx%3D1", browser.headers().firstValue("location").orElse(""));
            HttpResponse<String> api = send(HttpRequest.newBuilder(guarded).header("Accept", "application/json"));
            assertEquals(401, api.statusCode());
            HttpResponse<String> script = send(HttpRequest.newBuilder(guarded).header("Accept", "text/html")
                    .header("Sec-Fetch-Mode", "cors"));
            assertEquals(401, script.statusCode(), "a page's own fetch is not a navigation");
        }
    }

    @Test
    void theCookieIsSecureUnderTls() {
        FakeRequest tls = new FakeRequest() {
            @Override
            public boolean secure() {
                return true;
            }
        };
        tls.path("/_server/login").method("POST").from("198.51.100.5").body("application/json", "{\"identity\":\"bob\",\"password\":\"bob-pass\"}");
        String set = server.handle(tls).headers().first("Set-Cookie");
        assertTrue(set.endsWith("; HttpOnly; SameSite=Lax; Secure"), set);
    }
}
