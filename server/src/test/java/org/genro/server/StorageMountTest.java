package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.genro.server.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code storage} section mounts directories relative to the server directory, or absolute when written so. */
class StorageMountTest {
    @TempDir
    Path dir;

    @Test
    void mountsRelativeToTheServerDirectoryAndAbsoluteWhenWrittenSo() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        try (AsgiServer server = AsgiServer.builder().serverDir(dir.resolve("srv")).set("storage.uploads", "data/uploads")
                .set("storage.shared", elsewhere.toString()).build()) {
            assertEquals(dir.resolve("srv/data/uploads"), server.storage().directory("uploads"));
            assertEquals(elsewhere, server.storage().directory("shared"));
            server.storage().node("uploads:notes/a.txt").write("hello");
            assertEquals("hello", Files.readString(dir.resolve("srv/data/uploads/notes/a.txt")));
        }
    }

    @Test
    void aMountOnAFileIsAStartupErrorNamingTheSection() throws Exception {
        Files.writeString(dir.resolve("taken"), "x");
        ConfigException e = assertThrows(ConfigException.class,
                () -> AsgiServer.builder().serverDir(dir).set("storage.uploads", "taken").build());
        assertTrue(e.getMessage().contains("storage"), e.getMessage());
    }
}
