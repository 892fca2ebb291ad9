package org.genro.server.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory copy of small files never serves bytes the file no longer holds. */
class StaticHotFilesTest {
    private static final Instant HOUR_AGO = Instant.now().minusSeconds(3600);

    @TempDir
    Path dir;

    private Path write(String name, String content, Instant modified) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static BasicFileAttributes attrs(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class);
    }

    @Test
    void aSettledFileIsKeptAndServedFromMemory() throws IOException {
        HotFiles hot = new HotFiles(1 << 20);
        Path file = write("a.txt", "first", HOUR_AGO);
        byte[] once = hot.read(file, attrs(file));
        assertArrayEquals("first".getBytes(StandardCharsets.UTF_8), once);
        assertEquals(5, hot.size());
        assertSame(once, hot.read(file, attrs(file)), "the same bytes, not read again");
    }

    @Test
    void sameSizeAndANewModificationTimeIsReadAgain() throws IOException {
        HotFiles hot = new HotFiles(1 << 20);
        Path file = write("a.txt", "first", HOUR_AGO);
        hot.read(file, attrs(file));
        write("a.txt", "other", HOUR_AGO.plusNanos(1000));
        assertArrayEquals("other".getBytes(StandardCharsets.UTF_8), hot.read(file, attrs(file)));
    }

    @Test
    void aNewSizeIsReadAgain() throws IOException {
        HotFiles hot = new HotFiles(1 << 20);
        Path file = write("a.txt", "first", HOUR_AGO);
        hot.read(file, attrs(file));
        write("a.txt", "longer content", HOUR_AGO);
        assertArrayEquals("longer content".getBytes(StandardCharsets.UTF_8), hot.read(file, attrs(file)));
    }

    @Test
    void anAtomicReplaceWithTheSameSizeAndTimeIsANewFile() throws IOException {
        HotFiles hot = new HotFiles(1 << 20);
        Path file = write("a.txt", "first", HOUR_AGO);
        hot.read(file, attrs(file));
        Path next = write("a.txt.tmp", "other", HOUR_AGO);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertArrayEquals("other".getBytes(StandardCharsets.UTF_8), hot.read(file, attrs(file)), "another inode");
    }

    @Test
    void aFileModifiedJustNowIsServedButNotKept() throws IOException {
        HotFiles hot = new HotFiles(1 << 20);
        Path file = write("a.txt", "fresh", Instant.now());
        assertArrayEquals("fresh".getBytes(StandardCharsets.UTF_8), hot.read(file, attrs(file)));
        assertEquals(0, hot.size(), "a second write within the same clock tick would look unchanged");
    }

    @Test
    void bytesThatDoNotMatchTheAttributesAreNeverReturned() throws IOException {
        HotFiles hot = new HotFiles(1 << 20);
        Path file = write("a.txt", "first", HOUR_AGO);
        BasicFileAttributes before = attrs(file);
        write("a.txt", "second!", HOUR_AGO.plusSeconds(1));
        assertNull(hot.read(file, before), "the file changed between its attributes and its bytes");
        write("a.txt", "third", HOUR_AGO.plusSeconds(2));
        assertNull(hot.read(file, before), "same size as before, but not the version the attributes describe");
        assertEquals(0, hot.size());
    }

    @Test
    void staysWithinItsBound() throws IOException {
        HotFiles hot = new HotFiles(100);
        for (int i = 0; i < 5; i++) {
            Path file = write(i + ".txt", "x".repeat(40), HOUR_AGO);
            hot.read(file, attrs(file));
            assertTrue(hot.size() <= 100, "held " + hot.size());
        }
        assertTrue(hot.size() > 0);
    }

    /** With revalidate 0 each request reads the file's attributes: what changed is never served as it was. */
    @Test
    void theServerNeverSendsStaleBytes(@TempDir Path base) throws IOException {
        try (Site site = Site.start(base, o -> o.revalidate(java.time.Duration.ZERO), b -> b)) {
            Path file = site.root.resolve("hello.txt");
            Files.setLastModifiedTime(file, FileTime.from(HOUR_AGO));
            Wire.Response first = Wire.exchange(site.port(), "GET", "/site/hello.txt");
            assertEquals("hello\n", first.text());
            Files.writeString(file, "howdy\n");
            Files.setLastModifiedTime(file, FileTime.from(HOUR_AGO.plusMillis(1)));
            Wire.Response second = Wire.exchange(site.port(), "GET", "/site/hello.txt");
            assertEquals("howdy\n", second.text(), "same size, new time");
            assertNotEquals(first.header("ETag"), second.header("ETag"));
            Files.writeString(file, "good morning\n");
            Files.setLastModifiedTime(file, FileTime.from(HOUR_AGO.plusMillis(1)));
            assertEquals("good morning\n", Wire.exchange(site.port(), "GET", "/site/hello.txt").text(), "new size");
        }
    }
}
