package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.genro.router.Router;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;

/**
 * A reload waits only for the requests in flight once it has published its new layer. A
 * request that read the old layer just before the publication but opened its exchange
 * just after it would escape that wait and run on apps being shut down; the pipeline
 * reads the layer again after opening and starts over on the new one.
 */
class LayerRecheckTest {
    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }

    @Test
    void aRequestThatReadTheReplacedLayerIsOpenedAgainOnTheNewOne() throws Exception {
        try (AsgiServer server = AsgiServer.builder().mount("shop", new ShopApp("p")).build()) {
            AppLayer old = (AppLayer) field(server, "layer");
            AppLayer next = new AppLayer(old.config(), old.apps(), old.sysApps(), old.mainApp(), old.global(),
                    old.pipelines(), old.loaded(), old.authenticator(), old.sessions(), old.access(), old.names());
            Router root = server.router();
            AtomicInteger reads = new AtomicInteger();
            Supplier<AppLayer> reloading = () -> reads.getAndIncrement() == 0 ? old : next; // published after the first read
            RequestRegistry registry = new RequestRegistry();
            Pipeline pipeline = new Pipeline(root, reloading, registry, ScopedValue.where(Context.SERVER, server), false, 100);

            Reply reply = pipeline.handle(FakeRequest.get("/shop/"));

            assertEquals(200, reply.status());
            assertEquals(4, reads.get(), "read, found changed, read again, found the same");
            assertEquals(1, registry.served(), "the exchange given up is not counted");
            assertEquals(0, registry.size());
        }
    }
}
