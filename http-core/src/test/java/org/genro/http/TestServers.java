package org.genro.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Handlers and server set-up shared by the loopback tests. */
final class TestServers {
    /** Released by tests that hold a request open; re-created per server. */
    static final class Gates {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
    }

    /** The size of the /big reply: four times what the kernel buffers for a socket by default. */
    static final int BIG = 16 * 1024 * 1024;

    private TestServers() {
    }

    static HttpServer start(Limits limits, Gates gates) throws IOException {
        return HttpServer.builder().port(0).limits(limits).shutdownGrace(java.time.Duration.ofSeconds(5))
                .handler((req, res) -> route(req, res, gates)).start();
    }

    static HttpServer start() throws IOException {
        return start(Limits.defaults(), new Gates());
    }

    private static void route(Request req, Response res, Gates gates) throws Exception {
        switch (req.path()) {
            case "/hello" -> res.send("hello\n");
            case "/echo" -> {
                byte[] body = req.bodyBytes();
                res.contentType("application/octet-stream").send(body);
            }
            case "/echo-stream" -> {
                try (OutputStream out = res.stream()) {
                    req.body().transferTo(out);
                }
            }
            case "/trailers" -> res.send(req.bodyBytes().length + " " + req.trailers().first("X-Sum"));
            case "/stream" -> {
                try (OutputStream out = res.stream()) {
                    for (int i = 0; i < 3; i++) {
                        out.write(("part" + i + "\n").repeat(4000).getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
            case "/sse" -> {
                res.contentType("text/event-stream");
                OutputStream out = res.stream();
                out.write("data: first\n\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                gates.release.await(5, TimeUnit.SECONDS);
                out.write("data: second\n\n".getBytes(StandardCharsets.US_ASCII));
                out.close();
            }
            case "/slow" -> {
                gates.entered.countDown();
                gates.release.await(5, TimeUnit.SECONDS);
                res.send("done\n");
            }
            case "/no-content" -> res.status(204).send();
            case "/declared" -> {
                res.header("Content-Length", "5");
                try (OutputStream out = res.stream()) {
                    out.write("hello".getBytes(StandardCharsets.US_ASCII));
                }
            }
            case "/early-stream" -> {
                OutputStream out = res.stream();
                out.write("started;".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write(req.bodyBytes());
                out.close();
            }
            case "/swallow" -> {
                try {
                    req.bodyBytes();
                } catch (BodyException e) {
                    // a careless handler: carries on as if the body were whole
                }
                res.send("swallowed\n");
            }
            case "/big" -> res.send(new byte[BIG]);
            case "/close" -> res.header("Connection", "close").send("bye\n");
            case "/framing" -> {
                res.headers().add("Transfer-Encoding", "chunked");
                res.send("framed twice?\n");
            }
            case "/fail" -> throw new IllegalStateException("boom");
            case "/inject" -> res.header("X-Evil", "a\r\nSet-Cookie: pwned=1").send("no");
            case "/query" -> res.send(req.method() + " " + req.path() + " ? " + req.query());
            default -> res.status(404).send("not found\n");
        }
    }
}
