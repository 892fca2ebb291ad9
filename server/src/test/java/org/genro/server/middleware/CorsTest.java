package org.genro.server.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.genro.http.Headers;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CorsTest {
    private static final String SITE = "https://app.example";
    private static final String OTHER = "https://evil.example";
    private static final String PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
    private static final Cors.Options SITE_ONLY = Cors.Options.DEFAULTS.allowOrigins(List.of(SITE));

    private final CountingApp app = new CountingApp(x -> Reply.text("data"));

    private Reply run(Cors.Options options, TestRequest request) throws Exception {
        return new Cors(options).handle(request.exchange(), app);
    }

    private static TestRequest preflight(String origin, String method, String headers) {
        TestRequest r = TestRequest.of("OPTIONS", "/api").header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        return headers == null ? r : r.header("Access-Control-Request-Headers", headers);
    }

    private static List<String> corsHeaders(Reply reply) {
        Headers h = reply.headers();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            if (h.name(i).regionMatches(true, 0, "Access-Control-", 0, 15)) {
                out.add(h.name(i) + ": " + h.value(i));
            }
        }
        return out;
    }

    /** Policy, origin, method, requested headers → 204 with these CORS headers, or 403 with none. */
    static Stream<Arguments> preflights() {
        Cors.Options creds = SITE_ONLY.allowCredentials(true).allowHeaders(List.of("X-Token", "Content-Type"));
        return Stream.of(
                row(SITE_ONLY, SITE, "GET", null, 204, List.of("Access-Control-Allow-Origin: " + SITE,
                        "Access-Control-Allow-Methods: GET, HEAD, POST", "Access-Control-Max-Age: 600")),
                row(SITE_ONLY, OTHER, "GET", null, 403, List.of()),
                row(SITE_ONLY, "null", "GET", null, 403, List.of()),
                row(SITE_ONLY, SITE, "PUT", null, 403, List.of()),
                row(SITE_ONLY, SITE, "get", null, 403, List.of()),
                row(SITE_ONLY, SITE, "POST", "X-Token", 403, List.of()),
                row(Cors.Options.DEFAULTS, SITE, "GET", null, 403, List.of()),
                row(creds, SITE, "POST", "x-token, content-type", 204, List.of("Access-Control-Allow-Origin: " + SITE,
                        "Access-Control-Allow-Methods: GET, HEAD, POST", "Access-Control-Allow-Headers: x-token, content-type",
                        "Access-Control-Allow-Credentials: true", "Access-Control-Max-Age: 600")),
                row(creds, SITE, "POST", "x-token, x-other", 403, List.of()),
                row(SITE_ONLY.allowHeaders(List.of("*")), SITE, "GET", "X-Anything,X-Else", 204, List.of(
                        "Access-Control-Allow-Origin: " + SITE, "Access-Control-Allow-Methods: GET, HEAD, POST",
                        "Access-Control-Allow-Headers: X-Anything, X-Else", "Access-Control-Max-Age: 600")),
                row(SITE_ONLY.allowMethods(List.of("*")).maxAge(0), SITE, "PURGE", null, 204, List.of(
                        "Access-Control-Allow-Origin: " + SITE, "Access-Control-Allow-Methods: PURGE",
                        "Access-Control-Max-Age: 0")),
                row(SITE_ONLY.allowMethods(List.of("GET", "DELETE")), SITE, "DELETE", null, 204, List.of(
                        "Access-Control-Allow-Origin: " + SITE, "Access-Control-Allow-Methods: GET, DELETE",
                        "Access-Control-Max-Age: 600")),
                row(Cors.Options.DEFAULTS.allowOrigins(List.of("*")), OTHER, "GET", null, 204, List.of(
                        "Access-Control-Allow-Origin: *", "Access-Control-Allow-Methods: GET, HEAD, POST",
                        "Access-Control-Max-Age: 600")),
                row(Cors.Options.DEFAULTS.allowOrigins(List.of("https://APP.example")), SITE, "GET", null, 204, List.of(
                        "Access-Control-Allow-Origin: " + SITE, "Access-Control-Allow-Methods: GET, HEAD, POST",
                        "Access-Control-Max-Age: 600")));
    }

    private static Arguments row(Cors.Options options, String origin, String method, String headers, int status,
                                 List<String> cors) {
        return Arguments.of(options, origin, method, headers, status, cors);
    }

    @ParameterizedTest
    @MethodSource("preflights")
    void answersPreflightsItselfWithoutCallingTheApp(Cors.Options options, String origin, String method, String headers,
                                                     int status, List<String> cors) throws Exception {
        Reply reply = run(options, preflight(origin, method, headers));
        assertEquals(status, reply.status());
        assertEquals(cors, corsHeaders(reply));
        assertEquals(PREFLIGHT_VARY, reply.headers().first("Vary"));
        assertEquals(0, app.calls());
    }

    @Test
    void aPreflightSendsAllowCredentialsExactlyOnce() throws Exception {
        Reply reply = run(SITE_ONLY.allowCredentials(true), preflight(SITE, "GET", null));
        assertEquals(List.of("true"), reply.headers().all("Access-Control-Allow-Credentials"));
    }

    @Test
    void anOptionsRequestWithoutRequestMethodIsNotAPreflight() throws Exception {
        Reply reply = run(SITE_ONLY, TestRequest.of("OPTIONS", "/api").header("Origin", SITE));
        assertEquals(1, app.calls());
        assertEquals(SITE, reply.headers().first("Access-Control-Allow-Origin"));
    }

    @Test
    void withoutAllowedOriginsNoReplyCarriesCorsHeaders() throws Exception {
        Reply reply = run(Cors.Options.DEFAULTS, TestRequest.get("/api").header("Origin", SITE));
        assertEquals(200, reply.status());
        assertEquals(List.of(), corsHeaders(reply));
    }

    @Test
    void anAllowedOriginGetsItsOriginEchoedAndVaryOrigin() throws Exception {
        Reply reply = run(SITE_ONLY, TestRequest.get("/api").header("Origin", SITE));
        assertEquals(List.of("Access-Control-Allow-Origin: " + SITE), corsHeaders(reply));
        assertEquals("Origin", reply.headers().first("Vary"));
        assertEquals("data", new String(reply.body()));
    }

    @Test
    void credentialsAndExposedHeadersGoOnActualReplies() throws Exception {
        Reply reply = run(SITE_ONLY.allowCredentials(true).exposeHeaders(List.of("X-Total", "X-Page")),
                TestRequest.of("POST", "/api").header("Origin", SITE));
        assertEquals(List.of("Access-Control-Allow-Origin: " + SITE, "Access-Control-Allow-Credentials: true",
                "Access-Control-Expose-Headers: X-Total, X-Page"), corsHeaders(reply));
    }

    @Test
    void aDisallowedOriginReachesTheAppButGetsNoCorsHeaders() throws Exception {
        Reply reply = run(SITE_ONLY, TestRequest.get("/api").header("Origin", OTHER));
        assertEquals(1, app.calls());
        assertEquals(List.of(), corsHeaders(reply));
        assertEquals("Origin", reply.headers().first("Vary"));
    }

    @Test
    void aRequestWithoutOriginStillVariesOnOrigin() throws Exception {
        Reply reply = run(SITE_ONLY, TestRequest.get("/api"));
        assertEquals(List.of(), corsHeaders(reply));
        assertEquals("Origin", reply.headers().first("Vary"));
    }

    @Test
    void aWildcardWithoutCredentialsAnswersStarAndDoesNotVary() throws Exception {
        Reply reply = run(Cors.Options.DEFAULTS.allowOrigins(List.of("*")), TestRequest.get("/api").header("Origin", OTHER));
        assertEquals(List.of("Access-Control-Allow-Origin: *"), corsHeaders(reply));
        assertNull(reply.headers().first("Vary"));
    }

    /** The app's Vary fields → the one Vary field after CORS. */
    static Stream<Arguments> varies() {
        return Stream.of(
                Arguments.of(List.of(), "Origin"),
                Arguments.of(List.of("Accept-Encoding"), "Accept-Encoding, Origin"),
                Arguments.of(List.of("origin"), "origin"),
                Arguments.of(List.of("Accept, ORIGIN"), "Accept, ORIGIN"),
                Arguments.of(List.of("Accept", "Accept-Language"), "Accept, Accept-Language, Origin"),
                Arguments.of(List.of("*"), "*"));
    }

    @ParameterizedTest
    @MethodSource("varies")
    void mergesOriginIntoTheAppsVaryWithoutDuplicating(List<String> vary, String merged) throws Exception {
        Cors cors = new Cors(SITE_ONLY);
        Reply reply = cors.handle(TestRequest.get("/").header("Origin", SITE).exchange(), x -> {
            Reply r = Reply.text("v");
            vary.forEach(v -> r.addHeader("Vary", v));
            return r;
        });
        assertEquals(List.of(merged), reply.headers().all("Vary"));
    }

    @Test
    void anHttpErrorFromInsideStillCarriesCorsHeadersSoThePageCanReadIt() throws Exception {
        Reply reply = new Cors(SITE_ONLY).handle(TestRequest.get("/api").header("Origin", SITE).exchange(), x -> {
            throw new HttpError(401, "login first");
        });
        assertEquals(401, reply.status());
        assertEquals(SITE, reply.headers().first("Access-Control-Allow-Origin"));
    }

    @Test
    void wildcardsWithCredentialsAreRefusedAtStartup() {
        for (var options : List.of(Cors.Options.DEFAULTS.allowOrigins(List.of("*")),
                SITE_ONLY.allowHeaders(List.of("*")), SITE_ONLY.allowMethods(List.of("*")),
                SITE_ONLY.exposeHeaders(List.of("*")))) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> options.allowCredentials(true));
            assertTrue(e.getMessage().startsWith("allow_credentials: "), e.getMessage());
        }
    }

    @Test
    void sitsAtRank300() {
        assertEquals(new Layer("cors", 300, new Cors(SITE_ONLY)).rank(), new Cors(SITE_ONLY).layer().rank());
        assertEquals("cors", new Cors(SITE_ONLY).layer().name());
    }
}
