package org.genro.serverapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genro.http.Headers;
import org.genro.router.Caller;
import org.genro.server.exchange.AcceptEncoding;
import org.genro.server.exchange.Destination;
import org.genro.server.exchange.Endpoint;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Json;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.MediaTypes;
import org.genro.server.exchange.Middleware;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.PlainJson;
import org.genro.server.exchange.Preconditions;
import org.genro.server.exchange.Query;
import org.genro.server.exchange.Rejection;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;

/**
 * Touches every public type and method of {@code org.genro.server.exchange}, the model
 * applications and middleware are written against, from outside its package: an API
 * change breaks this file first, so it shows in review.
 */
class ExchangeApiTest {

    @Test
    void theRequestModel() {
        Destination going = new Destination("shop", "list", "shop/list", null);
        Destination refused = Destination.refused(new HttpError(Rejection.PATH_NOT_UTF8));
        Destination full = new Destination(going.app(), going.appPath(), going.routePath(), going.found(), null);
        assertEquals(Rejection.PATH_NOT_UTF8.message(), refused.refusal().getMessage());
        assertEquals(going, full);
        Destination cut = Destination.within("shop", "/shop/list/", 1, 6, 10, null);
        assertEquals(going, cut);
        assertEquals(going.hashCode(), cut.hashCode());
        assertEquals("list", cut.appPath());
        assertEquals("shop/list", cut.routePath());
        assertEquals("", Destination.within("shop", "shop", 0, 5, 4, null).appPath());
        assertNull(Destination.NONE.app());

        Exchange e = new Exchange(7, new ApiRequest("/shop/list", "a=1&a=2&b=x"), going, Exchange.DEFAULT_FIELD_LIMIT);
        Exchange unrouted = new Exchange(8, new ApiRequest("/", ""));
        assertEquals(Destination.NONE, unrouted.destination());
        assertEquals(7, e.id());
        assertEquals("GET", e.method());
        assertEquals("/shop/list", e.path());
        assertEquals("localhost", e.header("Host"));
        assertEquals("shop", e.app());
        assertEquals("list", e.appPath());
        assertEquals("shop/list", e.routePath());
        assertEquals(going, e.destination());
        assertEquals(Map.of("a", "1", "b", "x"), e.query());
        assertEquals(List.of("1", "2"), e.queryAll("a"));
        assertEquals(Exchange.DEFAULT_FIELD_LIMIT, e.fieldLimit());
        assertEquals("http", e.caller().channel());
        e.caller(Caller.anonymous().withTags("admin"));
        assertTrue(e.caller().authenticated());
        assertNull(e.pendingReply());
        e.reply().header("X-A", "1");
        assertEquals("1", e.pendingReply().headers().first("X-A"));
        e.attribute("k", "v");
        assertEquals("v", e.attribute("k"));
        assertNotNull(e.started());
        assertTrue(e.elapsedNanos() >= 0);
        long now = System.nanoTime();
        assertTrue(e.elapsedNanos(now) >= 0);
        assertEquals(e.elapsedNanos(now) + 1_000, e.elapsedNanos(now + 1_000), "ages measured from one given reading");
        assertNotNull(e.request().target() + e);

        Query q = Query.parse("a=1&a=2&c=%41", 10);
        assertEquals(List.of("1", "2"), q.all("a"));
        assertEquals("A", q.first().get("c"));
        assertEquals(2, q.values().size());
        assertEquals(Map.of("c", "A"), Query.parse("a=1&c=%41", 10, Set.of("c"), Rejection.QUERY_TOO_MANY_FIELDS).first());
        assertTrue(Query.EMPTY.first().isEmpty());
    }

    @Test
    void repliesErrorsAndRefusals() throws Exception {
        for (Rejection r : Rejection.values()) {
            assertTrue(r.status() >= 400 && !r.message().isEmpty() && !r.toString().isEmpty(), r.name());
        }
        HttpError byRule = new HttpError(Rejection.METHOD_NOT_ALLOWED, Map.of("Allow", "GET"));
        assertEquals(405, byRule.status());
        assertEquals("GET", byRule.headers().get("Allow"));
        assertEquals(404, new HttpError(Rejection.NOT_FOUND).status());
        assertEquals(418, new HttpError(418, "tea").status());
        assertEquals(409, new HttpError(409, "taken", Map.of()).status());

        Exchange e = new Exchange(1, new ApiRequest("/", ""));
        assertEquals(404, Failure.answer(e, Rejection.NOT_FOUND).status());
        assertEquals(400, Failure.answer(e, 400, "bad").status());
        assertEquals(500, Failure.reply(new IllegalStateException("boom"), e, false).status());
        assertEquals(404, Failure.status(new java.nio.file.NoSuchFileException("x")));

        Reply r = Reply.text("t").status(201).header("A", "1").addHeader("A", "2").contentType("text/x");
        Headers h = r.headers();
        assertEquals(List.of("1", "2"), h.all("A"));
        assertEquals("text/x", r.contentType());
        assertTrue(r.buffered());
        assertEquals(1, r.body().length);
        assertEquals(3, r.body(new byte[3]).body().length);
        assertNull(r.file());
        assertNull(r.writer());
        assertNotNull(Reply.html("<p>").body());
        assertNotNull(Reply.bytes(new byte[1], "application/x").body());
        assertNotNull(Reply.file(Path.of("x")).file());
        assertNotNull(Reply.stream("text/event-stream", out -> out.write(1)).writer());
        assertEquals(-1, Reply.stream("text/plain", out -> out.write(1)).streamLength());
        assertEquals(1, Reply.stream("text/plain", 1, out -> out.write(1)).streamLength());
        Reply.FileRegion region = new Reply.FileRegion(Path.of("x"), 2, 3, 10, java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(region, Reply.file(region).region());
        assertEquals(Reply.FileRegion.whole(Path.of("x")), Reply.file(Path.of("x")).region());
        assertEquals(List.of(Path.of("x"), 2L, 3L, 10L), List.of(region.file(), region.offset(), region.length(), region.size()));
        assertNotNull(region.modified());
        assertNull(r.region());
        var attributes = java.nio.file.Files.readAttributes(Path.of("pom.xml"), java.nio.file.attribute.BasicFileAttributes.class);
        assertTrue(Reply.FileRegion.whole(Path.of("pom.xml")).matches(attributes));
        assertTrue(!region.matches(attributes), "another size and time");
        assertEquals("/x", Reply.redirect(307, "/x").headers().first("Location"));
        assertEquals(0, Reply.ok().body().length);
        assertEquals(404, Reply.of(404).status());
        assertNotNull(r.toString());

        assertEquals("image/png", MediaTypes.of(Path.of("a.png")));
        assertEquals(MediaTypes.OCTET_STREAM, MediaTypes.of(Path.of("a.unknown")));
        assertEquals("text/csv; charset=utf-8", MediaTypes.withCharset("text/csv"));
        assertNotNull(Json.MAPPER);
        assertEquals("{\"a\":[1,2.5,null]}", new String(PlainJson.bytes(java.util.Collections.singletonMap("a",
                java.util.Arrays.asList(1, 2.5, null)), null), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theMiddlewareContract() throws Exception {
        Middleware pass = (exchange, next) -> next.proceed(exchange);
        Next app = exchange -> Reply.text("app");
        Layer custom = Layer.custom("audit", Layer.CUSTOM_MIN, pass);
        Layer builtIn = Layer.builtIn("errors", pass);
        Layer plain = new Layer("x", 1, pass);
        assertEquals(Layer.BUILT_IN.get("errors"), builtIn.rank());
        assertTrue(custom.rank() <= Layer.CUSTOM_MAX);
        assertEquals("x", plain.name());
        assertEquals(pass, plain.middleware());
        assertEquals(200, custom.middleware().handle(new Exchange(1, new ApiRequest("/", "")), app).status());
        org.genro.http.Headers conditions = new org.genro.http.Headers().add("If-None-Match", "\"a\"");
        assertEquals(Preconditions.Outcome.NOT_MODIFIED, Preconditions.evaluate("GET", conditions, "\"a\"", null));
        assertEquals(List.of(Preconditions.Outcome.PROCEED, Preconditions.Outcome.FAILED),
                List.of(Preconditions.Outcome.values()[0], Preconditions.Outcome.valueOf("FAILED")));
        assertTrue(Preconditions.rangeCurrent(new org.genro.http.Headers(), null, null));
        assertTrue(Preconditions.matches(List.of("*"), null, true));
        assertEquals(0.5, AcceptEncoding.weight(List.of("br;q=0.5"), "br"));
        Endpoint endpoint = exchange -> Reply.text(exchange.appPath());
        assertEquals(200, endpoint.serve(new Exchange(1, new ApiRequest("/", ""))).status());
    }
}
