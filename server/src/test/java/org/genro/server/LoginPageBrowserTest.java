package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The login page in a real browser (headless Chromium): a guarded page sends the browser
 * to the form, logging in brings it back with a session cookie the page's scripts cannot
 * read, and logging out closes the page again.
 */
class LoginPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void logInReachATaggedPageAndLogOut() throws Exception {
        try (AsgiServer server = AsgiServer.builder().mount("vault", new IdentityTest.Vault())
                .set("auth.login_page", true).set("auth.plain_passwords", true)
                .set("auth.basic.ada", Map.of("password", "ada-pass", "tags", "admin")).start();
             Browser browser = Browser.launch()) {
            String base = "http://127.0.0.1:" + server.port();
            Browser.Page page = browser.open();
            page.go(base + "/vault/admin");
            page.waitFor("location.pathname === '/_server/login_page'", WAIT);
            assertEquals("/vault/admin", page.eval("document.querySelector('input[name=next]').value").asText());
            page.waitFor("getComputedStyle(document.body).marginTop === '64px'", WAIT); // genro.css from /_server/resource

            page.eval("document.getElementById('identity').value = 'ada'");
            page.eval("document.getElementById('password').value = 'wrong-pass'");
            page.eval("document.querySelector('form').submit()");
            page.waitFor("location.pathname === '/_server/login_page' && location.search.includes('error=1')", WAIT);
            page.waitFor("document.readyState === 'complete' && document.querySelector('[role=alert]') !== null", WAIT);

            page.eval("document.getElementById('identity').value = 'ada'");
            page.eval("document.getElementById('password').value = 'ada-pass'");
            page.eval("document.querySelector('form').submit()");
            page.waitFor("location.pathname === '/vault/admin' && document.body.innerText.includes('admin area')", WAIT);
            assertFalse(page.eval("document.cookie").asText().contains("session_id"), "the session cookie is HttpOnly");

            int status = page.eval("fetch('/_server/logout', {method: 'POST'}).then(r => r.status)").asInt();
            assertEquals(200, status, "a same-origin logout passes the cross-site rule");
            page.go(base + "/vault/admin");
            page.waitFor("location.pathname === '/_server/login_page'", WAIT);
        }
    }
}
