package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.config.ConfigException;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;

/**
 * {@code /_server/ready} tells a load balancer "starting", "ready" or "draining", and what
 * other requests get meanwhile.
 */
class ReadinessTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** An app whose startup waits for the test to let it go. */
    public static final class Slow extends RoutingClass implements Lifespan {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Route
        public String index() {
            return "slow app\n";
        }

        @Override
        public void onStartup(AsgiServer server) throws Exception {
            entered.countDown();
            assertTrue(release.await(30, TimeUnit.SECONDS), "the test let the startup go");
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(BOUND).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void aServerAnsweringInMemoryHasNotStartedSoItIsNotReady() {
        try (AsgiServer server = AsgiServer.builder().mount("app", new Slow()).build()) {
            Reply reply = server.handle(FakeRequest.get("/_server/ready"));
            assertEquals(503, reply.status());
            assertEquals("5", reply.headers().first("Retry-After"));
            assertEquals("{\"status\":\"starting\"}", new String(reply.body()));
            assertEquals(200, server.handle(FakeRequest.get("/_server/health")).status(), "alive all the same");
        }
    }

    @Test
    void whileStartupHooksRunOnlyTheProbesAnswerAndTheAppsGet503() throws Exception {
        Slow slow = new Slow();
        AsgiServer server = AsgiServer.builder().port(0).mount("app", slow).build();
        CompletableFuture<AsgiServer> started = CompletableFuture.supplyAsync(() -> {
            try {
                return server.start();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        try {
            assertTrue(slow.entered.await(BOUND.toSeconds(), TimeUnit.SECONDS), "the startup hook ran");
            int port = server.port(); // bound before the hooks run
            HttpResponse<String> ready = get(port, "/_server/ready");
            assertEquals(503, ready.statusCode());
            assertEquals("{\"status\":\"starting\"}", ready.body());
            assertEquals(200, get(port, "/_server/health").statusCode());
            HttpResponse<String> app = get(port, "/app/");
            assertEquals(503, app.statusCode());
            assertEquals("1", app.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("starting\n", app.body());

            slow.release.countDown();
            started.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertEquals("{\"status\":\"ready\"}", get(port, "/_server/ready").body());
            assertEquals("slow app\n", get(port, "/app/").body());
        } finally {
            slow.release.countDown();
            server.close();
        }
    }

    @Test
    void aFailedStartupClosesThePortItHadOpened() throws Exception {
        Broken broken = new Broken();
        AsgiServer server = AsgiServer.builder().port(0).mount("app", broken).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, server::start);
        assertTrue(e.getMessage().contains("no database"), e.getMessage());
        assertTrue(broken.connected, "the port was open while the hooks ran");
        assertEquals(AsgiServer.State.STARTING, server.state());
        assertThrows(IllegalStateException.class, server::port, "no port once the start failed");
        server.close();
    }

    /** An app that cannot start. */
    public static final class Broken extends RoutingClass implements Lifespan {
        @Route
        public String index() {
            return "never\n";
        }

        /** Whether the hook could connect to the server's port: set before it fails. */
        volatile boolean connected;

        @Override
        public void onStartup(AsgiServer server) throws Exception {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                connected = true;
            }
            throw new IllegalStateException("no database");
        }
    }

    @Test
    void duringTheDrainDelayReadinessIs503WhileEverythingElseIsStillServed() throws Exception {
        AsgiServer server = AsgiServer.builder().port(0).mount("app", new Plain()).set("server.drain_delay", "3s")
                .start();
        int port = server.port();
        assertEquals(200, get(port, "/_server/ready").statusCode());
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        await(() -> server.state() == AsgiServer.State.DRAINING, "the server to start draining");
        HttpResponse<String> ready = get(port, "/_server/ready");
        assertEquals(503, ready.statusCode());
        assertEquals("{\"status\":\"draining\"}", ready.body());
        assertEquals("plain\n", get(port, "/app/").body(), "new connections still served during the delay");
        closing.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertEquals(AsgiServer.State.STOPPED, server.state());
        assertThrows(ConnectException.class, () -> get(port, "/_server/ready"));
    }

    /** A trivial app. */
    public static final class Plain extends RoutingClass {
        @Route
        public String index() {
            return "plain\n";
        }
    }

    @Test
    void drainDelayIsBounded() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AsgiServer.builder().set("server.drain_delay", "11m").build());
        assertTrue(e.getMessage().startsWith("server.drain_delay"), e.getMessage());
    }
}
