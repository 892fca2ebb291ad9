package org.genro.server.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
    @TempDir
    Path tmp;
    Storage storage;

    @BeforeEach
    void mounts() throws IOException {
        Files.writeString(tmp.resolve("secret.txt"), "outside");
        Map<String, Path> dirs = new LinkedHashMap<>();
        dirs.put("uploads", tmp.resolve("data/uploads"));
        dirs.put("docs", Files.createDirectories(tmp.resolve("docs")));
        storage = Storage.of(dirs);
    }

    @Test
    void createsMissingMountsAndKeepsTheirOrder() {
        assertEquals(List.of("uploads", "docs"), List.copyOf(storage.mounts()));
        assertTrue(Files.isDirectory(tmp.resolve("data/uploads")));
        assertEquals(tmp.resolve("docs"), storage.directory("docs"));
    }

    @Test
    void writesReadsListsAndDeletesInsideAMount() throws IOException {
        StorageNode node = storage.node("uploads:avatars/ann.png");
        assertFalse(node.exists());
        node.write(new byte[] {1, 2, 3});
        assertTrue(node.isFile());
        assertArrayEquals(new byte[] {1, 2, 3}, node.bytes());
        assertEquals(3, node.size());
        assertEquals("image/png", node.mediaType());
        assertEquals("png", node.extension());
        assertEquals("ann.png", node.name());
        assertEquals("uploads:avatars/ann.png", node.address());
        assertTrue(node.modified().toEpochMilli() > 0);
        storage.node("uploads", "avatars/bob.txt").write("bob");
        StorageNode avatars = node.parent().orElseThrow();
        assertTrue(avatars.isDirectory());
        assertEquals(List.of("ann.png", "bob.txt"), avatars.children().stream().map(StorageNode::name).toList());
        assertEquals("bob", avatars.child("bob.txt").text());
        assertTrue(node.delete());
        assertFalse(node.exists());
        assertEquals(storage.node("uploads:"), storage.node("uploads"));
        assertTrue(storage.node("uploads").parent().isEmpty());
    }

    @Test
    void listsNeitherHiddenEntriesNorLinksOut() throws IOException {
        Path docs = tmp.resolve("docs");
        Files.writeString(docs.resolve("a.txt"), "a");
        Files.writeString(docs.resolve(".env"), "SECRET=1");
        Files.createSymbolicLink(docs.resolve("escape.txt"), tmp.resolve("secret.txt"));
        assertEquals(List.of("a.txt"), storage.node("docs:").children().stream().map(StorageNode::name).toList());
    }

    @Test
    void refusesAddressesThatLeaveTheMountWithoutRepeatingThem() throws IOException {
        Files.createSymbolicLink(tmp.resolve("docs/out"), tmp);
        for (String address : List.of("docs:../secret.txt", "docs:a/../../secret.txt", "docs:a\\..\\b", "docs:.env",
                "docs:out/secret.txt", "docs:con.txt", "docs:c:/windows")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> storage.node(address), address);
            assertFalse(e.getMessage().contains("secret") || e.getMessage().contains("windows"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> storage.node("nope:a.txt"));
    }

    @Test
    void checksALinkAgainWhenItChangesAfterTheNodeWasMade() throws IOException {
        Path docs = tmp.resolve("docs");
        Files.writeString(docs.resolve("real.txt"), "inside");
        Path link = Files.createSymbolicLink(docs.resolve("moving.txt"), docs.resolve("real.txt"));
        StorageNode node = storage.node("docs:moving.txt");
        assertEquals("inside", node.text());
        Files.delete(link);
        Files.createSymbolicLink(link, tmp.resolve("secret.txt"));
        assertThrows(IllegalArgumentException.class, node::text, "the link now leads out of the mount");
        // exists, isFile and mediaType once answered for the file the link led to
        assertFalse(node.exists(), "nothing is there for the mount");
        assertFalse(node.isFile());
        assertEquals("text/plain; charset=utf-8", node.mediaType(), "typed by its own name");
    }

    @Test
    void aMountThatCannotBeADirectoryFailsAtOnce() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        assertThrows(UncheckedIOException.class, () -> Storage.of(Map.of("bad", file)));
    }
}
