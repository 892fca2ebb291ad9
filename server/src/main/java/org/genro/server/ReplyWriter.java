package org.genro.server;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import org.genro.http.Headers;
import org.genro.http.Response;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.Reply;

/**
 * Writes a finished {@link Reply} to the engine's response: status, headers, then the
 * body as one buffer, a file region handed to the engine (which sends it by transferTo
 * where it can), or a writer streamed, with its length when it declared one, else chunked.
 * HEAD replies get the headers only; the engine drops body bytes for them.
 *
 * <p>A file is opened here, at the last moment, and sent only if it is still the version
 * the reply was made from; otherwise the client is told to try again (503) rather than
 * given the bytes of one version under the validators of another.
 */
final class ReplyWriter {
    private static final System.Logger LOG = System.getLogger("org.genro.server.reply");

    private ReplyWriter() {
    }

    /**
     * Writes {@code reply} and returns the status that left: a file reply whose file is
     * gone, unreadable or changed since becomes a 404, 403 or 503, and the registry counts
     * what the client got.
     */
    static int write(Reply reply, String method, Response response) throws IOException {
        if (reply.region() != null) {
            return writeFile(reply, reply.region(), method, response);
        }
        head(reply, response);
        if (reply.body() != null) {
            response.send(reply.body());
            return response.status();
        }
        if (reply.streamLength() >= 0) {
            response.header("Content-Length", Long.toString(reply.streamLength()));
        }
        try (OutputStream out = response.stream()) {
            if (!method.equals("HEAD")) {
                reply.writer().writeTo(out);
            }
        }
        return response.status();
    }

    private static void head(Reply reply, Response response) {
        response.status(reply.status() < 200 ? 500 : reply.status());
        Headers h = reply.headers();
        if (!h.contains("Content-Length")) {
            response.addHeaders(h); // the usual case: the list goes over whole, its fields already checked
            return;
        }
        for (int i = 0; i < h.size(); i++) {
            String name = h.name(i);
            if (!name.equalsIgnoreCase("Content-Length")) { // the body's own length is written instead
                response.addHeader(name, h.value(i));
            }
        }
    }

    private static int writeFile(Reply reply, Reply.FileRegion region, String method, Response response)
            throws IOException {
        FileChannel file;
        try {
            file = FileChannel.open(region.file());
        } catch (NoSuchFileException e) {
            return write(instead(reply, Failure.answer(null, 404, "nothing is served at this path")), method, response);
        } catch (AccessDeniedException e) {
            return write(instead(reply, Failure.answer(null, 403, "this file may not be read")), method, response);
        }
        try (file) {
            BasicFileAttributes now = Files.readAttributes(region.file(), BasicFileAttributes.class);
            long size = file.size();
            long length = region.length() < 0 ? size - region.offset() : region.length();
            if (!region.matches(now) || length < 0 || region.offset() > size - length) {
                LOG.log(Level.DEBUG, "a file changed between the reply and its sending; answered 503");
                Reply retry = Failure.answer(null, 503, "the file changed while it was being served; try again");
                return write(instead(reply, retry.header("Retry-After", "0")), method, response);
            }
            head(reply, response);
            response.send(file, region.offset(), length);
            return response.status();
        }
    }

    /** {@code failure} sent in place of {@code reply}, keeping the request's id. */
    private static Reply instead(Reply reply, Reply failure) {
        String id = reply.headers().first("X-Request-Id");
        return id == null ? failure : failure.header("X-Request-Id", id);
    }
}
