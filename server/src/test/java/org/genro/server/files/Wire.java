package org.genro.server.files;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte-exact HTTP/1.1 client over a loopback socket for the static app's tests: it sends
 * exactly the bytes given (raw request targets included) and reads each response
 * strictly, so a test sees the status, every field and the body as they came.
 */
final class Wire implements AutoCloseable {
    /** One response as read off the wire. */
    record Response(int status, List<String[]> fields, byte[] body) {
        /** The first value of a field, or null. */
        String header(String name) {
            for (String[] f : fields) {
                if (f[0].equalsIgnoreCase(name)) {
                    return f[1];
                }
            }
            return null;
        }

        /** How many fields have this name. */
        int count(String name) {
            return (int) fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).count();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Wire(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends {@code method target} with Host and the given fields ("Name: value"), and reads the answer. */
    static Response exchange(int port, String method, String target, String... fields) throws IOException {
        try (Wire w = new Wire(port)) {
            return w.request(method, target, fields);
        }
    }

    Response request(String method, String target, String... fields) throws IOException {
        StringBuilder sb = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String f : fields) {
            sb.append(f).append("\r\n");
        }
        send(sb.append("\r\n").toString());
        return read(method.equals("HEAD"));
    }

    Wire send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    Response read(boolean head) throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("the server closed without answering");
        }
        List<String[]> fields = new ArrayList<>();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            fields.add(new String[] {l.substring(0, colon), l.substring(colon + 1).strip()});
        }
        int code = Integer.parseInt(status.substring(9, 12));
        Response r = new Response(code, fields, new byte[0]);
        if (head || code == 204 || code == 304) {
            return r;
        }
        String length = r.header("Content-Length");
        byte[] body = "chunked".equalsIgnoreCase(r.header("Transfer-Encoding")) ? chunked()
                : length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
        return new Response(code, fields, body);
    }

    /** Whether the server closed the connection (end of stream within the timeout). */
    boolean closed() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size; (size = Integer.parseInt(line().split(";")[0].strip(), 16)) > 0; line()) {
            body.write(in.readNBytes(size));
        }
        while (!line().isEmpty()) {
            // trailers
        }
        return body.toByteArray();
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                String s = b.toString(ISO_8859_1);
                if (!s.endsWith("\r")) {
                    throw new IOException("a line without CRLF");
                }
                return s.substring(0, s.length() - 1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
