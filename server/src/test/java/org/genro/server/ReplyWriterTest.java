package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.genro.http.Headers;
import org.genro.http.Response;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a file reply reaches the engine: a region, only while the file is the version it names. */
class ReplyWriterTest {
    private static final Instant THEN = Instant.parse("2024-01-01T00:00:00Z");

    /** A response that records what the writer asked of it. */
    private static final class Recorded implements Response {
        final Headers headers = new Headers();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status = 200;

        @Override public Response status(int code) { status = code; return this; }
        @Override public int status() { return status; }
        @Override public Response header(String name, String value) { headers.set(name, value); return this; }
        @Override public Response addHeader(String name, String value) { headers.add(name, value); return this; }
        @Override public Headers headers() { return headers; }
        @Override public void send() { }
        @Override public void send(byte[] b) { body.writeBytes(b); }
        @Override public void send(byte[] b, int off, int len) { body.write(b, off, len); }
        @Override public void send(String text) { send(text.getBytes(StandardCharsets.UTF_8)); }
        @Override public OutputStream stream() { return body; }
        @Override public boolean committed() { return false; }

        @Override
        public void send(FileChannel file, long offset, long length) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate((int) length);
            file.read(buf, offset);
            body.writeBytes(buf.array());
            headers.set("X-Region", offset + "+" + length);
        }
    }

    private static Path file(Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("f.txt"), "0123456789");
        Files.setLastModifiedTime(f, FileTime.from(THEN));
        return f;
    }

    @Test
    void aRegionOfTheVersionNamedGoesToTheEngine(@TempDir Path dir) throws IOException {
        Path f = file(dir);
        Recorded out = new Recorded();
        Reply reply = Reply.file(new Reply.FileRegion(f, 2, 5, 10, FileTime.from(THEN))).status(206).header("ETag", "\"t\"");
        ReplyWriter.write(reply, "GET", out);
        assertEquals(206, out.status);
        assertEquals("23456", out.body.toString(StandardCharsets.UTF_8));
        assertEquals("2+5", out.headers.first("X-Region"));
        assertEquals("\"t\"", out.headers.first("ETag"));
    }

    @Test
    void aFileThatChangedSinceIsNotSentUnderTheOldValidators(@TempDir Path dir) throws IOException {
        Path f = file(dir);
        Reply reply = Reply.file(new Reply.FileRegion(f, 0, 10, 10, FileTime.from(THEN))).header("ETag", "\"t\"");
        Files.writeString(f, "9876543210");
        Files.setLastModifiedTime(f, FileTime.from(THEN.plusSeconds(1)));
        Recorded out = new Recorded();
        ReplyWriter.write(reply, "GET", out);
        assertEquals(503, out.status);
        assertEquals("0", out.headers.first("Retry-After"));
        assertEquals(null, out.headers.first("ETag"), "no validator of the old version");
        assertFalse(out.body.toString(StandardCharsets.UTF_8).contains("987"));
    }

    @Test
    void aFileGoneSinceIs404WithoutItsName(@TempDir Path dir) throws IOException {
        Path f = file(dir);
        Reply reply = Reply.file(f).header("X-Request-Id", "rid-9");
        Files.delete(f);
        Recorded out = new Recorded();
        assertEquals(404, ReplyWriter.write(reply, "GET", out), "the status that left, for the registry to count");
        assertEquals(404, out.status);
        assertEquals("rid-9", out.headers.first("X-Request-Id"), "the replacement keeps the request's id");
        assertFalse(out.body.toString(StandardCharsets.UTF_8).contains("f.txt"));
    }

    @Test
    void aWholeFileIsSentAsItIsNow(@TempDir Path dir) throws IOException {
        Path f = file(dir);
        Recorded out = new Recorded();
        ReplyWriter.write(Reply.file(f), "GET", out);
        assertEquals("0123456789", out.body.toString(StandardCharsets.UTF_8));
        assertEquals("0+10", out.headers.first("X-Region"));
    }

    @Test
    void aStreamOfKnownLengthDeclaresIt() throws IOException {
        Recorded out = new Recorded();
        ReplyWriter.write(Reply.stream("text/plain", 3, o -> o.write(new byte[] {'a', 'b', 'c'})), "GET", out);
        assertEquals("3", out.headers.first("Content-Length"));
        assertEquals("abc", out.body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theReplysFieldsGoOverInOrderButItsContentLengthGivesWayToTheBodysOwn() throws IOException {
        Recorded plain = new Recorded();
        ReplyWriter.write(Reply.text("abc").addHeader("X-Kept", "1").addHeader("X-Kept", "2"), "GET", plain);
        assertEquals("[Content-Type, X-Kept, X-Kept]", names(plain.headers));
        Recorded declared = new Recorded();
        ReplyWriter.write(Reply.text("abc").header("Content-Length", "99").header("X-Kept", "1"), "GET", declared);
        assertEquals("[Content-Type, X-Kept]", names(declared.headers), "a length the reply carried is not passed on");
        assertEquals("abc", declared.body.toString(StandardCharsets.UTF_8));
    }

    private static String names(Headers headers) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            out.add(headers.name(i));
        }
        return out.toString();
    }
}
