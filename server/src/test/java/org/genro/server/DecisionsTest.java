package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Field;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.exchange.Destination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing decisions are remembered only where deciding again would give the same answer. */
class DecisionsTest {
    private AsgiServer server;
    private AppLayer layer;
    private Decisions decisions;

    /** A branch attached while the server runs. */
    public static class Extra extends RoutingClass {
        @Route
        public String index() {
            return "extra";
        }
    }

    @BeforeEach
    void build() throws ReflectiveOperationException {
        server = AsgiServer.builder().mount("shop", new ShopApp("p")).build();
        Field f = AsgiServer.class.getDeclaredField("layer");
        f.setAccessible(true);
        layer = (AppLayer) f.get(server);
        decisions = new Decisions(server.router());
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aFixedEntryIsDecidedOnceAndTheSameDecisionServesAgain() {
        Destination first = decisions.decide("/shop/raw", layer);
        assertEquals("shop", first.app());
        assertNotNull(first.found());
        assertSame(first, decisions.decide(new String("/shop/raw"), layer), "an equal path, not only the same String");
    }

    @Test
    void pathsCarryingArgumentsAreDecidedEachTime() {
        Destination first = decisions.decide("/shop/retrieve/42", layer);
        assertEquals(java.util.List.of("42"), first.found().positional());
        assertNotSame(first, decisions.decide("/shop/retrieve/42", layer));
    }

    @Test
    void aChangeToTheRoutingTreesOrAnotherLayerDecidesAgain() {
        Destination first = decisions.decide("/shop/raw", layer);
        server.router().branch("extra", new Extra());
        Destination afterChange = decisions.decide("/shop/raw", layer);
        assertNotSame(first, afterChange, "the trees changed");
        AppLayer other = new AppLayer(layer.config(), layer.apps(), layer.sysApps(), layer.mainApp(), layer.global(),
                layer.pipelines(), layer.loaded(), layer.authenticator(), layer.sessions(), layer.access(), layer.names());
        assertNotSame(afterChange, decisions.decide("/shop/raw", other), "another layer");
    }

    @Test
    void aPathSharingASlotIsNeverAnsweredWithTheOtherPathsDecision() {
        decisions.decide("/shop/raw", layer);
        String other = null;
        for (int i = 0; other == null; i++) {
            String candidate = "/shop/none" + i;
            if (Decisions.slot(candidate) == Decisions.slot("/shop/raw")) {
                other = candidate;
            }
        }
        assertNull(decisions.decide(other, layer).found(), other + " leads nowhere, whatever its slot holds");
        assertNotNull(decisions.decide("/shop/raw", layer).found());
    }
}
