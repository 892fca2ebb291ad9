package org.genro.server.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.genro.server.config.ConfigException;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log's formats, its file writer, and its options. */
class AccessFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AccessLog.Options options(AccessLog.Format format, boolean query) {
        return new AccessLog.Options(Level.INFO, query, false, format, "logger");
    }

    @Test
    void textLinesStartWithTheTimeWhenNoLoggerStampsThem() {
        Exchange exchange = TestRequest.get("/a").exchange();
        exchange.requestId("rid-1");
        AccessLog timed = new AccessLog(new AccessLog.Options(Level.INFO, false, false, AccessLog.Format.TEXT, "stderr"));
        String line = timed.line(exchange, 200, Reply.ok(), null);
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z access method=GET path=/a status=200 "
                + "ms=\\d+\\.\\d\\d remote=203\\.0\\.113\\.7 id=rid-1"), line);
    }

    @Test
    void combinedIsNginxsFormatWithTheRequestIdLastAndEveryQuoteEscaped() {
        Exchange exchange = TestRequest.of("POST", "/shop/buy?token=s3cret").header("Referer", "https://x.example/")
                .header("User-Agent", "evil\" \"agent\\").exchange();
        exchange.requestId("rid-2");
        String line = new AccessLog(options(AccessLog.Format.COMBINED, false), new AccessLogTest.Recorder(Level.TRACE))
                .line(exchange, 201, Reply.text("ok"), null);
        assertTrue(line.matches("203\\.0\\.113\\.7 - - \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000\\] "
                + "\"POST /shop/buy HTTP/1\\.1\" 201 2 \"https://x\\.example/\" \"evil\\\\x22 \\\\x22agent\\\\x5c\" \"rid-2\""), line);
        assertFalse(line.contains("s3cret"), "no query unless asked");
    }

    @Test
    void jsonIsOneObjectPerLineThatAnyReaderParses() throws Exception {
        Exchange exchange = TestRequest.get("/a?b=1").header("Authorization", "Bearer s3cret").exchange();
        exchange.requestId("rid-\"3\"\n");
        AccessLog log = new AccessLog(new AccessLog.Options(Level.INFO, true, true, AccessLog.Format.JSON, "logger"),
                new AccessLogTest.Recorder(Level.TRACE));
        String line = log.line(exchange, 404, Reply.of(404).body(new byte[7]), null);
        assertFalse(line.contains("\n"), line);
        JsonNode node = JSON.readTree(line);
        assertEquals("rid-\"3\"\n", node.get("id").asText());
        assertEquals("GET", node.get("method").asText());
        assertEquals("/a", node.get("path").asText());
        assertEquals("b=1", node.get("query").asText());
        assertEquals(404, node.get("status").asInt());
        assertEquals(7, node.get("bytes").asInt());
        assertEquals("***", node.get("headers").get("Authorization").asText());
        assertFalse(line.contains("s3cret"));
        assertTrue(node.get("time").asText().endsWith("Z"));
    }

    @Test
    void millisecondsAreRoundedToTwoDecimals() {
        StringBuilder sb = new StringBuilder();
        AccessLines.millis(sb, 1_424_999);
        sb.append(' ');
        AccessLines.millis(sb, 1_425_000);
        sb.append(' ');
        AccessLines.millis(sb, 0);
        sb.append(' ');
        AccessLines.millis(sb, 12_345_678_901L);
        assertEquals("1.42 1.43 0.00 12345.68", sb.toString());
    }

    /** Many threads log at once: every line reaches the file whole, none lost, none torn. */
    @Test
    void theFileWriterLosesNoLineAndTearsNone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/access.log");
        LogWriter writer = LogWriter.file(file);
        int threads = 8;
        int each = 5_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            started.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    writer.write("thread=" + id + " line=" + i + " " + "x".repeat(i % 300));
                }
            }));
        }
        go.countDown();
        for (Thread t : started) {
            t.join();
        }
        assertTrue(writer.flush(Duration.ofSeconds(30)), "flushed in time");
        List<String> lines = Files.readAllLines(file);
        assertEquals(threads * each, lines.size());
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            assertTrue(line.matches("thread=\\d line=\\d+ x*"), line);
            assertTrue(seen.add(line.substring(0, line.indexOf(' ', 9))), "no line twice: " + line);
        }
        assertEquals(LogWriter.file(file), writer, "one writer per file in the process");
    }

    @Test
    void badOptionsAreNamed(@TempDir Path dir) {
        ConfigException format = assertThrows(ConfigException.class,
                () -> AccessLog.Options.read(Map.of("format", "apache"), "middleware.logging", ConfigException::new, dir));
        assertTrue(format.getMessage().startsWith("middleware.logging.format"), format.getMessage());
        ConfigException to = assertThrows(ConfigException.class,
                () -> AccessLog.Options.read(Map.of("to", " "), "middleware.logging", ConfigException::new, dir));
        assertTrue(to.getMessage().startsWith("middleware.logging.to"), to.getMessage());
        AccessLog.Options relative = AccessLog.Options.read(Map.of("to", "logs/a.log"), "middleware.logging",
                ConfigException::new, dir);
        assertEquals(dir.resolve("logs/a.log").toAbsolutePath().normalize().toString(), relative.to(),
                "a relative file is taken from the server directory");
    }
}
