package org.genro.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A byte-exact WebSocket client over a loopback socket: sends a handshake and raw
 * frames, reads the exact response head and the server's frames. Every read is bounded
 * by a socket timeout.
 */
final class WsClient implements AutoCloseable {
    /** The example key of RFC 6455 §1.3 and the accept value it must produce. */
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    WsClient(int port) throws IOException {
        this(port, 0);
    }

    /** With {@code receiveBuffer} > 0, a small receive buffer, set before connecting. */
    WsClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.setSoTimeout(5_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A valid handshake request for {@code path} with extra header lines (each ending in CRLF). */
    static String request(String path, String extra) {
        return "GET " + path + " HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extra + "\r\n";
    }

    /** Sends a valid handshake and returns the response head, up to and including its empty line. */
    String handshake(String path, String extra) throws IOException {
        send(request(path, extra).getBytes(ISO_8859_1));
        return head();
    }

    WsClient send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
        return this;
    }

    /** The response head as sent, CRLFs included. */
    String head() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            byte[] s = b.toByteArray();
            int n = s.length;
            if (n >= 4 && s[n - 4] == '\r' && s[n - 3] == '\n' && s[n - 2] == '\r' && s[n - 1] == '\n') {
                return new String(s, ISO_8859_1);
            }
        }
        throw new IOException("connection closed inside a response head: " + b.toString(ISO_8859_1));
    }

    WsFrames.Frame read() throws IOException {
        return WsFrames.read(in);
    }

    InputStream input() {
        return in;
    }

    /** Whether the server closed: end of stream (or a reset) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
