package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/**
 * No connection thread may pin its carrier while it blocks: a pinned virtual thread
 * holds one of the few carrier threads for the whole wait. JFR reports every park
 * while pinned as {@code jdk.VirtualThreadPinned}; traffic covering reads, bodies,
 * streaming, pipelining and timeouts must produce none: with a few carriers, one pinned
 * wait stalls every connection scheduled on it.
 */
class PinningTest {

    @Test
    void servingTrafficNeverPinsACarrier() throws Exception {
        List<RecordedEvent> pinned = Collections.synchronizedList(new ArrayList<>());
        try (HttpServer server = TestServers.start(Limits.defaults().withIdleTimeout(Duration.ofMillis(500)),
                new TestServers.Gates())) {
            // first contact initializes classes, which may pin once per class: warm up first
            traffic(server.port());
            try (RecordingStream jfr = new RecordingStream()) {
                jfr.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
                jfr.onEvent("jdk.VirtualThreadPinned", pinned::add);
                jfr.startAsync();
                traffic(server.port());
                jfr.stop();
            }
        }
        assertEquals(List.of(), pinned.stream().map(e -> e.getStackTrace() == null ? "?" : e.getStackTrace().toString()).toList());
    }

    private static void traffic(int port) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                all.add(pool.submit(() -> {
                    try (RawClient c = new RawClient(port)) {
                        for (int k = 0; k < 10; k++) {
                            c.send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\nPOST /echo HTTP/1.1\r\nHost: a\r\n"
                                    + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
                            c.read();
                            c.read();
                            c.send("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n").read();
                        }
                        // leave it idle: the sweeper closes it
                        c.closedByServer();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }
}
