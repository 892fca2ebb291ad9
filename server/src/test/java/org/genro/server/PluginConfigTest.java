package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.genro.server.config.ConfigException;
import org.genro.server.exchange.Destination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live plugin settings, saved to plugin_config.json atomically and applied again at boot. */
class PluginConfigTest {
    @TempDir
    Path dir;

    private AsgiServer server() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(src.resolve("Shop.java"), """
                package demo;
                import org.genro.router.Route;
                import org.genro.router.RoutingClass;
                public class Shop extends RoutingClass {
                    @Route public String open() { return "open"; }
                    @Route public String other() { return "other"; }
                }
                """);
        Files.writeString(dir.resolve("config.yaml"), "apps: {shop: demo.Shop}\n");
        return new AsgiServer(dir, "127.0.0.1", 0, false, List.of(), null);
    }

    private static int status(AsgiServer s, String path) {
        return s.handle(new TestRequest("GET", path, "")).status();
    }

    @Test
    void settingsChangeLiveSaveAndComeBackAtBoot() throws Exception {
        try (AsgiServer s = server()) {
            assertEquals(200, status(s, "/shop/open"));
            Map<String, Object> result = s.setPluginConfig("shop", "auth", "open", Map.of("rule", "admin"));
            assertEquals(Boolean.TRUE, result.get("ok"), result.toString());
            assertEquals(401, status(s, "/shop/open"));
            assertEquals(200, status(s, "/shop/other"), "only the targeted entry");
            assertTrue(s.pluginConfig("shop", "open").toString().contains("admin"));
            assertEquals(Boolean.TRUE, s.savePluginConfig().get("ok"));
        }
        assertTrue(Files.isRegularFile(dir.resolve("plugin_config.json")));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "no temporary file left");
        }
        try (AsgiServer again = server()) {
            assertEquals(401, status(again, "/shop/open"), "the saved rule applies at boot");
            again.setPluginConfig("shop", "auth", "open", Map.of("rule", ""));
            assertEquals(200, status(again, "/shop/open"));
            again.revertPluginConfig();
            assertEquals(401, status(again, "/shop/open"), "revert goes back to the saved file");
        }
    }

    @Test
    void revertWithoutAFileGoesBackToTheStartingSettings() throws Exception {
        try (AsgiServer s = server()) {
            s.setPluginConfig("", "auth", "_all_", Map.of("rule", "admin"));
            assertEquals(401, status(s, "/shop/open"), "a root rule is inherited");
            Map<String, Object> r = s.revertPluginConfig();
            assertTrue(r.containsKey("message"), r.toString());
            assertEquals(200, status(s, "/shop/open"));
        }
    }

    @Test
    void badChangesAreRefusedAndChangeNothing() throws Exception {
        try (AsgiServer s = server()) {
            assertTrue(s.setPluginConfig("shop", "auth", "open", Map.of("rule", "admin &")).containsKey("error"));
            assertTrue(s.setPluginConfig("shop", "nope", "open", Map.of()).containsKey("error"));
            assertTrue(s.setPluginConfig("nowhere", "auth", "_all_", Map.of()).containsKey("error"));
            assertEquals(200, status(s, "/shop/open"));
        }
    }

    @Test
    void aBrokenFileStopsTheServerAtBootNamingIt() throws Exception {
        server().close();
        Files.writeString(dir.resolve("plugin_config.json"), "{\"routers\": [truncated");
        ConfigException e = assertThrows(ConfigException.class, this::server);
        assertTrue(e.getMessage().startsWith("plugin_config.json"), e.getMessage());
        assertTrue(!e.getMessage().contains("truncated"), "the content is not echoed");
    }
}
