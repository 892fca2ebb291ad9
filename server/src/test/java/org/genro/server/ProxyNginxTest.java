package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server behind a real nginx (Debian's nginx-light, started here on loopback): what the
 * app sees of the client with and without the proxy trusted. nginx listens on 127.0.0.2 and
 * connects to us from 127.0.0.1; curl connects from 127.0.0.3, so the three parties have
 * addresses of their own. nginx says the client came over HTTPS, as a proxy that ends TLS
 * does.
 */
class ProxyNginxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    /** Tells what the pipeline made of the request. */
    public static final class Who extends RoutingClass {
        @Route
        public Map<String, Object> index() {
            InetSocketAddress a = Context.request().remoteAddress();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("client", a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress());
            out.put("secure", Context.request().secure());
            out.put("host", Context.request().authority());
            return out;
        }
    }

    private static Path nginx() {
        Path nginx = Path.of("/usr/sbin/nginx");
        boolean present = Files.isExecutable(nginx) && Files.isExecutable(Path.of("/usr/bin/curl"));
        if ("1".equals(System.getenv("GENRO_REQUIRE_NGINX"))) {
            assertTrue(present, "nginx and curl are required (apt-get install nginx-light curl)");
        }
        assumeTrue(present, "nginx or curl is not installed");
        return nginx;
    }

    @Test
    void theAppSeesTheClientOnlyWhenTheProxyIsTrusted() throws Exception {
        Path nginx = nginx();
        for (boolean trusted : new boolean[] {true, false}) {
            var builder = AsgiServer.builder().port(0).mount("who", new Who())
                    .set("auth.plain_passwords", true)
                    .set("auth.basic.ada", Map.of("password", "ada-pass", "tags", List.of("staff")));
            if (trusted) {
                builder.set("server.trusted_proxies", List.of("127.0.0.1"));
            }
            try (AsgiServer server = builder.start()) {
                int port = freePort();
                Process proxy = startNginx(nginx, port, server.port());
                try {
                    String base = "http://127.0.0.2:" + port;
                    JsonNode seen = JSON.readTree(curl(base + "/who/", "-H", "X-Forwarded-For: 203.0.113.66"));
                    String config = curl(base + "/_server/config", "-o", "/dev/null", "-w", "%{http_code}");
                    String rebound = curl(base + "/_server/config", "-o", "/dev/null", "-w", "%{http_code}",
                            "-H", "Host: attacker.example");
                    String cookie = curl(base + "/_server/login", "-o", "/dev/null", "-D", "-",
                            "-H", "Content-Type: application/json", "--data", "{\"identity\":\"ada\",\"password\":\"ada-pass\"}");
                    String setCookie = cookie.lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11))
                            .findFirst().orElse("");
                    if (trusted) {
                        assertEquals("127.0.0.3", seen.get("client").asText(), "the client, not what it claimed");
                        assertTrue(seen.get("secure").asBoolean(), "nginx said https");
                        assertEquals("127.0.0.2:" + port, seen.get("host").asText());
                        assertEquals("200", config, "a local client through a trusted local proxy, naming a loopback host");
                        assertEquals("403", rebound, "the Host the proxy received is judged: a rebinding page is refused");
                        assertTrue(setCookie.contains("; Secure"), setCookie);
                    } else {
                        assertEquals("127.0.0.1", seen.get("client").asText(), "nginx itself");
                        assertEquals(false, seen.get("secure").asBoolean());
                        assertEquals("403", config, "forwarding fields from an untrusted peer: never loopback");
                        assertEquals("403", rebound);
                        assertTrue(!setCookie.isEmpty() && !setCookie.contains("Secure"), setCookie);
                    }
                } finally {
                    proxy.destroy();
                    assertTrue(proxy.waitFor(10, TimeUnit.SECONDS), "nginx stopped");
                }
            }
        }
    }

    private Process startNginx(Path nginx, int port, int upstream) throws Exception {
        Path conf = dir.resolve("nginx-" + port);
        Files.createDirectories(conf);
        conf.toFile().setWritable(true, false);
        Files.writeString(conf.resolve("nginx.conf"), """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  server {
                    listen 127.0.0.2:%2$d;
                    location / {
                      proxy_pass http://127.0.0.1:%3$d;
                      proxy_bind 127.0.0.1;
                      proxy_set_header Host $http_host;
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_set_header X-Forwarded-Proto https;
                    }
                  }
                }
                """.formatted(conf, port, upstream));
        Process p = new ProcessBuilder(nginx.toString(), "-c", conf.resolve("nginx.conf").toString(), "-p", conf.toString())
                .redirectErrorStream(true).redirectOutput(conf.resolve("out.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket("127.0.0.2", port)) {
                return p;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroy();
                    throw new AssertionError("nginx did not start: " + Files.readString(conf.resolve("out.log"))
                            + (Files.exists(conf.resolve("error.log")) ? Files.readString(conf.resolve("error.log")) : ""));
                }
                Thread.sleep(20);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            return s.getLocalPort();
        }
    }

    private static String curl(String url, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/curl", "-s", "--max-time", "10", "--interface", "127.0.0.3"));
        cmd.addAll(List.of(options));
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "curl ended");
        assertEquals(0, p.exitValue(), "curl " + cmd + ": " + out);
        return out;
    }
}
