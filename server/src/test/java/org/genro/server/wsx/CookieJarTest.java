package org.genro.server.wsx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CookieJarTest {
    @Test
    void startsWithTheHandshakeCookiesAndLetsACallOverrideThem() {
        CookieJar jar = new CookieJar("sid=abc; theme=light");
        assertEquals("sid=abc; theme=light", jar.header(Map.of()));
        assertEquals("sid=abc; theme=dark", jar.header(Map.of("theme", "dark")));
        assertEquals("sid=abc; theme=light", jar.header(Map.of()), "an override lasts one call");
    }

    @Test
    void hasNoHeaderWhenEmpty() {
        assertNull(new CookieJar(null).header(Map.of()));
        assertEquals("a=1", new CookieJar(null).header(Map.of("a", "1")));
    }

    @Test
    void storesWhatRepliesSetAndDropsWhatTheyClear() {
        CookieJar jar = new CookieJar(null);
        jar.set("session_id=s1; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax");
        assertEquals("session_id=s1", jar.header(Map.of()));
        jar.set("session_id=; Path=/; Max-Age=0; HttpOnly");
        assertNull(jar.header(Map.of()));
        jar.set("a=1");
        jar.set("a=2; max-age=-1");
        assertNull(jar.header(Map.of()));
    }

    @Test
    void keepsABoundedNumberOfCookiesSoAHandlerCannotGrowItForEver() {
        CookieJar jar = new CookieJar(null);
        for (int i = 0; i < CookieJar.MAX_COOKIES + 10; i++) {
            jar.set("c" + i + "=v");
        }
        assertEquals(CookieJar.MAX_COOKIES, jar.size());
        jar.set("c0=changed");
        assertEquals(CookieJar.MAX_COOKIES, jar.size());
    }

    @Test
    void ignoresSetCookieValuesWithoutAName() {
        CookieJar jar = new CookieJar(null);
        jar.set("=v; Path=/");
        jar.set("novalue");
        assertEquals(0, jar.size());
    }
}
