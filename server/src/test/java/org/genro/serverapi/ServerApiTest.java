package org.genro.serverapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.genro.http.Limits;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.AsgiServer;
import org.genro.server.Context;
import org.genro.server.Lifespan;
import org.genro.server.Main;
import org.genro.server.RequestRegistry;
import org.genro.server.ServerApplication;
import org.genro.server.ServerBuilder;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Json;
import org.genro.server.exchange.MediaTypes;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;

/**
 * Touches the public API of {@code org.genro.server} the way an embedding tool would:
 * builder, lifecycle, in-memory requests, replies, context, databases. An API change
 * breaks this file first, so it shows in review.
 */
class ServerApiTest {
    /** A tiny app reading the context from inside a handler. */
    public static class Tool extends RoutingClass implements Lifespan {
        /** Nothing to configure. */
        public Tool() {
        }

        @Route
        public Map<String, Object> info() {
            Exchange e = Context.exchange();
            Context.reply().header("X-Id", Long.toString(e.id()));
            AsgiServer server = Context.server();
            assertTrue(server.exchange() == e && server.request() == e.request() && server.reply() == Context.reply());
            return Map.of("app", e.app(), "path", e.appPath(), "route", e.routePath(), "query", e.query(),
                    "all", e.queryAll("q"), "active", Context.active(), "db", server.db(),
                    "method", Context.request().method());
        }
    }

    @Test
    void embeddingToolsReachEverythingFromJava() throws Exception {
        ServerBuilder b = AsgiServer.builder().serverDir(Path.of(".")).host("127.0.0.1").port(0).debug(false)
                .reload(false).limit("body", "1m").shutdownGrace(Duration.ofSeconds(1)).mount("tool", new Tool())
                .mainApp("tool").middleware("logging", false).middleware("compression", Map.of("minimum_size", 64))
                .plugin("logging", Map.of()).openapi("Tools", "1.0").parent("owner").set("server.limits.head", "32k")
                .limits(Limits.defaults().withBody(1 << 20)).maxFields(100);
        assertTrue(b.tree().containsKey("server"));
        try (AsgiServer server = b.start()) {
            server.registerDb("default", "the-db");
            assertEquals("the-db", server.db("default"));
            assertEquals("the-db", server.db());
            assertThrows(NoSuchElementException.class, () -> server.db("other"));
            Reply reply = server.handle(new ApiRequest("/tool/info", "q=1&q=2"));
            assertEquals(200, reply.status());
            assertNotNull(reply.headers().first("X-Id"));
            assertEquals("application/json", reply.contentType());
            assertTrue(new String(reply.body()).contains("\"db\":\"the-db\""));
            assertEquals("owner", server.parent());
            assertEquals("tool", server.mainApp());
            assertEquals(List.of("tool"), List.copyOf(server.apps().keySet()));
            assertEquals(List.of("openapi", "explorer", "plugins"), List.copyOf(server.sysApps().keySet()), "the built-in system apps");
            assertTrue(server.port() > 0);
            assertTrue(server.uptimeMillis() >= 0);
            assertTrue(server.connectionCount() >= 0);
            assertNotNull(server.config());
            assertNotNull(server.serverApplication().health());
            assertEquals(0, server.requestRegistry().size());
            assertTrue(server.requestRegistry().served() >= 1 && server.requestRegistry().served(2) >= 1);
            assertTrue(server.requestRegistry().inFlight().isEmpty());
            RequestRegistry.InFlight seen = new RequestRegistry.InFlight(1, "GET", "/", "tool", java.time.Instant.now(), 0);
            assertNotNull(List.of(seen.id(), seen.method(), seen.path(), seen.app(), seen.started(), seen.elapsedMillis()));
            ServerApplication system = server.serverApplication();
            // the pages read the request context: reachable through the server, named here
            List<java.util.function.Supplier<?>> pages = List.of(system::index, system::requests, system::config,
                    system::metrics, system::health);
            assertEquals(5, pages.size());
            for (String page : List.of("/_server/", "/_server/requests", "/_server/config", "/_server/metrics")) {
                assertEquals(200, server.handle(new ApiRequest(page, "")).status(), page);
            }
            assertEquals(Boolean.TRUE, server.setPluginConfig("tool", "logging", "_all_", Map.of("enabled", true)).get("ok"));
            assertNotNull(server.pluginConfig("tool", "info"));
            assertNotNull(server.pluginConfigFile());
            assertNotNull(server.revertPluginConfig());
            server.applyPersistedConfig();
            server.mount("more", (org.genro.http.Handler) (req, res) -> res.send("more"));
            assertEquals("more", new String(server.handle(new ApiRequest("/more/x", "")).body()));
            assertTrue(server.reload());
        }
        Reply r = Reply.text("t").status(201).header("A", "1").addHeader("A", "2").contentType("text/x");
        assertEquals(List.of("1", "2"), r.headers().all("A"));
        assertTrue(r.buffered());
        assertEquals(1, r.body().length);
        assertNotNull(Reply.html("<p>").body());
        assertNotNull(Reply.file(Path.of("x")).file());
        assertNotNull(Reply.stream("text/event-stream", out -> out.write(1)).writer());
        assertEquals("/x", Reply.redirect(307, "/x").headers().first("Location"));
        assertEquals(0, Reply.ok().body().length);
        assertEquals(404, Reply.of(404).status());
        assertEquals(418, new HttpError(418, "tea", Map.of("X", "y")).status());
        assertEquals(500, Failure.status(new IllegalStateException()));
        assertEquals(400, Failure.answer(null, 400, "bad").status());
        assertEquals("image/png", MediaTypes.of(Path.of("a.png")));
        assertEquals("text/csv; charset=utf-8", MediaTypes.withCharset("text/csv"));
        assertNotNull(Json.MAPPER);
        assertTrue(!Context.active());
        try (AsgiServer bare = new AsgiServer(Path.of("."), null, 0, null, List.of(), null);
             AsgiServer plain = new AsgiServer(Path.of("."))) {
            assertNotNull(bare.welcome() + plain.mainApp());
        }
        assertEquals("main", Main.class.getMethod("main", String[].class).getName(), "the command line entry point");
    }
}
