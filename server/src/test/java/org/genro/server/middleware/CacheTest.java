package org.genro.server.middleware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CacheTest {
    private static final Cache.Options STORE = Cache.Options.DEFAULTS.store(true).maxAge(60);

    private static String text(Reply reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    private static CountingApp app(Function<Exchange, Reply> replies) {
        return new CountingApp(replies);
    }

    // ---- ETag and 304 ----

    @Test
    void tagsA200GetWithAHashOfItsBody() throws Exception {
        Cache cache = new Cache(Cache.Options.DEFAULTS);
        String a = cache.handle(TestRequest.get("/a").exchange(), x -> Reply.text("one")).headers().first("ETag");
        String b = cache.handle(TestRequest.get("/a").exchange(), x -> Reply.text("one")).headers().first("ETag");
        String c = cache.handle(TestRequest.get("/a").exchange(), x -> Reply.text("two")).headers().first("ETag");
        assertEquals(EntityTags.strong("one".getBytes(StandardCharsets.UTF_8)), a);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void keepsATagTheAppSet() throws Exception {
        Reply reply = new Cache(Cache.Options.DEFAULTS).handle(TestRequest.get("/").exchange(),
                x -> Reply.text("x").header("ETag", "W/\"v7\""));
        assertEquals(List.of("W/\"v7\""), reply.headers().all("ETag"));
    }

    /** Request and app reply → whether an ETag is added. */
    static Stream<Arguments> untagged() {
        return Stream.of(
                Arguments.of(TestRequest.of("POST", "/"), Reply.text("x")),
                Arguments.of(TestRequest.of("DELETE", "/"), Reply.text("x")),
                Arguments.of(TestRequest.get("/"), Reply.text("x").status(404)),
                Arguments.of(TestRequest.get("/"), Reply.text("x").status(201)),
                Arguments.of(TestRequest.of("HEAD", "/"), Reply.ok()),
                Arguments.of(TestRequest.get("/"), Reply.file(Path.of("f.txt"))),
                Arguments.of(TestRequest.get("/"), Reply.stream("text/plain", out -> { })));
    }

    @ParameterizedTest
    @MethodSource("untagged")
    void tagsOnlyGetAndHeadOf200sHeldInMemory(TestRequest request, Reply reply) throws Exception {
        assertNull(new Cache(Cache.Options.DEFAULTS).handle(request.exchange(), x -> reply).headers().first("ETag"));
    }

    @Test
    void aHeadWithItsBodyGetsTheSameTagAsTheGet() throws Exception {
        Cache cache = new Cache(Cache.Options.DEFAULTS);
        String get = cache.handle(TestRequest.get("/").exchange(), x -> Reply.text("same")).headers().first("ETag");
        String head = cache.handle(TestRequest.of("HEAD", "/").exchange(), x -> Reply.text("same")).headers().first("ETag");
        assertEquals(get, head);
    }

    @Test
    void aMatchingIfNoneMatchGives304WithValidatorsAndNoBody() throws Exception {
        Cache cache = new Cache(Cache.Options.DEFAULTS.maxAge(30));
        Function<Exchange, Reply> page = x -> Reply.html("<p>hi</p>").header("Vary", "Accept-Language")
                .header("Set-Cookie", "a=b");
        String tag = cache.handle(TestRequest.get("/").exchange(), page::apply).headers().first("ETag");
        Reply reply = cache.handle(TestRequest.get("/").header("If-None-Match", "\"zzz\", " + tag).exchange(), page::apply);
        assertEquals(304, reply.status());
        assertEquals(0, reply.body().length);
        assertEquals(tag, reply.headers().first("ETag"));
        assertEquals("Accept-Language", reply.headers().first("Vary"));
        assertNull(reply.headers().first("Content-Type"));
        assertNull(reply.headers().first("Set-Cookie"));
    }

    @Test
    void theCacheControlAndTagsOfA304ComeFromTheReply() throws Exception {
        Reply reply = new Cache(Cache.Options.DEFAULTS).handle(TestRequest.get("/").header("If-None-Match", "W/\"v1\"")
                .exchange(), x -> Reply.text("x").header("ETag", "\"v1\"").header("Cache-Control", "max-age=5"));
        assertEquals(304, reply.status());
        assertEquals("max-age=5", reply.headers().first("Cache-Control"));
        assertEquals("\"v1\"", reply.headers().first("ETag"));
    }

    @Test
    void aStarMatchesAnyCurrentRepresentation() throws Exception {
        Cache cache = new Cache(Cache.Options.DEFAULTS);
        assertEquals(304, cache.handle(TestRequest.get("/").header("If-None-Match", "*").exchange(),
                x -> Reply.text("x")).status());
        assertEquals(304, cache.handle(TestRequest.get("/").header("If-None-Match", "*").exchange(),
                x -> Reply.file(Path.of("f"))).status());
        assertEquals(404, cache.handle(TestRequest.get("/").header("If-None-Match", "*").exchange(),
                x -> Reply.text("gone").status(404)).status());
    }

    @Test
    void aDifferentTagGetsTheFullReply() throws Exception {
        Reply reply = new Cache(Cache.Options.DEFAULTS).handle(TestRequest.get("/").header("If-None-Match", "\"old\"")
                .exchange(), x -> Reply.text("new"));
        assertEquals(200, reply.status());
        assertEquals("new", text(reply));
    }

    @Test
    void unsafeMethodsIgnoreIfNoneMatch() throws Exception {
        Reply reply = new Cache(Cache.Options.DEFAULTS).handle(TestRequest.of("POST", "/").header("If-None-Match", "*")
                .exchange(), x -> Reply.text("done"));
        assertEquals(200, reply.status());
    }

    // ---- max_age ----

    @Test
    void maxAgeAddsPublicCacheControlUnlessTheReplyHasOne() throws Exception {
        Cache cache = new Cache(Cache.Options.DEFAULTS.maxAge(60));
        assertEquals("public, max-age=60", cache.handle(TestRequest.get("/").exchange(), x -> Reply.text("x"))
                .headers().first("Cache-Control"));
        assertEquals("no-cache", cache.handle(TestRequest.get("/").exchange(),
                x -> Reply.text("x").header("Cache-Control", "no-cache")).headers().first("Cache-Control"));
        assertNull(cache.handle(TestRequest.get("/").exchange(), x -> Reply.text("x").header("Set-Cookie", "s=1"))
                .headers().first("Cache-Control"));
        assertNull(cache.handle(TestRequest.get("/").header("Authorization", "Bearer t").exchange(),
                x -> Reply.text("x")).headers().first("Cache-Control"));
        assertNull(cache.handle(TestRequest.get("/").exchange(), x -> Reply.text("x").status(404))
                .headers().first("Cache-Control"));
        assertNull(new Cache(Cache.Options.DEFAULTS).handle(TestRequest.get("/").exchange(), x -> Reply.text("x"))
                .headers().first("Cache-Control"));
    }

    // ---- store ----

    @Test
    void aStoredReplyIsServedWithoutCallingTheApp() throws Exception {
        Cache cache = new Cache(STORE);
        CountingApp app = app(x -> Reply.text("page " + x.id()));
        Reply first = cache.handle(TestRequest.get("/p?x=1").exchange(), app);
        Reply second = cache.handle(TestRequest.get("/p?x=1").exchange(), app);
        Reply head = cache.handle(TestRequest.of("HEAD", "/p?x=1").exchange(), app);
        assertEquals(1, app.calls());
        assertEquals(text(first), text(second));
        assertEquals(text(first), text(head));
        assertEquals("0", second.headers().first("Age"));
        assertEquals(first.headers().first("ETag"), second.headers().first("ETag"));
        assertEquals("text/plain; charset=utf-8", second.contentType());
    }

    @Test
    void aStoredReplyAnswersAConditionalRequestWith304() throws Exception {
        Cache cache = new Cache(STORE);
        CountingApp app = app(x -> Reply.text("page"));
        String tag = cache.handle(TestRequest.get("/p").exchange(), app).headers().first("ETag");
        Reply reply = cache.handle(TestRequest.get("/p").header("If-None-Match", tag).exchange(), app);
        assertEquals(304, reply.status());
        assertEquals(1, app.calls());
    }

    @Test
    void pathQueryAndHostEachMakeADifferentEntry() throws Exception {
        Cache cache = new Cache(STORE);
        CountingApp app = app(x -> Reply.text(x.request().target()));
        for (TestRequest r : List.of(TestRequest.get("/a"), TestRequest.get("/b"), TestRequest.get("/a?x=1"),
                TestRequest.get("/a?x=2"), TestRequest.get("/a").host("other.example"))) {
            cache.handle(r.exchange(), app);
        }
        assertEquals(5, app.calls());
        assertEquals(5, cache.store().size());
        assertEquals("/a?x=2", text(cache.handle(TestRequest.get("/a?x=2").exchange(), app)));
        assertEquals(5, app.calls());
    }

    /** App replies that must not be stored, each with the request that produced it. */
    static Stream<Arguments> notStored() {
        return Stream.of(
                Arguments.of(TestRequest.get("/"), Reply.text("x").header("Set-Cookie", "sid=1")),
                Arguments.of(TestRequest.get("/"), Reply.text("x").header("Cache-Control", "private, max-age=60")),
                Arguments.of(TestRequest.get("/"), Reply.text("x").header("Cache-Control", "no-store")),
                Arguments.of(TestRequest.get("/"), Reply.text("x").header("Cache-Control", "no-cache")),
                Arguments.of(TestRequest.get("/"), Reply.text("x").header("Cache-Control", "max-age=0")),
                Arguments.of(TestRequest.get("/"), Reply.text("x").header("Cache-Control", "max-age=60, s-maxage=0")),
                Arguments.of(TestRequest.get("/"), Reply.text("x").header("Cache-Control", "max-age=soon")),
                Arguments.of(TestRequest.get("/"), Reply.text("x").header("Vary", "*")),
                Arguments.of(TestRequest.get("/"), Reply.text("x").status(404)),
                Arguments.of(TestRequest.get("/"), Reply.file(Path.of("f.txt"))),
                Arguments.of(TestRequest.of("HEAD", "/"), Reply.text("x")),
                Arguments.of(TestRequest.of("POST", "/"), Reply.text("x")),
                Arguments.of(TestRequest.get("/").header("Authorization", "Basic eDp5"), Reply.text("x")),
                Arguments.of(TestRequest.get("/").header("Cookie", "sid=1"), Reply.text("x")));
    }

    @ParameterizedTest
    @MethodSource("notStored")
    void keepsOnlyCacheableReplies(TestRequest request, Reply reply) throws Exception {
        Cache cache = new Cache(STORE);
        cache.handle(request.exchange(), x -> reply);
        assertEquals(0, cache.store().size());
    }

    @Test
    void withoutTheMaxAgeOptionTheReplysOwnLifetimeDecides() throws Exception {
        Cache cache = new Cache(Cache.Options.DEFAULTS.store(true));
        cache.handle(TestRequest.get("/plain").exchange(), x -> Reply.text("x"));
        assertEquals(0, cache.store().size());
        cache.handle(TestRequest.get("/timed").exchange(), x -> Reply.text("x").header("Cache-Control", "max-age=60"));
        cache.handle(TestRequest.get("/shared").exchange(), x -> Reply.text("x").header("Cache-Control", "s-maxage=60"));
        assertEquals(2, cache.store().size());
    }

    @Test
    void requestsWithCredentialsNeverGetStoredReplies() throws Exception {
        Cache cache = new Cache(STORE);
        CountingApp app = app(x -> Reply.text("public"));
        cache.handle(TestRequest.get("/p").exchange(), app);
        cache.handle(TestRequest.get("/p").header("Authorization", "Bearer t").exchange(), app);
        cache.handle(TestRequest.get("/p").header("Cookie", "sid=1").exchange(), app);
        assertEquals(3, app.calls());
    }

    /** A reply made for a tagged caller once reached anonymous ones from the store. */
    @Test
    void repliesToIdentifiedCallersAreNeverStoredOrPublic() throws Exception {
        Cache cache = new Cache(STORE);
        CountingApp app = app(x -> x.caller().authenticated() ? Reply.text("payroll") : Reply.text("login first").status(401));
        var tagged = TestRequest.get("/secret").exchange();
        tagged.caller(tagged.caller().withTags("admin"));
        Reply forAdmin = cache.handle(tagged, app);
        assertEquals("payroll", text(forAdmin));
        assertEquals(null, forAdmin.headers().first("Cache-Control"));
        Reply anonymous = cache.handle(TestRequest.get("/secret").exchange(), app);
        assertEquals(401, anonymous.status());
        assertEquals(2, app.calls());
    }

    @Test
    void variantsNamedByVaryAreStoredApart() throws Exception {
        Cache cache = new Cache(STORE);
        CountingApp app = app(x -> Reply.text("lang=" + x.header("Accept-Language")).header("Vary", "Accept-Language"));
        for (String lang : List.of("it", "en", "it", "en")) {
            Reply reply = cache.handle(TestRequest.get("/p").header("Accept-Language", lang).exchange(), app);
            assertEquals("lang=" + lang, text(reply));
        }
        assertEquals("lang=null", text(cache.handle(TestRequest.get("/p").exchange(), app)));
        assertEquals(3, app.calls());
        assertEquals(3, cache.store().size());
    }

    private static byte[] compressibleJson() {
        return ("{\"rows\":[" + "1,".repeat(600) + "1]}").getBytes(StandardCharsets.UTF_8);
    }

    private static Next cacheAroundCompression(CountingApp app) {
        return MiddlewareChain.build(List.of(new Cache(STORE).layer(), new Compression(Compression.Options.DEFAULTS).layer()), app);
    }

    @Test
    void storesGzipAndPlainFormsFromTheCompressionLayerSeparately() throws Exception {
        byte[] json = compressibleJson();
        CountingApp app = app(x -> Reply.bytes(json, "application/json"));
        Next chain = cacheAroundCompression(app);
        for (int round = 0; round < 2; round++) {
            Reply gz = chain.proceed(TestRequest.get("/data").header("Accept-Encoding", "gzip").exchange());
            Reply plain = chain.proceed(TestRequest.get("/data").exchange());
            assertEquals("gzip", gz.headers().first("Content-Encoding"));
            assertArrayEquals(json, new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes());
            assertNull(plain.headers().first("Content-Encoding"));
            assertArrayEquals(json, plain.body());
            assertNotEquals(gz.headers().first("ETag"), plain.headers().first("ETag"));
        }
        assertEquals(2, app.calls());
    }

    /** A second Accept-Encoding line once stored a gzip body under the key of the first line alone. */
    @Test
    void aRepeatedAcceptEncodingCannotPoisonThePlainVariant() throws Exception {
        byte[] json = compressibleJson();
        CountingApp app = app(x -> Reply.bytes(json, "application/json"));
        Next chain = cacheAroundCompression(app);
        Reply mixed = chain.proceed(TestRequest.get("/data").header("Accept-Encoding", "identity")
                .header("Accept-Encoding", "gzip").exchange());
        assertEquals("gzip", mixed.headers().first("Content-Encoding"), "compression reads every line");
        Reply plain = chain.proceed(TestRequest.get("/data").header("Accept-Encoding", "identity").exchange());
        assertNull(plain.headers().first("Content-Encoding"));
        assertArrayEquals(json, plain.body());
        Reply again = chain.proceed(TestRequest.get("/data").header("Accept-Encoding", "identity")
                .header("Accept-Encoding", "gzip").exchange());
        assertEquals("gzip", again.headers().first("Content-Encoding"));
        assertEquals("0", again.headers().first("Age"), "the same two lines find their own variant");
        assertEquals(2, app.calls());
    }

    @Test
    void whatOuterLayersAddToAServedReplyDoesNotLeakIntoTheStore() throws Exception {
        Cache cache = new Cache(STORE);
        CountingApp app = app(x -> Reply.text("x"));
        cache.handle(TestRequest.get("/p").exchange(), app).header("X-Outer", "1").header("Vary", "Origin");
        cache.handle(TestRequest.get("/p").exchange(), app).header("X-Outer", "2");
        Reply third = cache.handle(TestRequest.get("/p").exchange(), app);
        assertNull(third.headers().first("X-Outer"));
        assertNull(third.headers().first("Vary"));
        assertEquals(1, app.calls());
    }

    @Test
    void theStoreIsBoundedByEntries() throws Exception {
        Cache cache = new Cache(STORE.maxEntries(3));
        CountingApp app = app(x -> Reply.text(x.path()));
        for (int i = 0; i < 10; i++) {
            cache.handle(TestRequest.get("/p" + i).exchange(), app);
        }
        assertEquals(3, cache.store().size());
        cache.handle(TestRequest.get("/p9").exchange(), app);
        assertEquals(10, app.calls());
        cache.handle(TestRequest.get("/p0").exchange(), app);
        assertEquals(11, app.calls());
    }

    @Test
    void theStoreIsBoundedByBytes() throws Exception {
        Cache cache = new Cache(STORE.maxBytes(2_000));
        for (int i = 0; i < 10; i++) {
            cache.handle(TestRequest.get("/p" + i).exchange(), x -> Reply.text("y".repeat(500)));
        }
        assertTrue(cache.store().bytes() <= 2_000, "bytes " + cache.store().bytes());
        assertTrue(cache.store().size() >= 2 && cache.store().size() <= 3, "size " + cache.store().size());
        cache.handle(TestRequest.get("/huge").exchange(), x -> Reply.text("z".repeat(5_000)));
        assertTrue(cache.store().bytes() <= 2_000);
        assertNotNull(cache.store().lookup("example.com /p9", n -> null, System.nanoTime()));
    }

    @Test
    void sitsAt850OutsideCompression() {
        assertEquals(850, new Cache(Cache.Options.DEFAULTS).layer().rank());
        assertNull(new Cache(Cache.Options.DEFAULTS).store());
    }
}
