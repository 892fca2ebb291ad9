package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server directory written by the test: two apps and a custom middleware compiled
 * from src/, per-app middleware, a sys app, and the resolution outcomes that need a
 * caller with tags (403) or a missing capability (503).
 */
class ServerDirectoryTest {
    @TempDir
    static Path dir;
    private static AsgiServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/site"));
        Files.writeString(src.resolve("Shop.java"), """
                package site;
                import org.genro.router.Route;
                import org.genro.router.RoutingClass;
                public class Shop extends RoutingClass {
                    @Route public String index() { return "shop"; }
                    @Route(auth = "admin") public String admin() { return "admin area"; }
                    @Route(env = "gpu") public String render() { return "rendered"; }
                }
                """);
        Files.writeString(src.resolve("Blog.java"), """
                package site;
                import org.genro.router.Route;
                import org.genro.router.RoutingClass;
                public class Blog extends RoutingClass {
                    private final String title;
                    public Blog(String title) { this.title = title; }
                    @Route public String index() { return title; }
                }
                """);
        Files.writeString(src.resolve("Admin.java"), """
                package site;
                import org.genro.router.Route;
                import org.genro.router.RoutingClass;
                public class Admin extends RoutingClass {
                    @Route(id = "wipe") public String wipe() { return "wiped"; }
                }
                """);
        Files.writeString(src.resolve("Guard.java"), """
                package site;
                import org.genro.server.exchange.Exchange;
                import org.genro.server.exchange.Reply;
                import org.genro.server.exchange.Middleware;
                import org.genro.server.exchange.Next;
                public class Guard implements Middleware {
                    @Override public Reply handle(Exchange ex, Next next) throws Exception {
                        return "k".equals(ex.header("X-Admin-Key")) ? next.proceed(ex) : Reply.text("guarded").status(403);
                    }
                }
                """);
        // a custom middleware standing in for auth: tags from a header
        Files.writeString(src.resolve("Tags.java"), """
                package site;
                import java.util.Arrays;
                import org.genro.server.exchange.Exchange;
                import org.genro.server.exchange.Reply;
                import org.genro.server.exchange.Middleware;
                import org.genro.server.exchange.Next;
                public class Tags implements Middleware {
                    @Override public Reply handle(Exchange ex, Next next) throws Exception {
                        String tags = ex.header("X-Tags");
                        if (tags != null) {
                            ex.caller(ex.caller().withTags(Arrays.asList(tags.split(","))));
                        }
                        return next.proceed(ex).header("X-Seen-By", "tags");
                    }
                }
                """);
        Files.writeString(dir.resolve("config.yaml"), """
                apps:
                  shop: site.Shop
                  blog:
                    class: site.Blog
                    kwargs: {title: My blog}
                    middleware:
                      cors: {allow_origins: ["https://blog.example"]}
                  admin:
                    class: site.Admin
                    middleware:
                      guard: {class: site.Guard, rank: 600}
                sys_apps:
                  tools: site.Blog
                middleware:
                  tags: {class: site.Tags, rank: 600}
                plugins:
                  env: {}
                auth:
                  bearer:
                    ci: {token: s3cr3t-token-value, tags: [admin]}
                """.replace("tools: site.Blog", "tools: {class: site.Blog, kwargs: {title: sys tools}}"));
        server = new AsgiServer(dir, "127.0.0.1", 0, false, List.of(), null).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void appsMountUnderTheirNamesAndTheRootListsThem() throws Exception {
        assertEquals("shop", get("/shop/").body());
        assertEquals("My blog", get("/blog/").body());
        assertEquals("sys tools", get("/_sys/tools/").body());
        String root = get("/").body();
        assertTrue(root.contains("href=\"/shop/\"") && root.contains("href=\"/blog/\""), root);
    }

    @Test
    void callerTagsDecideBetween401And403() throws Exception {
        assertEquals(401, get("/shop/admin").statusCode());
        assertEquals(403, get("/shop/admin", "X-Tags", "staff").statusCode());
        assertEquals("admin area", get("/shop/admin", "X-Tags", "staff,admin").body());
    }

    @Test
    void missingCapabilityIs503() throws Exception {
        assertEquals(503, get("/shop/render").statusCode());
    }

    @Test
    void customMiddlewareFromTheServerDirectoryRunsForEveryApp() throws Exception {
        assertEquals("tags", get("/shop/").headers().firstValue("x-seen-by").orElse(""));
        assertEquals("tags", get("/blog/").headers().firstValue("x-seen-by").orElse(""));
    }

    @Test
    void perAppMiddlewareAppliesToItsAppOnly() throws Exception {
        String origin = "https://blog.example";
        assertEquals(origin, get("/blog/", "Origin", origin).headers().firstValue("access-control-allow-origin").orElse(""));
        assertFalse(get("/shop/", "Origin", origin).headers().firstValue("access-control-allow-origin").isPresent());
    }

    /** An endpoint id once reached an entry around the middleware of the app that owns it. */
    @Test
    void endpointIdsRunThroughTheOwningAppsPipeline() throws Exception {
        assertEquals(403, get("/admin/wipe").statusCode());
        assertEquals(403, get("/@wipe").statusCode());
        assertEquals("wiped", get("/@wipe", "X-Admin-Key", "k").body());
        assertEquals(404, get("/@nothing").statusCode());
    }

    @Test
    void configSummaryShowsTheAppsAndMasksSecrets() throws Exception {
        String config = get("/_server/config").body();
        assertTrue(config.contains("site.Shop"), config);
        assertFalse(config.contains("s3cr3t-token-value"), config);
    }
}
