package org.genro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Raw WebSocket frames for tests: client frames built byte by byte (masked, any bits,
 * any length form), and server frames read back strictly (never masked).
 */
final class WsFrames {
    /** The mask key of every client frame unless a test picks another. */
    static final int KEY = 0x37fa213d;

    private WsFrames() {
    }

    /** One frame as the server sent it. */
    record Frame(int b0, byte[] payload) {
        int opcode() {
            return b0 & 0x0f;
        }

        boolean fin() {
            return (b0 & 0x80) != 0;
        }

        boolean rsv1() {
            return (b0 & 0x40) != 0;
        }

        /** The close code, or -1 for an empty close. */
        int closeCode() {
            return payload.length < 2 ? -1 : (payload[0] & 0xff) << 8 | payload[1] & 0xff;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return String.format("%02x", b0) + ":" + (payload.length <= 32 ? HexFormat.of().formatHex(payload) : payload.length + " bytes");
        }
    }

    /** A masked client frame with the minimal length form. */
    static byte[] frame(int b0, byte[] payload) {
        return frame(b0, payload, KEY, -1);
    }

    static byte[] frame(int b0, String utf8) {
        return frame(b0, utf8(utf8));
    }

    /** A masked client frame; {@code lengthForm} 0, 126 or 127 forces a length encoding, -1 picks the shortest. */
    static byte[] frame(int b0, byte[] payload, int key, int lengthForm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int n = payload.length;
        int form = lengthForm >= 0 ? lengthForm : n <= 125 ? 0 : n <= 0xffff ? 126 : 127;
        if (form == 0) {
            out.write(0x80 | n);
        } else if (form == 126) {
            out.write(0x80 | 126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) n >>> shift));
            }
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(key >>> shift);
        }
        for (int i = 0; i < n; i++) {
            out.write(payload[i] ^ key >>> (24 - 8 * (i & 3)));
        }
        return out.toByteArray();
    }

    static byte[] text(String s) {
        return frame(0x81, s);
    }

    static byte[] ping(String s) {
        return frame(0x89, s);
    }

    /** A client close frame with a code and reason. */
    static byte[] close(int code, String reason) {
        return frame(0x88, closePayload(code, reason));
    }

    static byte[] closePayload(int code, String reason) {
        byte[] r = utf8(reason);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }

    /** An unmasked server frame, for expected output. */
    static byte[] server(int b0, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int n = payload.length;
        if (n <= 125) {
            out.write(n);
        } else if (n <= 0xffff) {
            out.write(126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) n >>> shift));
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] server(int b0, String utf8) {
        return server(b0, utf8(utf8));
    }

    static byte[] serverClose(int code) {
        return server(0x88, closePayload(code, ""));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Server frames parsed from {@code bytes}, which must hold whole frames only. */
    static List<Frame> parse(byte[] bytes) throws IOException {
        List<Frame> frames = new ArrayList<>();
        InputStream in = new java.io.ByteArrayInputStream(bytes);
        while (in.available() > 0) {
            frames.add(read(in));
        }
        return frames;
    }

    /** Reads one server frame; fails on a masked one. */
    static Frame read(InputStream in) throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
            throw new EOFException("no frame");
        }
        assertEquals(0, b1 & 0x80, "server frames are never masked");
        long n = b1 & 0x7f;
        if (n == 126) {
            n = (in.read() << 8) | in.read();
        } else if (n == 127) {
            n = 0;
            for (int i = 0; i < 8; i++) {
                n = n << 8 | in.read();
            }
        }
        byte[] payload = in.readNBytes((int) n);
        if (payload.length != n) {
            throw new EOFException("frame cut short");
        }
        return new Frame(b0, payload);
    }

    /** What a client compressing with permessage-deflate sends: raw deflate, sync flush, tail removed. */
    static byte[] deflate(byte[] data) {
        return deflate(new Deflater(Deflater.DEFAULT_COMPRESSION, true), data);
    }

    /** Same, with a deflater the caller keeps (context carried between messages). */
    static byte[] deflate(Deflater d, byte[] data) {
        d.setInput(data);
        byte[] out = new byte[data.length + data.length / 8 + 64];
        int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        return java.util.Arrays.copyOf(out, n - 4);
    }

    /** What a client does with a compressed server message. */
    static byte[] inflate(byte[] compressed) throws IOException {
        Inflater inf = new Inflater(true);
        inf.setInput(concat(compressed, hex("0000ffff")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = inf.inflate(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new IOException(e);
        }
        inf.end();
        return out.toByteArray();
    }
}
