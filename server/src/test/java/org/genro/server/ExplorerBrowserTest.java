package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.junit.jupiter.api.Test;

/**
 * The API explorer in headless Chromium: on the hello sample it lists {@code greet}, calls
 * it with a name and shows the reply; names and doc texts holding markup show as text and
 * run nothing, and an entry whose name needs escaping in a URL is still called right.
 */
class ExplorerBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A doc text that would run two scripts if it were ever parsed as HTML. */
    static final String DOC = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";
    /**
     * Names as hostile as the router allows: no whitespace, '/', ',' or braces, so no
     * attribute can be written, but quotes, angle brackets, '&' and the characters that
     * end a URL path ('?', '#') or start an escape ('%').
     */
    static final String BRANCH = "\"'&<b>bold?#%";
    static final String ENTRY = "<i>it's\"&?#%";

    /** An app whose doc texts and names hold markup. */
    public static class Hostile extends RoutingClass {
        public Hostile() {
            branch(BRANCH, new Inner());
        }

        @Route(doc = DOC)
        public String index() {
            return "index\n";
        }
    }

    /** The hostile branch; its entry echoes its argument. */
    public static class Inner extends RoutingClass {
        @Route(name = ENTRY, doc = "<img src=x onerror=\"window.pwned=3\">echo", methods = {"GET"})
        public String echo(String q) {
            return "you sent " + q;
        }
    }

    private static String js(String text) throws Exception {
        return JSON.writeValueAsString(text); // a JavaScript string literal of the same text
    }

    @Test
    void callsGreetOnTheHelloSampleAndShowsTheReply() throws Exception {
        try (AsgiServer server = new AsgiServer(SamplesTest.SAMPLES.resolve("hello"), "127.0.0.1", 0, false, List.of(),
                null).start();
             Browser browser = Browser.launch()) {
            Browser.Page page = browser.open();
            page.go("http://127.0.0.1:" + server.port() + "/_sys/explorer/");
            page.waitFor("[...document.querySelectorAll('#tree button.entry')].some(b => b.textContent === 'greet')", WAIT);
            page.waitFor("getComputedStyle(document.querySelector('.sys-split')).display === 'grid'", WAIT); // genro.css

            page.eval("document.querySelector('#tree button.entry[data-path=\"hello/greet\"]').click()");
            page.waitFor("document.querySelector('#call input[name=name]') !== null", WAIT);
            assertEquals("/hello/greet", page.eval("document.querySelector('#detail h2').textContent").asText());
            assertEquals("GET", page.eval("document.getElementById('call-method').value").asText(), "any method: GET first");
            assertEquals("[\"GET\",\"POST\"]",
                    page.eval("JSON.stringify([...document.getElementById('call-method').options].map(o => o.value))").asText());
            page.eval("document.querySelector('#call input[name=name]').value = 'Ada'");
            page.eval("document.querySelector('#call input[name=times]').value = '2'");
            page.eval("document.getElementById('call').requestSubmit()");
            page.waitFor("document.getElementById('reply-status')?.textContent.startsWith('200')", WAIT);
            String body = page.eval("document.getElementById('reply-body').textContent").asText();
            assertTrue(body.contains("\"message\": \"Hello, Ada! Hello, Ada!\""), "pretty-printed JSON: " + body);
            assertTrue(page.eval("document.getElementById('reply-headers').textContent").asText().contains("application/json"));
            assertEquals("GET /hello/greet?name=Ada&times=2",
                    page.eval("document.querySelector('#reply .request-line').textContent").asText());
            page.waitFor("getComputedStyle(document.getElementById('reply-body')).whiteSpace === 'pre-wrap'", WAIT); // explorer.css

            // POST sends the JSON body the form prefilled with the parameter names
            page.eval("(() => { const m = document.getElementById('call-method'); m.value = 'POST';"
                    + " m.dispatchEvent(new Event('change')); })()");
            assertEquals("{\"name\":\"\",\"times\":0}",
                    page.eval("JSON.stringify(JSON.parse(document.getElementById('call-body').value))").asText());
            page.eval("document.getElementById('call-body').value = '{\"name\": \"Bo\", \"times\": 1}'");
            page.eval("document.getElementById('call').requestSubmit()");
            page.waitFor("document.querySelector('#reply .request-line')?.textContent === 'POST /hello/greet'"
                    + " && document.getElementById('reply-body').textContent.includes('Hello, Bo!')", WAIT);
            assertTrue(page.eval("document.getElementById('reply-status').textContent").asText().startsWith("200"));
        }
    }

    @Test
    void markupInNamesAndDocsShowsAsTextAndRunsNothing() throws Exception {
        try (AsgiServer server = AsgiServer.builder().host("127.0.0.1").mount("evil", new Hostile()).start();
             Browser browser = Browser.launch()) {
            Browser.Page page = browser.open();
            page.go("http://127.0.0.1:" + server.port() + "/_sys/explorer/");
            String path = "evil/" + BRANCH + "/" + ENTRY;
            page.waitFor("document.querySelectorAll('#tree button.entry').length === 2", WAIT);
            assertEquals(BRANCH, page.eval("document.querySelectorAll('#tree summary')[1].firstChild.textContent").asText());
            assertEquals(ENTRY, page.eval("document.querySelectorAll('#tree button.entry')[1].textContent").asText());

            page.eval("document.querySelector('#tree button.entry[data-path=\"evil/index\"]').click()");
            page.waitFor("document.querySelector('#detail .doc') !== null", WAIT);
            assertEquals(DOC, page.eval("document.querySelector('#detail .doc').textContent").asText());

            page.eval("[...document.querySelectorAll('#tree button.entry')].find(b => b.dataset.path === " + js(path)
                    + ").click()");
            page.waitFor("document.querySelector('#detail h2').textContent === " + js("/" + path), WAIT);
            page.eval("document.querySelector('#call input[name=q]').value = '<b>&amp;'");
            page.eval("document.getElementById('call').requestSubmit()");
            page.waitFor("document.getElementById('reply-status')?.textContent.startsWith('200')", WAIT);
            assertEquals("you sent <b>&amp;", page.eval("document.getElementById('reply-body').textContent").asText(),
                    "each segment was escaped into the URL, the reply shown as text");

            assertEquals(0, page.eval("document.querySelectorAll('main img, main script, main b, main i,"
                    + " nav img, nav script, nav b, nav i').length").asInt(), "no element came from data");
            assertEquals("undefined", page.eval("typeof window.pwned").asText());
        }
    }
}
