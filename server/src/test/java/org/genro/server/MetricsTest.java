package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /_server/metrics}: the counters move as requests are served, in JSON and in Prometheus's format. */
class MetricsTest {
    /** {@code GENRO_PROMTOOL} (CI extracts it from Debian's package), else Debian's own path. */
    private static final Path PROMTOOL = Path.of(System.getenv().getOrDefault("GENRO_PROMTOOL", "/usr/bin/promtool"));
    private static AsgiServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** Two routes: a text and a POST. */
    public static final class Shop extends RoutingClass {
        @Route
        public String index() {
            return "shop\n";
        }

        @Route(methods = {"POST"})
        public String order(int quantity) {
            return "ordered " + quantity + "\n";
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = AsgiServer.builder().port(0).mount("shop", new Shop()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            b.header("Accept", accept);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long value(String text, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void prometheusCountersMoveAsRequestsAreServed() throws Exception {
        String before = send("GET", "/_server/metrics?format=prometheus", null).body();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, send("GET", "/shop/", null).statusCode());
        }
        assertEquals(200, send("POST", "/shop/order?quantity=2", null).statusCode());
        assertEquals(404, send("GET", "/shop/nothing", null).statusCode());
        assertEquals(404, send("GET", "/nowhere", null).statusCode());
        assertEquals(501, send("BREW", "/shop/", null).statusCode(), "an unknown method");
        HttpResponse<String> after = send("GET", "/_server/metrics", "text/plain;version=0.0.4;q=0.4,*/*;q=0.1");
        assertEquals("text/plain; version=0.0.4; charset=utf-8", after.headers().firstValue("Content-Type").orElseThrow());
        String text = after.body();
        String get2xx = "genro_requests_total{app=\"shop\",method=\"GET\",status=\"2xx\"}";
        assertEquals(value(before, get2xx) + 3, value(text, get2xx), text);
        assertEquals(value(before, "genro_requests_total{app=\"shop\",method=\"POST\",status=\"2xx\"}") + 1,
                value(text, "genro_requests_total{app=\"shop\",method=\"POST\",status=\"2xx\"}"));
        // the only app is the main app: /nowhere is its 404 too
        String get4xx = "genro_requests_total{app=\"shop\",method=\"GET\",status=\"4xx\"}";
        assertEquals(value(before, get4xx) + 2, value(text, get4xx), text);
        assertTrue(value(text, "genro_requests_total{app=\"shop\",method=\"other\",status=\"5xx\"}") >= 1,
                "a method outside the known eight is counted as other, so clients cannot add labels");
        long count = value(text, "genro_request_duration_seconds_count{app=\"shop\"}");
        assertEquals(count, value(text, "genro_request_duration_seconds_bucket{app=\"shop\",le=\"+Inf\"}"));
        assertTrue(count >= 6, text);
        assertTrue(value(text, "genro_received_bytes_total") > value(before, "genro_received_bytes_total"));
        assertTrue(value(text, "genro_sent_bytes_total") > value(before, "genro_sent_bytes_total"));
        assertTrue(value(text, "genro_connections_open") >= 1);
        assertTrue(value(text, "genro_jvm_heap_used_bytes") > 0);
    }

    @Test
    void jsonUnlessAsked() throws Exception {
        HttpResponse<String> json = send("GET", "/_server/metrics", "*/*");
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(json.body().contains("\"bytes_sent\":"), json.body());
        assertEquals(400, send("GET", "/_server/metrics?format=xml", null).statusCode());
    }

    @Test
    void histogramBucketsAreCumulativeAndLabelsEscaped() {
        Metrics m = new Metrics(3);
        m.tally(0).record("a\"b\\c\nd", "GET", 200, 300_000);        // 0.3 ms: in the first bucket
        m.tally(1).record("a\"b\\c\nd", "GET", 200, 30_000_000);     // 30 ms, in another tally: summed
        m.tally(2).record("a\"b\\c\nd", "GET", 200, 60_000_000_000L); // above every bound
        m.tally(1).record(null, "PROPFIND", 404, 1);
        m.tally(0).record("x", "GET", 99, 1);                         // not a status: counted nowhere
        String text = m.prometheus(new Metrics.Gauges(0, 0, 0, 0, 0, 0, 0));
        String app = "app=\"a\\\"b\\\\c\\nd\"";
        assertEquals(1, value(text, "genro_request_duration_seconds_bucket{" + app + ",le=\"0.0005\"}"), text);
        assertEquals(1, value(text, "genro_request_duration_seconds_bucket{" + app + ",le=\"0.025\"}"));
        assertEquals(2, value(text, "genro_request_duration_seconds_bucket{" + app + ",le=\"0.05\"}"));
        assertEquals(2, value(text, "genro_request_duration_seconds_bucket{" + app + ",le=\"10\"}"));
        assertEquals(3, value(text, "genro_request_duration_seconds_bucket{" + app + ",le=\"+Inf\"}"));
        assertEquals(3, value(text, "genro_requests_total{" + app + ",method=\"GET\",status=\"2xx\"}"));
        assertEquals(1, value(text, "genro_requests_total{app=\"none\",method=\"other\",status=\"4xx\"}"));
        assertTrue(!text.contains("app=\"x\""), "a status outside 100-599 adds nothing");
        assertTrue(text.contains("genro_request_duration_seconds_sum{" + app + "} 60.0303\n"), text);
        assertEquals(3, m.total(2), "every tally counted");
        assertEquals(1, m.requests(Metrics.NO_APP, "PROPFIND", 4), "counted as other, with no app");
    }

    @Test
    void aTallyCountsEachAppApartWhicheverCameBefore() {
        Metrics m = new Metrics(1);
        Metrics.Tally t = m.tally(0);
        String shop = "shop";
        t.record(shop, "GET", 200, 1);
        t.record(shop, "GET", 200, 1);
        t.record("blog", "GET", 200, 1);
        t.record(null, "GET", 404, 1);
        t.record(new String("shop"), "POST", 200, 1); // equal, not the same String: still shop's counts
        t.record(shop, "GET", 500, 1);
        t.record(null, "GET", 404, 1);
        assertEquals(2, m.requests("shop", "GET", 2));
        assertEquals(1, m.requests("shop", "POST", 2));
        assertEquals(1, m.requests("shop", "GET", 5));
        assertEquals(1, m.requests("blog", "GET", 2));
        assertEquals(2, m.requests(Metrics.NO_APP, "GET", 4));
        assertEquals(7, m.total(2) + m.total(4) + m.total(5));
    }

    /** The text must satisfy Prometheus's own checker, not only our reading of the format. */
    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        boolean present = Files.isExecutable(PROMTOOL);
        if ("1".equals(System.getenv("GENRO_REQUIRE_PROMTOOL"))) {
            assertTrue(present, "promtool is required: " + PROMTOOL);
        }
        assumeTrue(present, "promtool is not installed");
        send("GET", "/shop/", null);
        String text = send("GET", "/_server/metrics?format=prometheus", null).body();
        assertEquals("", promtool(text), "promtool found problems");
        String broken = text.replaceFirst("# TYPE genro_requests_total counter", "# TYPE genro_requests_total countr");
        assertTrue(!promtool(broken).isEmpty(), "promtool rejects a broken exposition: the check can fail");
    }

    /** What {@code promtool check metrics} says of {@code text}: empty when it finds nothing wrong. */
    private static String promtool(String text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "promtool ended");
        return p.exitValue() == 0 ? said.strip() : "exit " + p.exitValue() + ": " + said;
    }

    @Test
    void anOpenWsxSocketIsCountedAsAWebSocketSession() throws Exception {
        try (WsxClient socket = WsxClient.connect(server.port())) {
            socket.call("GET", "/shop/");
            String text = send("GET", "/_server/metrics?format=prometheus", null).body();
            assertEquals(1, value(text, "genro_websocket_sessions_open"), text);
            assertEquals(1, value(text, "genro_wsx_connections_open"), text);
        }
    }
}
