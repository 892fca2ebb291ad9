package org.genro.http.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.genro.http.wire.HeadParser;
import org.genro.http.wire.PartialHead;
import org.genro.http.wire.ProtocolException;
import org.genro.http.wire.RequestHead;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing one complete request head, as the connection does once the end of the head
 * is found. {@code scanOnly} is the baseline: finding the end of the head, the least
 * any parser must do with the same bytes. Run with {@code -prof gc} for bytes per op.
 *
 * <p>{@code parse} does what a connection does for each request: one {@link PartialHead}
 * per connection, reset per head, and field values left in the bytes until read.
 * {@code parseFirst} adds what the first request on a connection pays (a new
 * {@code PartialHead}), and {@code parseAndRead} a handler that reads three values.
 *
 * <p>The requests are what real clients send: a Chrome page load (17 fields), a JSON
 * API call with a bearer token, and wrk's minimal request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeadParserBench {
    static final String BROWSER = "GET /static/app/main.3f9c2a.js?v=20251130 HTTP/1.1\r\n"
            + "Host: www.example.com\r\n"
            + "Connection: keep-alive\r\n"
            + "sec-ch-ua: \"Chromium\";v=\"142\", \"Not_A Brand\";v=\"24\"\r\n"
            + "sec-ch-ua-mobile: ?0\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36\r\n"
            + "sec-ch-ua-platform: \"Linux\"\r\n"
            + "Accept: */*\r\n"
            + "Sec-Fetch-Site: same-origin\r\n"
            + "Sec-Fetch-Mode: no-cors\r\n"
            + "Sec-Fetch-Dest: script\r\n"
            + "Referer: https://www.example.com/dashboard/overview\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Accept-Language: en-GB,en-US;q=0.9,en;q=0.8,it;q=0.7\r\n"
            + "Cookie: session=4f2b9c0e8d7a6b5c4d3e2f1a0b9c8d7e; theme=dark; _ga=GA1.1.123456789.1700000000\r\n"
            + "If-None-Match: \"5d8c72a5edda8d6a\"\r\n"
            + "If-Modified-Since: Sat, 29 Nov 2025 10:00:00 GMT\r\n"
            + "Priority: u=1\r\n"
            + "\r\n";
    static final String API = "POST /api/v1/orders/42/items?expand=product HTTP/1.1\r\n"
            + "Host: api.example.com\r\n"
            + "User-Agent: okhttp/4.12.0\r\n"
            + "Accept: application/json\r\n"
            + "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl\r\n"
            + "Content-Type: application/json; charset=utf-8\r\n"
            + "Content-Length: 48\r\n"
            + "X-Request-Id: 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\r\n"
            + "Accept-Encoding: gzip\r\n"
            + "\r\n";
    static final String WRK = "GET /plaintext HTTP/1.1\r\nHost: localhost:8080\r\n\r\n";

    @Param({"browser", "api", "wrk"})
    public String request;

    private byte[] bytes;
    private final HeadParser parser = new HeadParser(8 * 1024, 100);
    private final PartialHead connection = parser.partial();

    @Setup
    public void setUp() {
        String raw = switch (request) {
            case "browser" -> BROWSER;
            case "api" -> API;
            default -> WRK;
        };
        bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The whole parse, as a connection does it: request line, fields, framing and Host rules. */
    @Benchmark
    public RequestHead parse() throws ProtocolException {
        return parser.parse(connection, bytes, 0, bytes.length);
    }

    /** The same, with the per-connection state made fresh, as for a connection's first request. */
    @Benchmark
    public RequestHead parseFirst() throws ProtocolException {
        return parser.parse(bytes, 0, bytes.length);
    }

    /**
     * The parse, then the values a typical chain reads: the first three fields after Host
     * (for the browser request: Connection, sec-ch-ua, sec-ch-ua-mobile), each a String made
     * on first read.
     */
    @Benchmark
    public int parseAndRead() throws ProtocolException {
        RequestHead head = parser.parse(connection, bytes, 0, bytes.length);
        int n = Math.min(head.fieldCount(), 4);
        int length = 0;
        for (int i = 1; i < n; i++) {
            length += head.value(i).length();
        }
        return length;
    }

    /** Baseline: find the empty line that ends the head, byte by byte, as the reader does. */
    @Benchmark
    public int scanOnly() {
        byte[] b = bytes;
        for (int i = 2; i < b.length; i++) {
            if (b[i] == '\n' && (b[i - 1] == '\n' || b[i - 1] == '\r' && b[i - 2] == '\n')) {
                return i + 1;
            }
        }
        return -1;
    }
}
