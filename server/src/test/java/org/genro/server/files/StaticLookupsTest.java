package org.genro.server.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The static app remembers where a name led, and the attributes of small files, for its
 * {@code revalidate} time (a real-path walk costs a dozen system calls): edits, removals,
 * new files and new siblings show within that time, and a file turned into a link out of
 * the root is never followed, whenever it happens.
 */
class StaticLookupsTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** The default revalidation time (a second), with room for a slow machine. */
    private static final long WITHIN = TimeUnit.SECONDS.toNanos(3);

    @TempDir
    Path base;

    private static HttpResponse<String> get(Site site, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.port() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFileTurnedIntoALinkOutOfTheRootIsNeverFollowed() throws Exception {
        for (String name : List.of("hello.txt", "big.bin")) { // from memory and from disk
            try (Site site = Site.start(base.resolve(name))) {
                assertEquals(200, get(site, "/site/" + name).statusCode());
                Path file = site.root.resolve(name);
                Files.delete(file);
                Files.createSymbolicLink(file, site.base.resolve("secret.txt"));
                long deadline = System.nanoTime() + WITHIN;
                HttpResponse<String> after;
                do {
                    after = get(site, "/site/" + name);
                    assertFalse(after.body().contains(Site.SECRET), name);
                } while (after.statusCode() != 404 && System.nanoTime() < deadline);
                assertEquals(404, after.statusCode(), name + ": looked up again, through the root");
            }
        }
    }

    @Test
    void aFileRemovedAndOneAddedShowWithinTheRevalidationTime() throws Exception {
        try (Site site = Site.start(base)) {
            assertEquals(200, get(site, "/site/hello.txt").statusCode());
            Files.delete(site.root.resolve("hello.txt"));
            assertEquals(404, pollUntil(site, "/site/hello.txt", 404, WITHIN));
            assertEquals(404, get(site, "/site/new.txt").statusCode());
            Files.writeString(site.root.resolve("new.txt"), "new\n");
            assertEquals(200, pollUntil(site, "/site/new.txt", 200, WITHIN));
        }
    }

    @Test
    void withRevalidateZeroEveryChangeShowsAtOnce() throws Exception {
        try (Site site = Site.start(base, o -> o.revalidate(Duration.ZERO), b -> b)) {
            assertEquals(200, get(site, "/site/hello.txt").statusCode());
            Files.delete(site.root.resolve("hello.txt"));
            assertEquals(404, get(site, "/site/hello.txt").statusCode());
            Files.writeString(site.root.resolve("new.txt"), "new\n");
            assertEquals(200, get(site, "/site/new.txt").statusCode());
        }
    }

    @Test
    void aNewSiblingIsOfferedAndARemovedOneFallsBackToTheFile() throws Exception {
        try (Site site = Site.start(base)) {
            assertTrue(get(site, "/site/plain.txt", "Accept-Encoding", "gzip").headers()
                    .firstValue("Content-Encoding").isEmpty());
            Files.write(site.root.resolve("plain.txt.gz"), Site.gzip(Site.PLAIN));
            long deadline = System.nanoTime() + WITHIN;
            String coding = null;
            while (coding == null && System.nanoTime() < deadline) {
                coding = get(site, "/site/plain.txt", "Accept-Encoding", "gzip").headers()
                        .firstValue("Content-Encoding").orElse(null);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertEquals("gzip", coding);
            Files.delete(site.root.resolve("plain.txt.gz"));
            HttpResponse<String> plain = get(site, "/site/plain.txt", "Accept-Encoding", "gzip");
            assertEquals(200, plain.statusCode());
            assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "the file itself, not an error, when the sibling went");
        }
    }

    private static int pollUntil(Site site, String path, int status, long nanos) throws Exception {
        long deadline = System.nanoTime() + nanos;
        int last;
        do {
            last = get(site, path).statusCode();
            if (last == status) {
                return last;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        } while (System.nanoTime() < deadline);
        return last;
    }
}
