package org.genro.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RootTest {
    @TempDir
    Path tmp;
    Path site;
    Root root;

    @BeforeEach
    void tree() throws IOException {
        site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(tmp.resolve("secret.txt"), "outside");
        Files.createDirectories(site.resolve("css"));
        Files.writeString(site.resolve("css/site.css"), "body{}");
        Files.writeString(site.resolve("index.html"), "<h1>hi</h1>");
        Files.createDirectories(site.resolve(".git"));
        Files.writeString(site.resolve(".git/config"), "[core]");
        Files.createDirectories(site.resolve(".well-known"));
        Files.writeString(site.resolve(".well-known/security.txt"), "Contact: x");
        Files.createSymbolicLink(site.resolve("out"), tmp);
        Files.createSymbolicLink(site.resolve("secret-link.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(site.resolve("inside-link.css"), site.resolve("css/site.css"));
        Files.createSymbolicLink(site.resolve("dangling"), tmp.resolve("nowhere"));
        root = Root.of(site);
    }

    @Test
    void findsFilesAndDirectoriesInside() {
        Root.Found css = assertInstanceOf(Root.Found.class, root.resolve("css/site.css"));
        assertTrue(css.path().endsWith("css/site.css"));
        assertInstanceOf(Root.Found.class, root.resolve("/index.html"), "a leading slash is the root");
        assertTrue(assertInstanceOf(Root.Found.class, root.resolve("css/")).directory());
        assertTrue(assertInstanceOf(Root.Found.class, root.resolve("")).directory());
        assertInstanceOf(Root.Found.class, root.resolve("inside-link.css"), "a link that stays inside is followed");
        assertInstanceOf(Root.Found.class, root.resolve(".well-known/security.txt"));
        assertInstanceOf(Root.Missing.class, root.resolve("css/none.css"));
        assertInstanceOf(Root.Missing.class, root.resolve("new/dir/file.txt"));
    }

    /** The classic ways out of a document root, after percent-decoding: none reaches a file outside. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "../secret.txt                          | 400",
        "css/../../secret.txt                   | 400",
        "./index.html                           | 400",
        "css/./site.css                         | 400",
        "css//site.css                          | 400",
        "..                                     | 400",
        "...                                    | 404",
        "css/..                                 | 400",
        "`..\\secret.txt`                       | 400",
        "`css\\..\\..\\secret.txt`              | 400",
        "`index.html\n`                         | 400",
        "`\u001b[31m`                           | 400",
        "c:/windows/win.ini                     | 400",
        "C:secret.txt                           | 400",
        "index.html::$DATA                      | 400",
        "`index.html:stream`                    | 400",
        "con                                    | 404",
        "CON.txt                                | 404",
        "css/aux.css                            | 404",
        "nul.html                               | 404",
        "com1                                   | 404",
        "lpt9.log                               | 404",
        "`conin$`                               | 404",
        "index.html.                            | 404",
        "`index.html `                          | 404",
        "css./site.css                          | 404",
        ".git/config                            | 404",
        ".htpasswd                              | 404",
        ".env                                   | 404",
        "css/.hidden                            | 404",
        "out/secret.txt                         | 404",
        "secret-link.txt                        | 404",
        "out                                    | 404",
        "`\uffff`                               | 400",
    })
    void refusesEveryWayOut(String path, int status) {
        Root.Refused refused = assertInstanceOf(Root.Refused.class, root.resolve(path), path);
        assertEquals(status, refused.status(), path);
        assertTrue(!refused.reason().contains("secret") && !refused.reason().contains(".."), refused.reason());
    }

    @Test
    void refusesANulByteWhichTheTableCannotCarry() {
        assertEquals(400, assertInstanceOf(Root.Refused.class, root.resolve("index.html" + (char) 0 + ".png")).status());
    }

    @Test
    void refusesPathsAndSegmentsOverTheirLimits() {
        assertEquals(414, assertInstanceOf(Root.Refused.class, root.resolve("a".repeat(256))).status());
        assertEquals(414, assertInstanceOf(Root.Refused.class, root.resolve("a/".repeat(2049))).status());
    }

    @Test
    void aDanglingLinkIsMissingAndAWriteThroughALinkOutIsRefused() {
        assertInstanceOf(Root.Missing.class, root.resolve("dangling"));
        assertEquals(404, assertInstanceOf(Root.Refused.class, root.resolve("out/new.txt")).status(),
                "a new file under a link out of the root would be written outside");
    }

    @Test
    void allowsDotfilesAndLinksOutOnlyWhenTold() throws IOException {
        Root open = Root.of(site, true, true);
        assertInstanceOf(Root.Found.class, open.resolve(".git/config"));
        assertInstanceOf(Root.Found.class, open.resolve("out/secret.txt"));
        assertInstanceOf(Root.Refused.class, open.resolve("../secret.txt"), "dot segments stay refused");
    }

    @Test
    void needsAnExistingDirectory() {
        assertThrows(IOException.class, () -> Root.of(tmp.resolve("missing")));
        assertThrows(IOException.class, () -> Root.of(tmp.resolve("secret.txt")));
    }
}
