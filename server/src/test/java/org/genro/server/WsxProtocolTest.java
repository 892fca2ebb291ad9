package org.genro.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WSX endpoint as a protocol peer, with raw frames: whatever valid message a client
 * sends, the socket stays open (a call gets its reply, anything else an error reply),
 * control frames keep working between fragments, and broken frames close with their code.
 * The engine's own frame tests cover every rule; these check that the endpoint on top of
 * it never turns a valid message into a close.
 */
class WsxProtocolTest {
    private static AsgiServer server;
    private static AsgiServer plain;

    @BeforeAll
    static void start() throws Exception {
        server = AsgiServer.builder().mount("desk", new WsxTest.Desk()).start();
        plain = AsgiServer.builder().mount("desk", new WsxTest.Desk()).set("server.ws_deflate", false).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        plain.close();
    }

    @Test
    void staysOpenForEveryValidMessageAndAnswersControlFramesBetweenFragments() throws Exception {
        try (Raw ws = Raw.open(server.port(), "")) {
            ws.send(0x81, "hello"); // text that is not a call
            assertTrue(ws.readText().contains("\"status\":400"));
            ws.send(0x82, new byte[] {0, 1, 2}); // binary
            assertTrue(ws.readText().contains("\"status\":400"));
            ws.send(0x81, ""); // empty text
            assertTrue(ws.readText().contains("\"status\":400"));
            ws.send(0x89, "ping!");
            Frame pong = ws.read();
            assertEquals(0x8a, pong.b0);
            assertEquals("ping!", pong.text());

            String call = "WSX://{\"id\":7,\"method\":\"GET\",\"path\":\"/desk/hello\",\"query\":{\"name\":\"frag\"}}";
            ws.send(0x01, call.substring(0, 10));
            ws.send(0x89, "between");
            ws.send(0x00, call.substring(10, 30));
            ws.send(0x00, call.substring(30, 31)); // fragments may be one byte
            ws.send(0x80, call.substring(31));
            Frame between = ws.read();
            assertEquals(0x8a, between.b0, "the pong for the ping between fragments");
            String reply = ws.readText();
            assertTrue(reply.contains("\"id\":7") && reply.contains("hello frag"), reply);

            String big = "x".repeat(65_535);
            ws.send(0x81, big);
            assertTrue(ws.readText().contains("\"status\":400"), "a 64 KiB text that is not a call is refused, not closed");

            ws.send(0x88, closePayload(1000, "bye"));
            Frame close = ws.read();
            assertEquals(0x88, close.b0);
            assertEquals(1000, close.code());
            assertTrue(ws.ended(), "the server closes TCP after the closing handshake");
        }
    }

    @Test
    void closesWithTheRuleBrokenByAFrame() throws Exception {
        for (var c : List.of(Map.entry(new byte[] {(byte) 0x81, 0x02, 'h', 'i'}, 1002), // unmasked
                Map.entry(Raw.frame(0x81, new byte[] {(byte) 0xce, (byte) 0xba, (byte) 0xe1, (byte) 0xbd, (byte) 0xb9,
                    (byte) 0xcf, (byte) 0x83, (byte) 0xce, (byte) 0xbc, (byte) 0xce, (byte) 0xb5, (byte) 0xed, (byte) 0xa0,
                    (byte) 0x80}), 1007), // a UTF-16 surrogate encoded in UTF-8
                Map.entry(Raw.frame(0x83, new byte[0]), 1002), // reserved opcode
                Map.entry(Raw.frame(0xc1, "x".getBytes(StandardCharsets.US_ASCII)), 1002), // RSV1, no deflate agreed
                Map.entry(Raw.frame(0x88, closePayload(999, "")), 1002))) {
            try (Raw ws = Raw.open(plain.port(), "")) {
                ws.out.write(c.getKey());
                Frame close = ws.read();
                assertEquals(0x88, close.b0);
                assertEquals((int) c.getValue(), close.code());
                assertTrue(ws.ended());
            }
        }
    }

    @Test
    void agreesToDeflateUnlessTheConfigSaysNo() throws Exception {
        String offer = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
        try (Raw on = Raw.open(server.port(), offer); Raw off = Raw.open(plain.port(), offer)) {
            assertTrue(on.head.contains("Sec-WebSocket-Extensions: permessage-deflate"), on.head);
            assertFalse(off.head.contains("Sec-WebSocket-Extensions"), off.head);
        }
    }

    @Test
    void repliesStayReadableUnderTheGzipLayerWhenTheHandshakeAcceptsGzip() throws Exception {
        try (AsgiServer gz = AsgiServer.builder().mount("desk", new WsxTest.Desk()).middleware("compression", true).start();
             Raw ws = Raw.open(gz.port(), "Accept-Encoding: gzip, deflate, br\r\n")) {
            String big = "y".repeat(4000); // well over the layer's threshold
            ws.send(0x81, "WSX://{\"id\":1,\"method\":\"POST\",\"path\":\"/desk/hello\",\"data\":{\"name\":\"" + big + "\"}}");
            String reply = ws.readText();
            assertTrue(reply.contains("hello " + big), "plain text, not base64 gzip: " + reply.substring(0, 80));
        }
    }

    @Test
    void shutdownClosesOpenSocketsWithGoingAway() throws Exception {
        AsgiServer own = AsgiServer.builder().mount("desk", new WsxTest.Desk()).set("server.shutdown_grace", "5s").start();
        try (Raw ws = Raw.open(own.port(), "")) {
            ws.send(0x81, "WSX://{\"id\":1,\"method\":\"GET\",\"path\":\"/desk/news\"}");
            assertTrue(ws.readText().contains("\"status\":200"));
            Thread closer = Thread.ofVirtual().start(own::close);
            Frame close = ws.read();
            assertEquals(1001, close.code());
            ws.out.write(Raw.frame(0x88, closePayload(1001, "")));
            closer.join(10_000);
            assertFalse(closer.isAlive(), "the server stopped once the socket answered its close");
        }
    }

    private static byte[] closePayload(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }

    /** One frame from the server. */
    private record Frame(int b0, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int code() {
            return payload.length < 2 ? -1 : (payload[0] & 0xff) << 8 | payload[1] & 0xff;
        }
    }

    /** A raw WebSocket client on {@code /_wsx}: masked frames out, frames read back as they are. */
    private static final class Raw implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final String head;

        private Raw(Socket socket, String head) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.head = head;
        }

        static Raw open(int port, String extra) throws IOException {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /_wsx HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + extra + "\r\n").getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("no handshake answer: " + head);
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (!text.startsWith("HTTP/1.1 101 ")) {
                throw new IOException("refused: " + text);
            }
            return new Raw(s, text);
        }

        static byte[] frame(int b0, byte[] payload) {
            int n = payload.length;
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(b0);
            if (n < 126) {
                f.write(0x80 | n);
            } else if (n < 65_536) {
                f.write(0x80 | 126);
                f.write(n >> 8);
                f.write(n);
            } else {
                f.write(0x80 | 127);
                for (int i = 7; i >= 0; i--) {
                    f.write((int) ((long) n >> (8 * i)));
                }
            }
            byte[] key = {0x11, 0x22, 0x33, 0x44};
            f.writeBytes(key);
            for (int i = 0; i < n; i++) {
                f.write(payload[i] ^ key[i & 3]);
            }
            return f.toByteArray();
        }

        void send(int b0, String text) throws IOException {
            send(b0, text.getBytes(StandardCharsets.UTF_8));
        }

        void send(int b0, byte[] payload) throws IOException {
            out.write(frame(b0, payload));
        }

        Frame read() throws IOException {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                throw new IOException("the server closed");
            }
            assertEquals(0, b1 & 0x80, "server frames are never masked");
            long n = b1 & 0x7f;
            if (n == 126) {
                n = in.read() << 8 | in.read();
            } else if (n == 127) {
                n = 0;
                for (int i = 0; i < 8; i++) {
                    n = n << 8 | in.read();
                }
            }
            return new Frame(b0, in.readNBytes((int) n));
        }

        /** The next whole text message (fragments joined). */
        String readText() throws IOException {
            Frame f = read();
            assertEquals(0x81, f.b0, "one whole text frame (the server never fragments)");
            return f.text();
        }

        /** Whether the server ended the connection: end of stream within the socket timeout. */
        boolean ended() throws IOException {
            try {
                return in.read() < 0;
            } catch (java.net.SocketException e) {
                return true; // reset: ended as well
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
