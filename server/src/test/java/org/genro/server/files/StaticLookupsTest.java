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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The static app remembers where a name led for a moment (a real-path walk costs a dozen
 * system calls), but never serves what is no longer there: a file removed or turned into a
 * link is looked up again on the next request, and a new file or sibling shows within a
 * second.
 */
class StaticLookupsTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

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
        try (Site site = Site.start(base)) {
            assertEquals(200, get(site, "/site/hello.txt").statusCode());
            Path hello = site.root.resolve("hello.txt");
            Files.delete(hello);
            Files.createSymbolicLink(hello, base.resolve("secret.txt"));
            HttpResponse<String> after = get(site, "/site/hello.txt");
            assertEquals(404, after.statusCode(), "looked up again at once, through the root");
            assertFalse(after.body().contains(Site.SECRET));
        }
    }

    @Test
    void aFileRemovedIsGoneAtOnceAndOneAddedShowsWithinASecond() throws Exception {
        try (Site site = Site.start(base)) {
            assertEquals(200, get(site, "/site/hello.txt").statusCode());
            Files.delete(site.root.resolve("hello.txt"));
            assertEquals(404, get(site, "/site/hello.txt").statusCode());
            assertEquals(404, get(site, "/site/new.txt").statusCode());
            Files.writeString(site.root.resolve("new.txt"), "new\n");
            assertEquals(200, pollUntil(site, "/site/new.txt", 200, Lookups.FRESH_NANOS * 3));
        }
    }

    @Test
    void aNewSiblingIsOfferedWithinASecondAndARemovedOneAtOnce() throws Exception {
        try (Site site = Site.start(base)) {
            assertTrue(get(site, "/site/plain.txt", "Accept-Encoding", "gzip").headers()
                    .firstValue("Content-Encoding").isEmpty());
            Files.write(site.root.resolve("plain.txt.gz"), Site.gzip(Site.PLAIN));
            long deadline = System.nanoTime() + Lookups.FRESH_NANOS * 3;
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
            assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "a removed sibling is never sent");
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
