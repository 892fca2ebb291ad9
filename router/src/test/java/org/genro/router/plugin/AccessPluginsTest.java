package org.genro.router.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.genro.router.Caller;
import org.genro.router.Resolution;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The auth, env and channel plugins seen through resolution outcomes. */
class AccessPluginsTest {

    static class Guarded extends RoutingClass {
        final Set<String> offered = new HashSet<>();

        Guarded() {
            plug(new AuthPlugin());
            plug(new EnvPlugin());
        }

        @Override
        protected Set<String> capabilities() {
            return offered;
        }

        @Route
        public String open() {
            return "open";
        }

        @Route(auth = "admin")
        public String admin() {
            return "admin";
        }

        @Route(auth = "admin | (staff & !guest)")
        public String staff() {
            return "staff";
        }

        @Route(env = "gpu")
        public String render() {
            return "render";
        }

        @Route(auth = "admin", env = "gpu")
        public String both() {
            return "both";
        }
    }

    private static final Caller NONE = Caller.anonymous();

    static Stream<Arguments> outcomes() {
        return Stream.of(
                // entry, caller, expected outcome
                Arguments.of("open", NONE, 200),
                Arguments.of("admin", NONE, 401),
                Arguments.of("admin", NONE.withTags(), 403),
                Arguments.of("admin", NONE.withTags("staff"), 403),
                Arguments.of("admin", NONE.withTags("admin"), 200),
                Arguments.of("staff", NONE.withTags("staff"), 200),
                Arguments.of("staff", NONE.withTags("staff", "guest"), 403),
                Arguments.of("staff", NONE.withTags("admin", "guest"), 200),
                Arguments.of("render", NONE, 503),
                Arguments.of("render", NONE.withCapabilities("gpu"), 200),
                Arguments.of("render", NONE.withCapabilities("cpu"), 503),
                // auth was plugged first, so its refusal is the one reported
                Arguments.of("both", NONE, 401),
                Arguments.of("both", NONE.withTags("admin"), 503),
                Arguments.of("both", NONE.withTags("admin").withCapabilities("gpu"), 200));
    }

    @ParameterizedTest(name = "{0} for {1} → {2}")
    @MethodSource("outcomes")
    void accessOutcomeDependsOnRuleAndCaller(String entry, Caller caller, int status) {
        assertEquals(status, new Guarded().resolve(entry, caller).status());
    }

    @Test
    void refusalsCarryTheEntryAndThePlugin() {
        Guarded g = new Guarded();
        assertEquals("admin", assertInstanceOf(Resolution.NotAuthenticated.class, g.resolve("admin", NONE))
                .entry().name());
        Resolution.NotAvailable na = assertInstanceOf(Resolution.NotAvailable.class, g.resolve("render", NONE));
        assertEquals("env", na.plugin());
    }

    @Test
    void capabilitiesOfTheClassAndItsAncestorsCountAndAreAskedEachTime() {
        Guarded parent = new Guarded();
        Guarded child = new Guarded();
        parent.router().branch("child", child);
        assertEquals(503, parent.resolve("child/render", NONE).status());
        parent.offered.add("gpu");
        assertEquals(200, parent.resolve("child/render", NONE).status());
        parent.offered.clear();
        child.offered.add("gpu");
        assertEquals(200, parent.resolve("child/render", NONE).status());
    }

    @Test
    void routerLevelRuleGuardsEveryEntryWithoutItsOwn() {
        Guarded g = new Guarded();
        g.router().configure("auth", Map.of("rule", "member"));
        assertEquals(401, g.resolve("open", NONE).status());
        assertEquals(200, g.resolve("open", NONE.withTags("member")).status());
        assertEquals(403, g.resolve("admin", NONE.withTags("member")).status(), "an entry rule replaces the router's");
    }

    @Test
    void disablingAPluginDisablesItsRefusals() {
        Guarded g = new Guarded();
        g.router().configure("auth/admin", Map.of("enabled", false));
        assertEquals(200, g.resolve("admin", NONE).status());
        assertEquals(401, g.resolve("staff", NONE).status());
    }

    @Test
    void badRuleFailsConfigurationNotRequests() {
        Guarded g = new Guarded();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.router().configure("auth/open", Map.of("rule", "a,b")));
        assertTrue(e.getMessage().contains("',' is not allowed"), e.getMessage());
        assertEquals(200, g.resolve("open", NONE).status(), "the failed change left nothing behind");
    }

    static class BadRule extends RoutingClass {
        @Route(auth = "admin-x")
        public String x() {
            return "";
        }
    }

    @Test
    void badDeclaredRuleFailsWhenThePluginIsPlugged() {
        BadRule b = new BadRule();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.router().plug(new AuthPlugin()));
        assertTrue(e.getMessage().contains("entry 'x'"), e.getMessage());
        assertTrue(b.router().plugins().isEmpty());
    }

    static class Channels extends RoutingClass {
        Channels() {
            plug(new ChannelPlugin());
        }

        @Route
        public String closed() {
            return "";
        }

        @Route(channel = "*")
        public String any() {
            return "";
        }

        @Route(channel = "http")
        public String web() {
            return "";
        }

        @Route(channel = "http, ws.*")
        public String mixed() {
            return "";
        }
    }

    @ParameterizedTest(name = "{0} on {1} → {2}")
    @MethodSource("channels")
    void channelPluginOpensEntriesOnlyToListedChannels(String entry, String channel, int status) {
        assertEquals(status, new Channels().resolve(entry, NONE.withChannel(channel)).status());
    }

    static Stream<Arguments> channels() {
        return Stream.of(
                Arguments.of("closed", "http", 503),
                Arguments.of("any", "http", 200),
                Arguments.of("any", null, 503),
                Arguments.of("web", "http", 200),
                Arguments.of("web", "https", 503),
                Arguments.of("web", "wsx", 503),
                Arguments.of("mixed", "wsx", 200),
                Arguments.of("mixed", "http", 200),
                Arguments.of("mixed", "xws", 503));
    }

    @Test
    void channelRouterLevelDefaultIsInheritedAndEntryOverrides() {
        Channels c = new Channels();
        c.router().configure("channel", Map.of("channels", "wsx"));
        assertEquals(200, c.resolve("closed", NONE.withChannel("wsx")).status());
        assertEquals(503, c.resolve("web", NONE.withChannel("wsx")).status());
    }

    @Test
    void builtInsAreAvailableByCode() {
        for (String code : Plugins.codes()) {
            assertEquals(code, Plugins.named(code).code());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plugins.named("nope"));
        assertTrue(e.getMessage().contains("auth, env, channel, logging"), e.getMessage());
    }
}
