package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.genro.server.config.ConfigException;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who reaches the system apps under {@code /_sys/} and the {@code /_server/} pages: local
 * clients and admins, unless {@code system.public} opens a page; and no change to them
 * from another site's page, whoever the caller.
 */
class SystemAccessTest {
    private static final String REMOTE = "203.0.113.9";
    private static AsgiServer server;

    @BeforeAll
    static void start() throws Exception {
        server = AsgiServer.builder().port(0).mount("shop", new ShopApp("sys"))
                .set("auth.plain_passwords", true)
                .set("auth.basic.ada", Map.of("password", "ada-pass", "tags", List.of("admin")))
                .set("auth.basic.bob", Map.of("password", "bob-pass", "tags", List.of("customer")))
                .set("system.public", List.of("/_sys/openapi", "/_server/metrics"))
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int status(FakeRequest request) {
        return server.handle(request).status();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/_sys/explorer/", "/_sys/plugins/", "/_server/config", "/_server/requests"})
    void closedPagesAnswerLocalClientsAndAdminsOnly(String path) {
        assertEquals(200, status(FakeRequest.get(path).from("127.0.0.1").host("localhost")), "a local client");
        assertEquals(403, status(FakeRequest.get(path).from(REMOTE).host("shop.example")), "anyone else");
        assertEquals(403, status(FakeRequest.get(path).from(REMOTE).host("shop.example")
                .header("Authorization", basic("bob", "bob-pass"))), "a customer");
        assertEquals(200, status(FakeRequest.get(path).from(REMOTE).host("shop.example")
                .header("Authorization", basic("ada", "ada-pass"))), "an admin");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/_sys/openapi", "/_server/metrics"})
    void aPageListedInSystemPublicAnswersEveryone(String path) {
        assertEquals(200, status(FakeRequest.get(path).from(REMOTE).host("shop.example")));
    }

    @Test
    void anUnknownSystemAppIsRefusedToStrangersBeforeItIsLookedUp() {
        assertEquals(403, status(FakeRequest.get("/_sys/nothing/").from(REMOTE).host("shop.example")));
        assertEquals(404, status(FakeRequest.get("/_sys/nothing/").from("127.0.0.1").host("localhost")));
    }

    /**
     * A loopback address is no defence against a page on another site that makes the
     * local browser post to the server: the page's origin gives it away.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "Origin, http://evil.example",
            "Origin, null",
            "Referer, http://evil.example/page",
            "Sec-Fetch-Site, cross-site",
            "Sec-Fetch-Site, same-site"})
    void aChangeFromAnotherSitesPageIsRefusedEvenToALocalClient(String field, String value) {
        FakeRequest post = FakeRequest.get("/_sys/plugins/").method("POST").from("127.0.0.1").host("localhost")
                .header(field, value);
        Reply reply = server.handle(post);
        assertEquals(403, reply.status());
        assertTrue(new String(reply.body(), StandardCharsets.UTF_8).contains("its own pages"),
                new String(reply.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aChangeFromTheServersOwnPageOrFromAScriptPassesTheGate() {
        FakeRequest own = FakeRequest.get("/_sys/plugins/").method("POST").from("127.0.0.1").host("localhost")
                .header("Origin", "http://localhost").header("Sec-Fetch-Site", "same-origin");
        assertNotEquals(403, status(own));
        FakeRequest script = FakeRequest.get("/_sys/plugins/").method("POST").from("127.0.0.1").host("localhost");
        assertNotEquals(403, status(script), "curl sends no Origin: not a browser acting for a page");
    }

    @Test
    void thePluginPageCanNeverBePublic() {
        ConfigException e = assertThrows(ConfigException.class, () -> AsgiServer.builder().port(0)
                .set("system.public", List.of("/_sys/plugins/")).build());
        assertTrue(e.getMessage().startsWith("system.public"), e.getMessage());
        assertTrue(e.getMessage().contains("plugin page"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/_sys/nothing", "/_server/health", "/shop", "_sys/openapi", "/_server/"})
    void systemPublicNamesOnlyPagesItCanOpen(String path) {
        ConfigException e = assertThrows(ConfigException.class, () -> AsgiServer.builder().port(0)
                .set("system.public", List.of(path)).build());
        assertTrue(e.getMessage().startsWith("system.public"), e.getMessage());
        assertTrue(e.getMessage().contains(path), e.getMessage());
    }

    @Test
    void aConfiguredSystemAppMayNotTakeABuiltInName() {
        ConfigException e = assertThrows(ConfigException.class, () -> AsgiServer.builder().port(0)
                .set("sys_apps.openapi", Map.of("class", ShopApp.class.getName())).build());
        assertTrue(e.getMessage().startsWith("sys_apps.openapi"), e.getMessage());
    }
}
