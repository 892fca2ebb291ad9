package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Query strings and form or JSON bodies are decoded within bounds: a field count from
 * {@code server.max_fields}, and only the names the entry binds. A megabyte of fields
 * once became two maps and a list per name, tens of megabytes, even for an entry that
 * takes no arguments.
 */
class FieldLimitsTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static AsgiServer server;

    @BeforeAll
    static void start() {
        server = AsgiServer.builder().mount("shop", new ShopApp("limits")).maxFields(50).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Reply post(String path, String type, String body) {
        return server.handle(FakeRequest.get(path).method("POST").body(type, body));
    }

    @Test
    void moreQueryFieldsThanAllowedIs400() {
        assertEquals(200, server.handle(FakeRequest.get("/shop/retrieve?id=1" + "&x=1".repeat(48))).status());
        assertEquals(400, server.handle(FakeRequest.get("/shop/retrieve?id=1" + "&x=1".repeat(50))).status());
        assertEquals(400, server.handle(FakeRequest.get("/shop/retrieve?id=1" + "&".repeat(60))).status(),
                "empty fields count too");
    }

    @Test
    void moreBodyFieldsThanAllowedIs413() {
        String form = "item=pen&qty=2" + "&x=".repeat(49);
        assertEquals(413, post("/shop/order", "application/x-www-form-urlencoded", form).status());
        String json = "{\"item\":\"pen\",\"qty\":2" + ",\"x\":0".repeat(49) + "}";
        assertEquals(413, post("/shop/order", "application/json", json).status());
        assertEquals(200, post("/shop/order", "application/json", "{\"item\":\"pen\",\"qty\":2" + ",\"x\":0".repeat(40)
                + "}").status());
    }

    @Test
    void fieldsNoParameterBindsAreCountedButNeverDecoded() {
        // a malformed escape in a field nobody binds is never decoded, so it cannot fail
        assertEquals(200, post("/shop/order", "application/x-www-form-urlencoded", "item=pen&qty=2&junk=%zz").status());
        assertEquals(400, post("/shop/order", "application/x-www-form-urlencoded", "item=%zz&qty=2").status());
    }

    @Test
    void anEntryWithoutParametersNeverReadsTheBody() {
        FakeRequest request = new FakeRequest() {
            @Override
            public InputStream body() {
                throw new AssertionError("the body was read");
            }

            @Override
            public byte[] bodyBytes() {
                throw new AssertionError("the body was read");
            }
        };
        request.path("/shop/csv").body("application/x-www-form-urlencoded", "a=1&b=2");
        assertEquals("a,b\n1,2\n", new String(server.handle(request.method("GET")).body(), StandardCharsets.UTF_8));
    }

    @Test
    void aBodyOfUnknownFieldsCostsAScanNotAMap() {
        AsgiServer wide = AsgiServer.builder().mount("shop", new ShopApp("wide")).maxFields(100_000).build();
        try (wide) {
            StringBuilder fields = new StringBuilder("item=pen&qty=2");
            for (int i = 0; i < 60_000; i++) {
                fields.append("&field").append(i).append("=v"); // about 1 MB of distinct names
            }
            String body = fields.toString();
            Reply warm = wide.handle(FakeRequest.get("/shop/order").method("POST").body(
                    "application/x-www-form-urlencoded", body));
            assertEquals(200, warm.status());
            long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().threadId());
            wide.handle(FakeRequest.get("/shop/order").method("POST").body("application/x-www-form-urlencoded", body));
            long allocated = THREADS.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
            // the body itself (bytes and its decoded String, ~3 MB) is unavoidable; a map entry,
            // a list and two strings per field would be many times that
            assertTrue(allocated < 8 << 20, "allocated " + allocated + " bytes");
        }
    }
}
