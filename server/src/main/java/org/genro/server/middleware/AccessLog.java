package org.genro.server.middleware;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import org.genro.http.Headers;
import org.genro.server.config.ConfigException;
import org.genro.server.config.Secrets;
import org.genro.server.config.Section;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Middleware;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Reply;

/**
 * The access log ({@code logging}, rank 200): one {@code access} event per request, written
 * when the reply is known, to the {@code org.genro.server.access} logger:
 *
 * <pre>access method=GET path=/shop/list status=200 ms=1.42 remote=10.0.0.7 id=18</pre>
 *
 * <p>A routed 4xx is an ordinary line with its status (the original logged it as an error
 * without one). An exception passing through is logged with the status the errors layer,
 * which sits outside, will give it, plus {@code error=<class>}, and is thrown on.
 *
 * <p>The query is left out by default because it may carry tokens; headers too, and when they
 * are included, every field whose name names a credential ({@code Authorization},
 * {@code Cookie}, {@code X-Api-Key}, {@code X-Auth-Token}: the rule of {@link Secrets})
 * shows as {@code ***}.
 */
public final class AccessLog implements Middleware {
    /** The config name. */
    public static final String NAME = "logging";
    /** The rank: inside errors, so it sees what the app threw; outside everything else. */
    public static final int RANK = Layer.BUILT_IN.get(NAME);
    /** The logger the lines go to. */
    public static final String LOGGER = "org.genro.server.access";

    private final Options options;
    private final Logger logger;

    /**
     * The options of the access log.
     *
     * @param level          the level of each line ({@code level}, default INFO)
     * @param includeQuery   whether the query string is logged ({@code include_query}, default false)
     * @param includeHeaders whether request headers are logged ({@code include_headers}, default
     *                       false); credential values are always masked
     */
    public record Options(Level level, boolean includeQuery, boolean includeHeaders) {
        /** INFO, no query, no headers. */
        public static final Options DEFAULTS = new Options(Level.INFO, false, false);

        /** Checks the level is present and not ALL or OFF (neither is a level to log at). */
        public Options {
            Objects.requireNonNull(level, "level");
            if (level == Level.ALL || level == Level.OFF) {
                throw new IllegalArgumentException("level must be TRACE, DEBUG, INFO, WARNING or ERROR");
            }
        }

        /** The options as the {@code middleware.logging} config map would give them. */
        public Map<String, Object> toConfig() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("level", level.name());
            out.put("include_query", includeQuery);
            out.put("include_headers", includeHeaders);
            return out;
        }

        static Options read(Map<String, Object> values, String path,
                            BiFunction<String, String, ConfigException> errors) {
            Section r = Section.of(values, path, errors);
            r.allowOnly(Set.of("level", "include_query", "include_headers"), "option");
            return new Options(level(r), r.bool("include_query", false), r.bool("include_headers", false));
        }

        private static Level level(Section r) {
            String name = r.string("level", "INFO").toUpperCase(Locale.ROOT);
            return switch (name) {
                case "TRACE" -> Level.TRACE;
                case "DEBUG" -> Level.DEBUG;
                case "INFO" -> Level.INFO;
                case "WARNING", "WARN" -> Level.WARNING;
                case "ERROR" -> Level.ERROR;
                default -> throw r.error("level", "expected one of TRACE, DEBUG, INFO, WARNING, ERROR, got "
                        + Section.quote(name));
            };
        }
    }

    /** An access log writing to {@value #LOGGER}. */
    public AccessLog(Options options) {
        this(options, System.getLogger(LOGGER));
    }

    /** An access log writing to {@code logger}; tests pass one that records lines. */
    AccessLog(Options options, Logger logger) {
        this.options = Objects.requireNonNull(options, "options");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    /** The options in force. */
    public Options options() {
        return options;
    }

    /** This middleware placed at its rank under its name. */
    public Layer layer() {
        return Layer.builtIn(NAME, this);
    }

    /** Runs the inner layers, then logs one line with the outcome. */
    @Override
    public Reply handle(Exchange exchange, Next next) throws Exception {
        Reply reply;
        try {
            reply = next.proceed(exchange);
        } catch (Exception | Error error) {
            if (logger.isLoggable(options.level())) {
                logger.log(options.level(), line(exchange, statusOf(error), error));
            }
            throw error;
        }
        if (logger.isLoggable(options.level())) {
            logger.log(options.level(), line(exchange, reply.status(), null));
        }
        return reply;
    }

    /** The access line; {@code error} is null when the request produced a reply. */
    String line(Exchange exchange, int status, Throwable error) {
        StringBuilder sb = new StringBuilder(128).append("access method=").append(exchange.method())
                .append(" path=").append(exchange.path());
        String query = exchange.request().query();
        if (options.includeQuery() && query != null && !query.isEmpty()) {
            sb.append('?').append(query);
        }
        sb.append(" status=").append(status)
                .append(" ms=").append(String.format(Locale.ROOT, "%.2f", exchange.elapsedNanos() / 1e6))
                .append(" remote=").append(remote(exchange.request().remoteAddress()))
                .append(" id=").append(exchange.id());
        if (error != null) {
            sb.append(" error=").append(error.getClass().getName());
        }
        if (options.includeHeaders()) {
            appendHeaders(sb, exchange.request().headers());
        }
        return sb.toString();
    }

    private static void appendHeaders(StringBuilder sb, Headers headers) {
        sb.append(" headers={");
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            boolean secret = Secrets.isSecret(name);
            sb.append(i == 0 ? "" : ", ").append(name).append(": ").append(secret ? "***" : headers.value(i));
        }
        sb.append('}');
    }

    // The IP, never a host name: a reverse DNS lookup per request would stall the log.
    private static String remote(InetSocketAddress address) {
        if (address == null) {
            return "-";
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    /** The status the errors layer will give {@code error} (without logging it twice). */
    static int statusOf(Throwable error) {
        return org.genro.server.exchange.Failure.status(error);
    }

    @Override
    public String toString() {
        return "AccessLog" + options;
    }
}
