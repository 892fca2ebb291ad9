package org.genro.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Response#addHeaders}: a whole list of fields handed over at once reaches the wire
 * in order, and its framing fields follow the same rules as one {@code addHeader} at a time.
 */
@Timeout(30) // a copy of a list into itself that never ends must fail, not hang the build
class ResponseFieldsTest {
    private HttpServer server;
    private final BlockingQueue<String> failures = new ArrayBlockingQueue<>(4);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.builder().port(0).handler((req, res) -> {
            Headers list = new Headers();
            switch (req.path()) {
                case "/list" -> list.add("X-A", "1").add("X-B", "two words").add("X-A", "3").add("X-Obs", "caf\u00e9");
                case "/close" -> list.add("X-A", "1").add("Connection", "close");
                case "/length" -> list.add("Content-Length", "99");
                case "/chunked" -> list.add("Transfer-Encoding", "chunked");
                case "/own" -> res.addHeader("X-Own", "1").addHeader("X-Own", "2");
                default -> { }
            }
            try {
                res.addHeaders(req.path().equals("/own") ? res.headers() : list);
            } catch (IllegalArgumentException e) {
                failures.add(e.getMessage());
                throw e;
            }
            res.send("ok");
        }).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The response head without its Date line, and whether the server closed after it. */
    private String exchange(String path) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n").getBytes(ISO_8859_1));
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all); // the client has said all it will: the server closes once it has answered
            String text = all.toString(ISO_8859_1);
            StringBuilder kept = new StringBuilder();
            for (String line : text.split("\r\n", -1)) {
                if (!line.startsWith("Date: ")) {
                    kept.append(line).append('|');
                }
            }
            return kept.toString();
        }
    }

    @Test
    void aListArrivesInOrderWithRepeatedNamesAndObsTextKept() throws IOException {
        assertEquals("HTTP/1.1 200 OK|X-A: 1|X-B: two words|X-A: 3|X-Obs: caf\u00e9|Content-Type: text/plain; charset=utf-8|"
                + "Content-Length: 2||ok|", exchange("/list"));
    }

    @Test
    void connectionCloseInTheListClosesAsAddHeaderWould() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            // two requests pipelined: the first asks to close, so the second is never answered
            s.getOutputStream().write("GET /close HTTP/1.1\r\nHost: a\r\n\r\nGET /list HTTP/1.1\r\nHost: a\r\n\r\n"
                    .getBytes(ISO_8859_1));
            String text = new String(s.getInputStream().readAllBytes(), ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n"), text);
            assertTrue(text.contains("\r\nConnection: close\r\n"), text);
            assertEquals(1, text.split("HTTP/1.1 ", -1).length - 1, "one response, then the close: " + text);
        }
    }

    @Test
    void aContentLengthInTheListIsTheDeclaredLengthNotAField() throws IOException {
        // declared 99, sent 2: the engine writes the body's own length, as for addHeader
        assertEquals("HTTP/1.1 200 OK|Content-Type: text/plain; charset=utf-8|Content-Length: 2||ok|",
                exchange("/length"));
    }

    @Test
    void aTransferEncodingInTheListIsRefusedAsAddHeaderRefusesIt() throws Exception {
        String reply = exchange("/chunked");
        assertTrue(reply.startsWith("HTTP/1.1 500 "), reply);
        assertEquals("Transfer-Encoding is chosen by the server", failures.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void theResponsesOwnFieldsAddedToItselfAreCopiedOnceNotForever() throws IOException {
        assertEquals("HTTP/1.1 200 OK|X-Own: 1|X-Own: 2|X-Own: 1|X-Own: 2|Content-Type: text/plain; charset=utf-8|"
                + "Content-Length: 2||ok|", exchange("/own"));
    }
}
