package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.genro.server.exchange.Destination;
import org.genro.server.exchange.Endpoint;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Path as sent → owner, app path, route path and entry, for mounts, an endpoint mount, the
 * main app, system mounts, ids and paths that need decoding. The paths of a plain request
 * are regions of the path as sent, cut out only when asked for: each case is asked in
 * both orders and compared with a destination made with its paths given.
 */
class RoutesTest {
    private static AsgiServer withMain;
    private static AsgiServer withoutMain;

    @BeforeAll
    static void start() {
        Endpoint files = exchange -> Reply.text(exchange.appPath());
        withMain = AsgiServer.builder().mount("shop", new ShopApp("routes")).mount("files", files).mainApp("shop")
                .build();
        withoutMain = AsgiServer.builder().mount("shop", new ShopApp("routes")).mount("files", files).build();
    }

    @AfterAll
    static void stop() {
        withMain.close();
        withoutMain.close();
    }

    private static Destination decide(AsgiServer server, String rawPath) {
        return Routes.decide(rawPath, server.layer(), server.router());
    }

    /** {@code entry} is the found entry's path, or null when nothing is found. */
    private static void check(AsgiServer server, String rawPath, String app, String appPath, String routePath,
                              String entry) {
        Destination d = decide(server, rawPath);
        assertNull(d.refusal(), rawPath);
        assertEquals(app, d.app(), rawPath + ": app");
        assertEquals(entry, d.found() == null ? null : d.found().entry().path(), rawPath + ": entry");
        assertEquals(appPath, d.appPath(), rawPath + ": app path");
        assertEquals(routePath, d.routePath(), rawPath + ": route path");
        Destination routeFirst = decide(server, rawPath);
        assertEquals(routePath, routeFirst.routePath(), rawPath + ": route path asked first");
        assertEquals(appPath, routeFirst.appPath(), rawPath + ": app path asked second");
        Destination given = new Destination(app, appPath, routePath, d.found());
        assertEquals(given, d, rawPath);
        assertEquals(given.hashCode(), d.hashCode(), rawPath);
        assertEquals(given.toString(), d.toString(), rawPath);
    }

    @Test
    void mountedApps() {
        check(withMain, "/shop/articles/list", "shop", "articles/list", "shop/articles/list", "shop/articles/list");
        check(withMain, "/shop/articles/list/", "shop", "articles/list", "shop/articles/list", "shop/articles/list");
        check(withMain, "/shop/retrieve/42", "shop", "retrieve/42", "shop/retrieve/42", "shop/retrieve");
        check(withMain, "/shop", "shop", "", "shop", "shop/index");
        check(withMain, "/shop/", "shop", "", "shop", "shop/index");
        assertEquals(List.of("42"), decide(withMain, "/shop/retrieve/42").found().positional());
    }

    @Test
    void anEndpointMountOwnsEveryPathUnderIt() {
        check(withMain, "/files/a/b.txt", "files", "a/b.txt", "files/a/b.txt", null);
        check(withMain, "/files/", "files", "", "files", null);
        check(withMain, "/files", "files", "", "files", null);
    }

    @Test
    void theMainAppTakesWhatNoMountNames() {
        check(withMain, "/retrieve/7", "shop", "retrieve/7", "shop/retrieve/7", "shop/retrieve");
        check(withMain, "/articles/list/", "shop", "articles/list", "shop/articles/list", "shop/articles/list");
        check(withMain, "/", "shop", "", "shop", "shop/index");
        check(withMain, "/nothing/here", "shop", "nothing/here", "shop/nothing/here", null);
        check(withMain, "/a%20b/../retrieve/7", "shop", "retrieve/7", "shop/retrieve/7", "shop/retrieve");
    }

    @Test
    void withoutAMainAppNoOneOwnsAnUnknownPath() {
        check(withoutMain, "/nothing/here", null, "nothing/here", "nothing/here", null);
        check(withoutMain, "/nothing/", null, "nothing", "nothing", null);
        check(withoutMain, "/", null, "", "", "index"); // the server's own index
    }

    @Test
    void pathsThatNeedDecodingRouteAsTheirDecodedForm() {
        check(withMain, "/shop/a%20b/../articles/list", "shop", "articles/list", "shop/articles/list",
                "shop/articles/list");
        check(withMain, "/shop//articles/./list", "shop", "articles/list", "shop/articles/list", "shop/articles/list");
        check(withMain, "//shop/articles/list", "shop", "articles/list", "shop/articles/list", "shop/articles/list");
        check(withMain, "/sh%6Fp/retrieve/4%32", "shop", "retrieve/42", "shop/retrieve/42", "shop/retrieve");
        assertNotNull(decide(withMain, "/shop/%2F").refusal(), "an encoded slash");
        assertNotNull(decide(withMain, "/../shop").refusal(), "above the root");
    }

    @Test
    void systemMountsAndIds() {
        check(withMain, "/_sys/nothing/x", "_sys", "nothing/x", "_sys/nothing/x", null);
        check(withMain, "/_sys", "_sys", "", "_sys", null);
        check(withMain, "/@nothing/x", null, "@nothing/x", "@nothing/x", null);
        assertEquals(Destination.NONE, decide(withMain, "*"));
        assertEquals(Destination.NONE, decide(withMain, ""));
    }

    @Test
    void routingAPathWithAnArgumentCutsOutOnlyTheArgument() {
        // Found 24, its List12 24, the argument's String and bytes 48, the Destination 48:
        // the route path and the app path wait until someone asks for them (296 when they
        // were cut out at once). The budget leaves room for code the compiler has not
        // finished with on a busy machine
        AppLayer layer = withMain.layer();
        int rounds = 100_000;
        long bytes = AllocationCount.perRun(rounds,
                () -> Routes.decide("/shop/retrieve/42", layer, withMain.router()).found().positional().size(), rounds);
        assertTrue(bytes <= 176, "bytes per decision: " + bytes);
    }
}
