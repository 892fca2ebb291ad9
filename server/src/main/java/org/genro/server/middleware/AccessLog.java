package org.genro.server.middleware;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.genro.server.config.ConfigException;
import org.genro.server.config.InvalidOption;
import org.genro.server.config.Secrets;
import org.genro.server.config.Section;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Middleware;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Reply;

/**
 * The access log ({@code logging}, rank 200): one line per request, written when the reply
 * is known.
 *
 * <pre>
 * text      2026-12-05T15:50:00.123Z access method=GET path=/shop/list status=200 ms=1.42 remote=10.0.0.7 id=5f3a9c1e-4x
 * combined  10.0.0.7 - ada [05/Dec/2026:15:50:00 +0000] "GET /shop/list HTTP/1.1" 200 512 "-" "curl/8.1" "5f3a9c1e-4x"
 * json      {"time":"2026-12-05T15:50:00.123Z","id":"5f3a9c1e-4x","method":"GET","path":"/shop/list","status":200,...}
 * </pre>
 *
 * <p>{@code to} says where lines go: {@code stderr} (the default) or a file, each through a
 * {@link LogWriter} that writes in batches off the request's path; or {@code logger}, the
 * {@value #LOGGER} {@code System.Logger} at {@code level}, for those who route logs through
 * one (each line then pays for the logging framework). {@code combined} is nginx's format
 * with the request id as a last quoted field.
 *
 * <p>A routed 4xx is an ordinary line with its status. An exception passing through is logged
 * with the status the errors layer, which sits outside, will give it, plus its class, and is
 * thrown on. The user is shown only if something already found out who is calling: the log
 * never pays for checking credentials.
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
    /** The logger the lines go to with {@code to: logger}. */
    public static final String LOGGER = "org.genro.server.access";

    /** The line formats. */
    public enum Format {
        /** {@code key=value} pairs after the time. */
        TEXT,
        /** nginx's {@code combined}, plus the request id. */
        COMBINED,
        /** One JSON object per line. */
        JSON
    }

    private final Options options;
    private final Consumer<String> sink;
    private final boolean timed;

    /**
     * The options of the access log.
     *
     * @param level          the level of each line with {@code to: logger} ({@code level}, default INFO)
     * @param includeQuery   whether the query string is logged ({@code include_query}, default false)
     * @param includeHeaders whether request headers are logged ({@code include_headers}, default
     *                       false); credential values are always masked
     * @param format         the line format ({@code format}: text, combined or json; default text)
     * @param to             {@code stderr}, {@code logger}, or an absolute file path ({@code to}; in
     *                       config a relative path is taken from the server directory)
     */
    public record Options(Level level, boolean includeQuery, boolean includeHeaders, Format format, String to) {
        /** INFO, no query, no headers, text to standard error. */
        public static final Options DEFAULTS = new Options(Level.INFO, false, false, Format.TEXT, "stderr");

        /** Checks the level is present and not ALL or OFF (neither is a level to log at), and the destination. */
        public Options {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(to, "to");
            if (level == Level.ALL || level == Level.OFF) {
                throw new InvalidOption("level", "must be TRACE, DEBUG, INFO, WARNING or ERROR");
            }
            if (!to.equals("stderr") && !to.equals("logger") && !Path.of(to).isAbsolute()) {
                throw new InvalidOption("to", "expected stderr, logger or an absolute file path, got " + Section.quote(to));
            }
        }

        /** Text lines to the {@value #LOGGER} logger at {@code level}, as before files and formats. */
        public Options(Level level, boolean includeQuery, boolean includeHeaders) {
            this(level, includeQuery, includeHeaders, Format.TEXT, "logger");
        }

        /** The options as the {@code middleware.logging} config map would give them. */
        public Map<String, Object> toConfig() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("level", level.name());
            out.put("include_query", includeQuery);
            out.put("include_headers", includeHeaders);
            out.put("format", format.name().toLowerCase(Locale.ROOT));
            out.put("to", to);
            return out;
        }

        static Options read(Map<String, Object> values, String path,
                            BiFunction<String, String, ConfigException> errors, Path base) {
            Section r = Section.of(values, path, errors);
            r.allowOnly(Set.of("level", "include_query", "include_headers", "format", "to"), "option");
            String to = r.string("to", "stderr").strip();
            if (!to.equals("stderr") && !to.equals("logger")) {
                if (to.isEmpty()) {
                    throw r.error("to", "expected stderr, logger or a file path");
                }
                to = base.resolve(to).toAbsolutePath().normalize().toString();
            }
            try {
                return new Options(level(r), r.bool("include_query", false), r.bool("include_headers", false), format(r), to);
            } catch (InvalidOption e) {
                throw r.error(e.key(), e.detail());
            }
        }

        private static Format format(Section r) {
            String name = r.string("format", "text").toUpperCase(Locale.ROOT);
            return switch (name) {
                case "TEXT" -> Format.TEXT;
                case "COMBINED" -> Format.COMBINED;
                case "JSON" -> Format.JSON;
                default -> throw r.error("format", "expected text, combined or json, got " + Section.quote(name.toLowerCase(Locale.ROOT)));
            };
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

    /**
     * An access log writing where {@code options.to()} says.
     *
     * @throws UncheckedIOException when the log file cannot be opened for appending
     */
    public AccessLog(Options options) {
        this(options, sink(options));
    }

    /** An access log writing to {@code logger}, whatever {@code to} says; tests pass one that records lines. */
    AccessLog(Options options, Logger logger) {
        this(options, line -> {
            if (logger.isLoggable(options.level())) {
                logger.log(options.level(), line);
            }
        }, false);
    }

    private AccessLog(Options options, Consumer<String> sink) {
        this(options, sink, !options.to().equals("logger"));
    }

    private AccessLog(Options options, Consumer<String> sink, boolean timed) {
        this.options = Objects.requireNonNull(options, "options");
        this.sink = sink;
        this.timed = timed; // a logger stamps its own time
    }

    private static Consumer<String> sink(Options options) {
        return switch (options.to()) {
            case "logger" -> {
                Logger logger = System.getLogger(LOGGER);
                yield line -> {
                    if (logger.isLoggable(options.level())) {
                        logger.log(options.level(), line);
                    }
                };
            }
            case "stderr" -> LogWriter.stderr()::write;
            default -> {
                try {
                    yield LogWriter.file(Path.of(options.to()))::write;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open the access log " + options.to() + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /** Waits up to {@code limit} until every line logged so far is written; the server calls it as it stops. */
    public static boolean flush(Duration limit) {
        return LogWriter.flushAll(limit);
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
            sink.accept(line(exchange, statusOf(error), null, error));
            throw error;
        }
        sink.accept(line(exchange, reply.status(), reply, null));
        return reply;
    }

    /** The access line; {@code error} is null when the request produced {@code reply}. */
    String line(Exchange exchange, int status, Reply reply, Throwable error) {
        return switch (options.format()) {
            case TEXT -> AccessLines.text(exchange, status, error, options, timed);
            case COMBINED -> AccessLines.combined(exchange, status, reply, options);
            case JSON -> AccessLines.json(exchange, status, reply, error, options);
        };
    }

    /** The status the errors layer will give {@code error} (without logging it twice). */
    static int statusOf(Throwable error) {
        return Failure.status(error);
    }

    @Override
    public String toString() {
        return "AccessLog" + options;
    }
}
