package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reload starts, stops, keeps and leaks, and the plugin settings it carries over. */
class ReloadTest {
    private static final String LOADER = "genro.test.reload.loader";

    @TempDir
    Path dir;

    /** An app compiled from src/ whose startup hook fails when its kwarg says so. */
    private void app(String version) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(src.resolve("Demo.java"), """
                package demo;
                import org.genro.router.Route;
                import org.genro.router.RoutingClass;
                import org.genro.server.AsgiServer;
                import org.genro.server.Lifespan;
                public class Demo extends RoutingClass implements Lifespan {
                    private final boolean fail;
                    public Demo(boolean fail) { this.fail = fail; }
                    @Route public String open() { return "%s"; }
                    @Override public void onStartup(AsgiServer server) {
                        System.getProperties().put("%s", getClass().getClassLoader());
                        if (fail) throw new IllegalStateException("refusing to start");
                    }
                }
                """.formatted(version, LOADER));
    }

    private void config(boolean fail) throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "apps: {demo: {class: demo.Demo, kwargs: {fail: " + fail + "}}}\n");
    }

    private static String body(AsgiServer s, String path) {
        return new String(s.handle(FakeRequest.get(path)).body());
    }

    /** A reload once stopped and started again the apps mounted from code that it kept. */
    @Test
    void appsMountedFromCodeAreNeitherStoppedNorStartedAgain() throws Exception {
        app("v1");
        config(false);
        ShopApp.EVENTS.clear();
        ShopApp tool = new ShopApp("tool");
        try (AsgiServer s = AsgiServer.builder().serverDir(dir).set("apps.demo.class", "demo.Demo")
                .set("apps.demo.kwargs.fail", false).mount("tool", tool).start()) {
            assertEquals(List.of("start tool"), ShopApp.EVENTS);
            app("v2");
            assertTrue(s.reload());
            assertEquals("v2", body(s, "/demo/open"));
            assertEquals("shop tool", body(s, "/tool/"));
            assertEquals(List.of("start tool"), ShopApp.EVENTS, "the kept app saw no second start and no stop");
            assertTrue(s.apps().get("tool") == tool);
        }
        assertEquals(List.of("start tool", "stop tool"), ShopApp.EVENTS);
    }

    /** A reload whose new apps failed to start once left their class loader open. */
    @Test
    void aFailedReloadKeepsTheRunningAppsAndClosesItsLoader() throws Exception {
        app("v1");
        config(false);
        try (AsgiServer s = new AsgiServer(dir, "127.0.0.1", 0, false, List.of(), null).start()) {
            URLClassLoader running = (URLClassLoader) System.getProperties().get(LOADER);
            app("v2");
            config(true);
            assertFalse(s.reload());
            URLClassLoader failed = (URLClassLoader) System.getProperties().get(LOADER);
            assertTrue(failed != running, "the new layer was built and started");
            assertNull(failed.findResource("demo/Demo.class"), "the failed layer's loader is closed");
            assertNotNull(running.findResource("demo/Demo.class"), "the running layer's loader is not");
            assertEquals("v1", body(s, "/demo/open"));
        }
    }

    @Test
    void theReplacedLayersLoaderClosesOnceItsRequestsAreDone() throws Exception {
        app("v1");
        config(false);
        try (AsgiServer s = new AsgiServer(dir, "127.0.0.1", 0, false, List.of(), null).start()) {
            URLClassLoader first = (URLClassLoader) System.getProperties().get(LOADER);
            app("v2");
            assertTrue(s.reload());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (first.findResource("demo/Demo.class") != null && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the retiring thread closes it once no old request is in flight
            }
            assertNull(first.findResource("demo/Demo.class"));
            assertEquals("v2", body(s, "/demo/open"));
        }
    }

    /** New apps once went live before the saved settings were applied to them. */
    @Test
    void aReloadedAppIsPublishedWithTheSavedAndLiveSettings() throws Exception {
        app("v1");
        config(false);
        try (AsgiServer s = new AsgiServer(dir, "127.0.0.1", 0, false, List.of(), null).start()) {
            assertEquals(Boolean.TRUE, s.setPluginConfig("demo", "auth", "open", Map.of("rule", "admin")).get("ok"));
            s.savePluginConfig();
            app("v2");
            assertTrue(s.reload());
            assertEquals(401, s.handle(FakeRequest.get("/demo/open")).status(), "the saved rule holds on the new app");
            s.setPluginConfig("", "auth", "_all_", Map.of("rule", "staff"));
            app("v3");
            assertTrue(s.reload());
            assertTrue(s.pluginConfig("", "").toString().contains("staff"), "a live, unsaved change survives a reload");
        }
    }

    /** A remembered Basic header must not outlive a change of its user's password. */
    @Test
    void aChangedUserEntryForgetsWhatWasRemembered() throws Exception {
        app("v1");
        Files.writeString(dir.resolve("config.yaml"), "apps: {demo: {class: demo.Demo, kwargs: {fail: false}}}\n"
                + "auth: {plain_passwords: true, basic: {ada: {password: first-pass, tags: [admin]}}}\n");
        try (AsgiServer s = new AsgiServer(dir, "127.0.0.1", 0, false, List.of(), null).start()) {
            s.setPluginConfig("demo", "auth", "open", Map.of("rule", "admin"));
            String header = "Basic " + java.util.Base64.getEncoder().encodeToString("ada:first-pass".getBytes());
            assertEquals(200, s.handle(FakeRequest.get("/demo/open").header("Authorization", header)).status());
            Files.writeString(dir.resolve("config.yaml"), "apps: {demo: {class: demo.Demo, kwargs: {fail: false}}}\n"
                    + "auth: {plain_passwords: true, basic: {ada: {password: second-pass, tags: [admin]}}}\n");
            assertTrue(s.reload());
            assertEquals(401, s.handle(FakeRequest.get("/demo/open").header("Authorization", header)).status());
        }
    }
}
