package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * WSX with the npm {@code ws} client (what Node services use): it negotiates
 * permessage-deflate, sends a 200 KiB call, 50 calls at once, and follows a topic. Runs
 * when Node and the package are installed ({@code npm ci} in {@code src/test/node});
 * {@code GENRO_REQUIRE_NODE=1} (set by CI) turns their absence into a failure.
 */
class NodeWsClientTest {
    private static final Path NODE_DIR = Path.of("src", "test", "node").toAbsolutePath();

    @Test
    void theWsClientCallsFollowsATopicAndClosesCleanly() throws Exception {
        boolean installed = Files.isDirectory(NODE_DIR.resolve("node_modules").resolve("ws")) && onPath("node");
        if ("1".equals(System.getenv("GENRO_REQUIRE_NODE"))) {
            assertTrue(installed, "node and the ws package are required: run npm ci in " + NODE_DIR);
        }
        assumeTrue(installed, "node or the ws package is missing");
        try (AsgiServer server = AsgiServer.builder().mount("desk", new WsxTest.Desk()).start()) {
            Process node = new ProcessBuilder("node", "wsx-client.mjs", Integer.toString(server.port()), "/desk/news")
                    .directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
            Map<String, JsonNode> seen = new HashMap<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    JsonNode m = WsxClient.JSON.readTree(line);
                    seen.put(m.get("what").asText(), m.get("value"));
                    if (m.get("what").asText().equals("ready")) {
                        server.wsx().publish("/desk/news", Map.of("headline", "from java"));
                    }
                }
            } finally {
                assertTrue(node.waitFor(30, TimeUnit.SECONDS), "node ended");
            }
            assertEquals(0, node.exitValue(), "node's output: " + seen);
            assertEquals("wsx", seen.get("protocol").asText());
            assertTrue(seen.get("extensions").asText().startsWith("permessage-deflate"), seen.get("extensions").asText());
            assertEquals("hello node", seen.get("hello").get("data").asText());
            assertEquals(200, seen.get("big").get("status").asInt());
            assertEquals(200 * 1024 + 6, seen.get("big").get("length").asInt());
            assertTrue(seen.get("many").asBoolean());
            assertEquals(200, seen.get("subscribed").asInt());
            assertEquals("from java", seen.get("event").get("data").get("headline").asText());
            assertEquals(1000, seen.get("closed").get("code").asInt());
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
