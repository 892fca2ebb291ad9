package org.genro.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.genro.http.wire.HeadParser;
import org.genro.http.wire.ProtocolException;
import org.genro.http.wire.RequestHead;
import org.genro.http.wire.Violation;

/**
 * Feeds raw bytes, cut into pieces, through the same {@link RequestReader} a
 * connection uses, and records what came out: the requests read, then how the input
 * ended. Stops after a request that does not keep the connection open, as the
 * connection would.
 */
final class Replay {
    /**
     * One request as read: head, its fields, and the whole decoded body. The fields are
     * read after the body, as a handler may read them, so a body read that moves the
     * buffer under a head is covered by every replay.
     */
    record Message(RequestHead head, List<String> names, List<String> values, String body, Headers trailers) {
        String header(String name) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(name)) {
                    return values.get(i);
                }
            }
            return null;
        }

        String name(int i) {
            return names.get(i);
        }

        String value(int i) {
            return values.get(i);
        }
    }

    /** How the input ended. */
    enum End { CLEAN, INCOMPLETE, REJECTED, CLOSED_AFTER_REQUEST }

    /** Everything a replay produced. */
    record Result(List<Message> messages, End end, Violation violation) {
        @Override
        public String toString() {
            return messages.size() + " message(s), " + end + (violation == null ? "" : " " + violation);
        }
    }

    private Replay() {
    }

    static Result run(byte[] raw, int[] cuts, Limits limits) {
        Watch watch = new Watch(limits);
        HeadParser parser = new HeadParser(limits.requestLine(), limits.headerCount());
        InputBuffer in = new InputBuffer(new Pieces(raw, cuts), watch, limits, parser);
        RequestReader reader = new RequestReader(in, parser, limits, watch);
        List<Message> out = new ArrayList<>();
        try {
            while (true) {
                RequestHead head = reader.next();
                if (head == null) {
                    return new Result(out, End.CLEAN, null);
                }
                BodyInput body = reader.body(head);
                byte[] bytes;
                try {
                    bytes = body.readAllBytes();
                } catch (BodyException e) {
                    throw body.failure(); // the handler sees the public form; the rule is kept here
                }
                Headers trailers = body instanceof ChunkedInput c ? c.trailers() : new Headers(0);
                List<String> names = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (int i = 0; i < head.fieldCount(); i++) {
                    names.add(head.name(i));
                    values.add(head.value(i));
                }
                out.add(new Message(head, names, values, new String(bytes, ISO_8859_1), trailers));
                if (!head.keepAlive()) {
                    return new Result(out, End.CLOSED_AFTER_REQUEST, null);
                }
            }
        } catch (ProtocolException e) {
            Violation v = e.violation();
            boolean eof = v == Violation.BODY_TRUNCATED;
            return new Result(out, eof ? End.INCOMPLETE : End.REJECTED, eof ? null : v);
        } catch (EOFException e) {
            return new Result(out, End.INCOMPLETE, null);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Result whole(byte[] raw) {
        return run(raw, new int[0], Limits.defaults());
    }

    static Result whole(String raw) {
        return whole(raw.getBytes(ISO_8859_1));
    }

    /** Cut points for one-byte-at-a-time delivery. */
    static int[] everyByte(int length) {
        int[] cuts = new int[Math.max(0, length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return cuts;
    }

    /** An input stream that hands out {@code raw} in the pieces between the cuts. */
    static final class Pieces extends InputStream {
        private final byte[] raw;
        private final int[] cuts;
        private int pos;
        private int next;

        Pieces(byte[] raw, int[] cuts) {
            this.raw = raw;
            this.cuts = cuts;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == raw.length) {
                return -1;
            }
            while (next < cuts.length && cuts[next] <= pos) {
                next++;
            }
            int pieceEnd = next < cuts.length ? cuts[next] : raw.length;
            int n = Math.min(len, pieceEnd - pos);
            System.arraycopy(raw, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
