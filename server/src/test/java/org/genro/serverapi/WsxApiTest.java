package org.genro.serverapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genro.http.Limits;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.AsgiServer;
import org.genro.server.Context;
import org.genro.server.config.ConfigException;
import org.genro.server.exchange.Reply;
import org.genro.server.wsx.TopicBus;
import org.genro.server.wsx.Wsx;
import org.genro.server.wsx.WsxChannel;
import org.genro.server.wsx.WsxRequest;
import org.genro.server.wsx.WsxSettings;
import org.junit.jupiter.api.Test;

/**
 * Touches the public API of {@code org.genro.server.wsx} and the server's WSX parts from
 * outside: settings, the topic bus seam, the endpoint, the context's channel. The calls
 * themselves are exercised over sockets by WsxTest.
 */
class WsxApiTest {
    /** Looks for a WSX channel where there is none (a call over HTTP). */
    public static class Probe extends RoutingClass {
        /** Nothing to configure. */
        public Probe() {
        }

        @Route
        public String channel() {
            WsxChannel c = Context.wsx();
            return c == null ? "http" : "wsx " + c.id();
        }
    }

    /** A bus that records what it carries, as a shared one would. */
    static final class RecordingBus implements TopicBus {
        final List<String> carried = new ArrayList<>();
        Receiver receiver;

        @Override
        public void publish(String topic, String message) {
            carried.add(topic);
            receiver.deliver(topic, message);
        }

        @Override
        public void open(Receiver r) {
            receiver = r;
        }
    }

    @Test
    void settingsReadFromTheSectionWithErrorsNamingTheKey() {
        WsxSettings s = WsxSettings.read(Map.of("path", "/socket", "origins", List.of("https://App.example"),
                "max_in_flight", 8, "queue", 16, "queue_bytes", "1m", "max_topics", 2), ConfigException::new);
        assertEquals(new WsxSettings(true, "/socket", Set.of("https://app.example"), 8, 16, 1 << 20, 2), s);
        assertTrue(s.enabled());
        assertEquals("/socket", s.path());
        assertEquals(Set.of("https://app.example"), s.origins());
        assertEquals(8, s.maxInFlight());
        assertEquals(16, s.queue());
        assertEquals(1 << 20, s.queueBytes());
        assertEquals(2, s.maxTopics());
        assertEquals("/_wsx", WsxSettings.DEFAULTS.path());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> WsxSettings.read(Map.of("path", "no-slash"), ConfigException::new));
        assertTrue(bad.getMessage().contains("wsx.path"), bad.getMessage());
        assertThrows(ConfigException.class, () -> WsxSettings.read(Map.of("origins", List.of("app.example")),
                ConfigException::new));
        assertThrows(ConfigException.class, () -> WsxSettings.read(Map.of("max_in_flight", 0), ConfigException::new));
        assertThrows(ConfigException.class, () -> WsxSettings.read(Map.of("pth", "/x"), ConfigException::new));
    }

    @Test
    void theEndpointPublishesThroughItsBus() {
        RecordingBus bus = new RecordingBus();
        try (Wsx wsx = new Wsx(WsxSettings.DEFAULTS, Limits.defaults(), bus, (WsxRequest r) -> Reply.ok())) {
            wsx.publish("/news", Map.of("a", 1));
            assertEquals(List.of("/news"), bus.carried);
            assertEquals(0, wsx.connectionCount());
            assertEquals(0, wsx.subscriberCount("/news"));
            assertNull(wsx.channel(1));
            assertSame(WsxSettings.DEFAULTS, wsx.settings());
            assertEquals("wsx", Wsx.SUBPROTOCOL);
        }
        TopicBus local = TopicBus.local();
        assertThrows(IllegalStateException.class, () -> local.publish("/t", "m"), "a bus publishes once open");
    }

    @Test
    void theServerHasAnEndpointUnlessTurnedOff() throws Exception {
        RecordingBus bus = new RecordingBus();
        try (AsgiServer server = AsgiServer.builder().mount("probe", new Probe()).topicBus(bus).build()) {
            server.wsx().publish("/x", List.of());
            assertEquals(List.of("/x"), bus.carried, "the builder's bus carries the events");
            assertEquals(0, server.wsxConnectionCount());
            assertEquals("http", new String(server.handle(new ApiRequest("/probe/channel", "")).body()));
        }
        try (AsgiServer off = AsgiServer.builder().set("wsx.enabled", false).build()) {
            assertThrows(IllegalStateException.class, off::wsx);
            assertEquals(0, off.wsxConnectionCount());
        }
    }
}
