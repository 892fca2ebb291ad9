package org.genro.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import org.genro.http.Headers;
import org.genro.http.Response;
import org.genro.server.exchange.Reply;

/**
 * Writes a finished {@link Reply} to the engine's response: status, headers, then the
 * body as one buffer, a file streamed with its length, or a writer streamed chunked.
 * HEAD replies get the headers only; the engine drops body bytes for them.
 */
final class ReplyWriter {
    private ReplyWriter() {
    }

    static void write(Reply reply, String method, Response response) throws IOException {
        response.status(reply.status() < 200 ? 500 : reply.status());
        Headers h = reply.headers();
        for (int i = 0; i < h.size(); i++) {
            String name = h.name(i);
            if (!name.equalsIgnoreCase("Content-Length")) {
                response.addHeader(name, h.value(i));
            }
        }
        if (reply.body() != null) {
            response.send(reply.body());
        } else if (reply.file() != null) {
            long size = Files.size(reply.file());
            response.header("Content-Length", Long.toString(size));
            try (OutputStream out = response.stream()) {
                if (!method.equals("HEAD")) {
                    try (InputStream in = Files.newInputStream(reply.file())) {
                        in.transferTo(out);
                    }
                }
            }
        } else {
            try (OutputStream out = response.stream()) {
                if (!method.equals("HEAD")) {
                    reply.writer().writeTo(out);
                }
            }
        }
    }
}
