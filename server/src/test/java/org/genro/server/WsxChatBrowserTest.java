package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wsx-chat sample in two headless Chromium pages: both join the lobby, a line typed
 * in one shows in the other, through a WSX call and a topic event. A line that looks like
 * HTML shows as text.
 */
class WsxChatBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aLineTypedInOnePageShowsInTheOther() throws Exception {
        try (AsgiServer server = new AsgiServer(SamplesTest.SAMPLES.resolve("wsx-chat"), "127.0.0.1", 0, false, List.of(),
                null).start();
             Browser browser = Browser.launch()) {
            String base = "http://127.0.0.1:" + server.port() + "/";
            Browser.Page ann = join(browser, base, "ann");
            Browser.Page bob = join(browser, base, "bob");

            say(ann, "hello from ann");
            bob.waitFor("[...document.querySelectorAll('#log li')].some(li => li.textContent === 'annhello from ann')", WAIT);
            ann.waitFor("[...document.querySelectorAll('#log li')].some(li => li.textContent === 'annhello from ann')", WAIT);

            say(bob, "<img src=x onerror=\"document.title='owned'\">");
            ann.waitFor("[...document.querySelectorAll('#log li')].some(li => li.textContent.startsWith('bob<img'))", WAIT);
            assertEquals(0, ann.eval("document.querySelectorAll('#log img').length").asInt(), "a line is text, not HTML");
            assertEquals("wsx-chat", ann.eval("document.title").asText());

            Browser.Page late = join(browser, base, "cat");
            late.waitFor("document.querySelectorAll('#log li').length >= 2", WAIT); // the history came with the subscription
        }
    }

    private static Browser.Page join(Browser browser, String base, String name) throws Exception {
        Browser.Page page = browser.open();
        page.go(base);
        page.waitFor("document.getElementById('status').textContent === 'connected'", WAIT);
        page.eval("document.getElementById('name').value = '" + name + "'");
        page.eval("document.getElementById('join').requestSubmit()");
        page.waitFor("document.getElementById('status').textContent.startsWith('in room lobby')", WAIT);
        return page;
    }

    private static void say(Browser.Page page, String text) throws Exception {
        page.eval("document.getElementById('text').value = " + WsxClient.JSON.writeValueAsString(text));
        page.eval("document.getElementById('say').requestSubmit()");
    }
}
