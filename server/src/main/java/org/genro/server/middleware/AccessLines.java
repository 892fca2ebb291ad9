package org.genro.server.middleware;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.genro.http.Headers;
import org.genro.server.config.Secrets;
import org.genro.server.exchange.Avatar;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Reply;

/**
 * The access log's three line formats. Each line is built in one pass into a
 * {@code StringBuilder}: no {@code String.format}, and the time's text made once a second,
 * since a formatter per request costs as much as the rest of the line.
 */
final class AccessLines {
    private static final DateTimeFormatter ISO_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter COMBINED_SECOND = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss '+0000'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The text of one second in both forms. */
    private record Second(long epoch, String iso, String combined) {
    }

    private static volatile Second second = new Second(-1, "", "");

    private AccessLines() {
    }

    private static Second second(long epoch) {
        Second s = second;
        if (s.epoch != epoch) {
            Instant at = Instant.ofEpochSecond(epoch);
            s = new Second(epoch, ISO_SECOND.format(at), COMBINED_SECOND.format(at));
            second = s;
        }
        return s;
    }

    /** {@code 2026-12-05T15:50:00.123Z}: the time, to the millisecond, in UTC. */
    static void isoTime(StringBuilder sb, long millis) {
        sb.append(second(Math.floorDiv(millis, 1000)).iso());
        int ms = (int) Math.floorMod(millis, 1000);
        sb.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10)).append('Z');
    }

    static String text(Exchange exchange, int status, Throwable error, AccessLog.Options options, boolean timed) {
        StringBuilder sb = new StringBuilder(160);
        if (timed) {
            isoTime(sb, System.currentTimeMillis());
            sb.append(' ');
        }
        sb.append("access method=").append(exchange.method()).append(" path=").append(exchange.path());
        String query = exchange.request().query();
        if (options.includeQuery() && query != null && !query.isEmpty()) {
            sb.append('?').append(query);
        }
        sb.append(" status=").append(status).append(" ms=");
        millis(sb, exchange.elapsedNanos());
        sb.append(" remote=").append(remote(exchange.request().remoteAddress())).append(" id=").append(exchange.requestId());
        if (error != null) {
            sb.append(" error=").append(error.getClass().getName());
        }
        if (options.includeHeaders()) {
            Headers headers = exchange.request().headers();
            sb.append(" headers={");
            for (int i = 0; i < headers.size(); i++) {
                String name = headers.name(i);
                sb.append(i == 0 ? "" : ", ").append(name).append(": ").append(Secrets.isSecret(name) ? "***" : headers.value(i));
            }
            sb.append('}');
        }
        return sb.toString();
    }

    static String combined(Exchange exchange, int status, Reply reply, AccessLog.Options options) {
        StringBuilder sb = new StringBuilder(200);
        sb.append(remote(exchange.request().remoteAddress())).append(" - ");
        Avatar who = exchange.avatarIfKnown();
        quoted(sb, who == null ? "-" : who.identity());
        sb.append(" [").append(second(Math.floorDiv(System.currentTimeMillis(), 1000)).combined()).append("] \"");
        quoted(sb, exchange.method() + " " + exchange.path() + query(exchange, options) + " " + exchange.request().version());
        sb.append("\" ").append(status).append(' ');
        long bytes = bytes(exchange, reply);
        if (bytes < 0) {
            sb.append('-');
        } else {
            sb.append(bytes);
        }
        sb.append(" \"");
        quoted(sb, exchange.header("Referer") == null ? "-" : exchange.header("Referer"));
        sb.append("\" \"");
        quoted(sb, exchange.header("User-Agent") == null ? "-" : exchange.header("User-Agent"));
        sb.append("\" \"");
        quoted(sb, exchange.requestId());
        return sb.append('"').toString();
    }

    static String json(Exchange exchange, int status, Reply reply, Throwable error, AccessLog.Options options) {
        StringBuilder sb = new StringBuilder(240).append("{\"time\":\"");
        isoTime(sb, System.currentTimeMillis());
        sb.append("\",\"id\":");
        string(sb, exchange.requestId());
        sb.append(",\"method\":");
        string(sb, exchange.method());
        sb.append(",\"path\":");
        string(sb, exchange.path());
        String query = exchange.request().query();
        if (options.includeQuery() && query != null && !query.isEmpty()) {
            sb.append(",\"query\":");
            string(sb, query);
        }
        sb.append(",\"status\":").append(status).append(",\"ms\":");
        millis(sb, exchange.elapsedNanos());
        sb.append(",\"remote\":");
        string(sb, remote(exchange.request().remoteAddress()));
        Avatar who = exchange.avatarIfKnown();
        if (who != null) {
            sb.append(",\"user\":");
            string(sb, who.identity());
        }
        long bytes = bytes(exchange, reply);
        if (bytes >= 0) {
            sb.append(",\"bytes\":").append(bytes);
        }
        if (error != null) {
            sb.append(",\"error\":");
            string(sb, error.getClass().getName());
        }
        if (options.includeHeaders()) {
            Headers headers = exchange.request().headers();
            sb.append(",\"headers\":{");
            for (int i = 0; i < headers.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                string(sb, headers.name(i));
                sb.append(':');
                string(sb, Secrets.isSecret(headers.name(i)) ? "***" : headers.value(i));
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    private static String query(Exchange exchange, AccessLog.Options options) {
        String query = exchange.request().query();
        return options.includeQuery() && query != null && !query.isEmpty() ? "?" + query : "";
    }

    /** Body bytes of the reply, as far as known before it is written: -1 when unknown (an error, a stream). */
    private static long bytes(Exchange exchange, Reply reply) {
        if (reply == null) {
            return -1;
        }
        if (exchange.method().equals("HEAD")) {
            return 0;
        }
        if (reply.buffered()) {
            return reply.body().length;
        }
        return reply.region() != null ? reply.region().length() : reply.streamLength();
    }

    /** Milliseconds with two decimals, rounded: {@code 1.42}. */
    static void millis(StringBuilder sb, long nanos) {
        long hundredths = (Math.max(0, nanos) + 5_000) / 10_000;
        sb.append(hundredths / 100).append('.');
        long rest = hundredths % 100;
        sb.append((char) ('0' + rest / 10)).append((char) ('0' + rest % 10));
    }

    // The IP, never a host name: a reverse DNS lookup per request would stall the log.
    static String remote(InetSocketAddress address) {
        if (address == null) {
            return "-";
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    /** Appends {@code value} as nginx does inside quotes: quote, backslash and control bytes as \\xHH. */
    private static void quoted(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f) {
                if (c > 0xff) {
                    sb.append(c); // beyond Latin-1 (a decoded identity): kept, it cannot end the field
                    continue;
                }
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                sb.append(c);
            }
        }
    }

    /** Appends {@code value} as a JSON string, escaped by Jackson's encoder. */
    private static void string(StringBuilder sb, String value) {
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, sb);
        sb.append('"');
    }
}
