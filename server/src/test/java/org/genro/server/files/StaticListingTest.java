package org.genro.server.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory listings: escaped, sorted, limited to what the root serves. */
class StaticListingTest {
    @TempDir
    static Path base;
    private static Site site;

    @BeforeAll
    static void start() throws IOException {
        site = Site.start(base, o -> o.listing(true), b -> b);
        Path dir = Files.createDirectories(site.root.resolve("names"));
        Files.writeString(dir.resolve("<script>alert(1)<!--.txt"), "x");
        Files.writeString(dir.resolve("\"&'.txt"), "x");
        Files.writeString(dir.resolve("a b#c?d%e.txt"), "x");
        Files.writeString(dir.resolve("zeta.txt"), "x");
        Files.writeString(dir.resolve("Alpha.txt"), "x");
        Files.writeString(dir.resolve(".env"), Site.SECRET);
        Files.writeString(dir.resolve("con.txt"), "x");
        Files.createDirectories(dir.resolve("sub dir"));
        Files.createDirectories(dir.resolve("b-dir"));
        Files.createSymbolicLink(dir.resolve("out"), Path.of("../../secret.txt"));
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void escapesEveryNameInTextAndLink() throws IOException {
        Wire.Response r = Wire.exchange(site.port(), "GET", "/site/names/");
        assertEquals(200, r.status());
        String page = r.text();
        assertFalse(page.contains("<script>") || page.contains("<!--"), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;!--.txt"), page);
        assertTrue(page.contains("href=\"./%3Cscript%3Ealert%281%29%3C%21--.txt\""), page);
        assertTrue(page.contains("&quot;&amp;&#39;.txt"), page);
        assertTrue(page.contains("href=\"./%22%26%27.txt\""), page);
        assertTrue(page.contains("href=\"./a%20b%23c%3Fd%25e.txt\""), page);
        assertEquals("default-src 'none'; style-src 'unsafe-inline'", r.header("Content-Security-Policy"));
        assertEquals("text/html; charset=utf-8", r.header("Content-Type"));
    }

    @Test
    void listsDirectoriesFirstThenFilesByName() throws IOException {
        String page = Wire.exchange(site.port(), "GET", "/site/names/").text();
        List<String> links = new ArrayList<>();
        Matcher m = Pattern.compile("href=\"([^\"]*)\"").matcher(page);
        while (m.find()) {
            links.add(m.group(1));
        }
        assertEquals(List.of("../", "./b-dir/", "./sub%20dir/", "./%22%26%27.txt", "./%3Cscript%3Ealert%281%29%3C%21--.txt",
                "./Alpha.txt", "./a%20b%23c%3Fd%25e.txt", "./zeta.txt"), links);
    }

    @Test
    void neverListsWhatItWouldNotServe() throws IOException {
        String page = Wire.exchange(site.port(), "GET", "/site/names/").text();
        assertFalse(page.contains(".env"), "a dotfile");
        assertFalse(page.contains("con.txt"), "a Windows device name");
        assertFalse(page.contains("out"), "a link out of the root");
        assertFalse(page.contains(Site.SECRET));
        String top = Wire.exchange(site.port(), "GET", "/site/empty/").text();
        assertFalse(top.contains("../\">../</a></td><td></td><td></td></tr>\n<tr>"), "empty, but for the parent link");
        assertFalse(Wire.exchange(site.port(), "GET", "/site/").text().contains("Index of"), "an index file wins");
    }

    @Test
    void everyLinkLeadsToWhatItNames() throws IOException {
        assertEquals(200, Wire.exchange(site.port(), "GET", "/site/names/%3Cscript%3Ealert%281%29%3C%21--.txt").status(),
                "the link's escapes decode to the name");
        assertEquals(200, Wire.exchange(site.port(), "GET", "/site/names/a%20b%23c%3Fd%25e.txt").status());
        assertEquals(200, Wire.exchange(site.port(), "GET", "/site/names/sub%20dir/").status());
    }
}
