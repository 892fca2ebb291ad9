package org.genro.server.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ways out of the root, sent as raw request targets over a socket to a server with the
 * static app mounted at {@code /site/}: each gets its exact status, and no answer carries
 * the marker of the file that lies next to the root, nor the server's own paths. Each
 * layer on the way refuses what it owns: the engine the target's grammar, the server's
 * path normalization encoded separators, bad UTF-8 and climbs above the top, and
 * {@code storage.Root} everything that names a file it does not serve.
 */
class StaticTraversalTest {
    @TempDir
    static Path base;
    private static Site site;

    @BeforeAll
    static void start() throws IOException {
        site = Site.start(base);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                // climbing with dot segments, plain and encoded
                Arguments.of("/site/../../secret.txt", 400),
                Arguments.of("/site/../secret.txt", 404),
                Arguments.of("/site/%2e%2e/%2e%2e/secret.txt", 400),
                Arguments.of("/site/%2E%2E/%2e./.%2E/secret.txt", 400),
                Arguments.of("/site/./././../../secret.txt", 400),
                Arguments.of("/site///..//..//secret.txt", 400),
                Arguments.of("/site/link-in/../../secret.txt", 404),
                Arguments.of("/site/.well-known/../.git/config", 404),
                // encoded separators
                Arguments.of("/site/..%2f..%2fsecret.txt", 400),
                Arguments.of("/site/%2e%2e%2f%2e%2e%2fsecret.txt", 400),
                Arguments.of("/site/..%5c..%5csecret.txt", 400),
                Arguments.of("/site/%2e%2e%5c%2e%2e%5csecret.txt", 400),
                Arguments.of("/site/..%2F..%2Fsecret.txt", 400),
                // double encoding is decoded once: a name with a percent sign, not a way up
                Arguments.of("/site/%252e%252e/%252e%252e/secret.txt", 404),
                Arguments.of("/site/..%252f..%252fsecret.txt", 404),
                // overlong and invalid UTF-8, IIS-style escapes
                Arguments.of("/site/%c0%ae%c0%ae/secret.txt", 400),
                Arguments.of("/site/%c0%af..%c0%afsecret.txt", 400),
                Arguments.of("/site/%e0%80%ae%e0%80%ae/secret.txt", 400),
                Arguments.of("/site/%u002e%u002e/secret.txt", 400),
                // NUL and other controls
                Arguments.of("/site/secret.txt%00.html", 400),
                Arguments.of("/site/hello.txt%00", 400),
                Arguments.of("/site/docs/..%00/", 400),
                Arguments.of("/site/%0d%0aSet-Cookie:%20x=1", 400),
                // hidden files, Windows names, drive letters and streams
                Arguments.of("/site/.git/config", 404),
                Arguments.of("/site/.git/", 404),
                Arguments.of("/site/.hidden.txt", 404),
                Arguments.of("/site/CON", 404),
                Arguments.of("/site/con.txt", 404),
                Arguments.of("/site/aux.html", 404),
                Arguments.of("/site/c:/secret.txt", 400),
                Arguments.of("/site/C:%5csecret.txt", 400),
                Arguments.of("/site/hello.txt::$DATA", 400),
                Arguments.of("/site/hello.txt.", 404),
                Arguments.of("/site/hello.txt%20", 404),
                // links out of the root
                Arguments.of("/site/link-out", 404),
                Arguments.of("/site/dir-out/secret.txt", 404),
                Arguments.of("/site/dir-out/", 404),
                // empty segments, path parameters, look-alike dots, raw backslashes, long names
                Arguments.of("/site//etc/passwd", 404),
                Arguments.of("/site/..;/secret.txt", 404),
                Arguments.of("/site/hello.txt;/../../secret.txt", 404),
                Arguments.of("/site/%EF%BC%8E%EF%BC%8E/secret.txt", 404),
                Arguments.of("/site/..\\..\\secret.txt", 400),
                Arguments.of("/site/" + "a".repeat(300), 414),
                // absolute-form targets
                Arguments.of("http://localhost/site/../../secret.txt", 400),
                Arguments.of("http://evil.example/site/link-out", 404),
                Arguments.of("//site/../../secret.txt", 400));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("attacks")
    void refusesEachWayOutWithItsStatusAndNeverTheSecret(String target, int status) throws IOException {
        Wire.Response r = Wire.exchange(site.port(), "GET", target);
        assertEquals(status, r.status(), r.text());
        assertFalse(r.text().contains(Site.SECRET), "the secret leaked for " + target);
        assertFalse(r.text().contains(base.toString()), "a server path leaked for " + target);
        assertFalse(r.text().contains("secret.txt"), "the answer repeats the request for " + target);
        assertEquals(null, r.header("Set-Cookie"));
    }

    @Test
    void whatLiesInsideIsServed() throws IOException {
        assertEquals("hello\n", Wire.exchange(site.port(), "GET", "/site/hello.txt").text());
        assertEquals("hello\n", Wire.exchange(site.port(), "GET", "/site/link-in").text(), "a link inside the root");
        assertEquals("hello\n", Wire.exchange(site.port(), "GET", "/site/docs/../hello.txt").text());
        assertEquals(200, Wire.exchange(site.port(), "GET", "/site/.well-known/security.txt").status());
        // what counts is where a path really leads: out through a link and back into the root is inside
        assertEquals("hello\n", Wire.exchange(site.port(), "GET", "/site/dir-out/public/hello.txt").text());
    }
}
