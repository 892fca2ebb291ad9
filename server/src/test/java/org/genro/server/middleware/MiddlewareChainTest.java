package org.genro.server.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Middleware;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MiddlewareChainTest {
    private static volatile Next lastNext;

    private static Layer tracing(String name, int rank, List<String> trace) {
        return new Layer(name, rank, (exchange, next) -> {
            trace.add(">" + name);
            Reply reply = next.proceed(exchange);
            trace.add("<" + name);
            return reply;
        });
    }

    @Test
    void runsLayersLowestRankOutermostWhateverTheGivenOrder() throws Exception {
        List<String> trace = new ArrayList<>();
        Next app = exchange -> {
            trace.add("app");
            return Reply.ok();
        };
        Next chain = MiddlewareChain.build(List.of(tracing("compression", 900, trace),
                tracing("errors", 100, trace), tracing("audit", 600, trace), tracing("cors", 300, trace)), app);
        chain.proceed(TestRequest.get("/").exchange());
        assertEquals(List.of(">errors", ">cors", ">audit", ">compression", "app",
                "<compression", "<audit", "<cors", "<errors"), trace);
    }

    @Test
    void breaksRankTiesByNameSoTheOrderIsTotal() {
        List<String> trace = new ArrayList<>();
        List<Layer> sorted = MiddlewareChain.order(List.of(tracing("zeta", 600, trace),
                tracing("alpha", 600, trace), tracing("mid", 600, trace)));
        assertEquals(List.of("alpha", "mid", "zeta"), sorted.stream().map(Layer::name).toList());
    }

    @Test
    void refusesTwoLayersWithTheSameName() {
        List<String> trace = new ArrayList<>();
        var e = assertThrows(IllegalArgumentException.class, () -> MiddlewareChain.build(
                List.of(tracing("audit", 600, trace), tracing("audit", 700, trace)), x -> Reply.ok()));
        assertEquals("middleware 'audit' is given twice", e.getMessage());
    }

    @Test
    void withoutLayersTheChainIsTheApp() {
        Next app = exchange -> Reply.ok();
        assertSame(app, MiddlewareChain.build(List.of(), app));
    }

    @Test
    void aLayerMayAnswerWithoutCallingInnerLayers() throws Exception {
        CountingApp app = new CountingApp(x -> Reply.ok());
        Next chain = MiddlewareChain.build(List.of(new Layer("deny", 500, (x, next) -> Reply.of(403))), app);
        assertEquals(403, chain.proceed(TestRequest.get("/").exchange()).status());
        assertEquals(0, app.calls());
    }

    @Test
    void outerLayersSeeAndChangeTheReplyOnTheWayOut() throws Exception {
        Layer stamp = new Layer("stamp", 500, (x, next) -> next.proceed(x).header("X-Stamp", "yes"));
        Reply reply = MiddlewareChain.build(List.of(stamp), x -> Reply.text("hi")).proceed(TestRequest.get("/").exchange());
        assertEquals("yes", reply.headers().first("X-Stamp"));
    }

    @Test
    void runningTheChainAllocatesNothingForTheChainItself() throws Exception {
        Reply shared = Reply.ok();
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // Publishing next makes it escape, so a per-request Next could not be optimised away.
            layers.add(new Layer("pass" + i, 500 + i, (x, next) -> {
                lastNext = next;
                return next.proceed(x);
            }));
        }
        Next chain = MiddlewareChain.build(layers, x -> shared);
        Exchange exchange = TestRequest.get("/").exchange();
        for (int i = 0; i < 20_000; i++) {
            chain.proceed(exchange);
        }
        long before = allocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            chain.proceed(exchange);
        }
        long allocated = allocatedBytes() - before;
        // A per-request closure would cost at least 16 bytes per layer per call: 12.8 MB here.
        assertTrue(allocated < 100_000, "allocated " + allocated + " bytes for 100k requests");
    }

    // Reflective, because the module reads neither java.management nor jdk.management.
    private static long allocatedBytes() throws ReflectiveOperationException {
        Object threads;
        Method counter;
        try {
            threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            counter = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
        } catch (ClassNotFoundException e) {
            Assumptions.abort("no allocation counter in this runtime");
            throw e;
        }
        return (long) counter.invoke(threads, Thread.currentThread().threadId());
    }

    @Test
    void customLayersMustUseTheCustomRankRangeAndAFreeName() {
        Middleware m = (x, next) -> next.proceed(x);
        assertEquals(500, Layer.custom("audit", 500, m).rank());
        assertEquals(800, Layer.custom("audit", 800, m).rank());
        assertEquals("custom middleware rank must be 500-800, got 499",
                assertThrows(IllegalArgumentException.class, () -> Layer.custom("audit", 499, m)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Layer.custom("audit", 801, m));
        assertEquals("'cors' is the name of a built-in middleware",
                assertThrows(IllegalArgumentException.class, () -> Layer.custom("cors", 600, m)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Layer.custom("auth", 600, m));
    }

    @Test
    void layersNeedANameAndAMiddleware() {
        assertThrows(IllegalArgumentException.class, () -> new Layer(" ", 500, (x, n) -> n.proceed(x)));
        assertThrows(NullPointerException.class, () -> new Layer("a", 500, null));
    }
}
