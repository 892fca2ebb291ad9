package org.genro.router.plugin;

import java.util.Locale;
import java.util.Map;
import org.genro.router.Handler;
import org.genro.router.Invocation;
import org.genro.router.Plugin;

/**
 * {@code logging}: logs each call of an entry as named events through
 * {@link System.Logger}: {@code call.start path=...} before, {@code call.end path=...
 * ms=...} after, {@code call.failed path=... ms=... error=...} on an exception.
 * Settings: {@code before}, {@code after} (booleans), {@code level} (a
 * {@link System.Logger.Level} name, default INFO).
 */
public final class LoggingPlugin implements Plugin<LoggingPlugin.Options> {

    /** The plugin code. */
    public static final String CODE = "logging";

    private final System.Logger logger;

    /**
     * Compiled settings.
     *
     * @param before log before the call
     * @param after log after the call (and on failure)
     * @param level the level of every event
     */
    public record Options(boolean before, boolean after, System.Logger.Level level) {}

    /** Logs to the {@code org.genro.router.calls} logger. */
    public LoggingPlugin() {
        this(System.getLogger("org.genro.router.calls"));
    }

    /**
     * Logs to the given logger.
     *
     * @param logger where events go
     */
    public LoggingPlugin(System.Logger logger) {
        this.logger = logger;
    }

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public String description() {
        return "Logs entry calls with their duration";
    }

    @Override
    public Map<String, Object> defaults() {
        return Map.of("before", true, "after", true, "level", "INFO");
    }

    @Override
    public Options compile(Map<String, Object> settings) {
        String level = ((String) settings.get("level")).strip().toUpperCase(Locale.ROOT);
        try {
            return new Options((Boolean) settings.get("before"), (Boolean) settings.get("after"),
                    System.Logger.Level.valueOf(level));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("logging level '" + level + "' is not a System.Logger.Level");
        }
    }

    /** It logs calls and refuses no one. */
    @Override
    public boolean mayRefuse(Options options) {
        return false;
    }

    @Override
    public boolean wraps() {
        return true;
    }

    @Override
    public Object around(Options options, Invocation invocation, Handler next) throws Exception {
        if (!logger.isLoggable(options.level())) {
            return next.call(invocation);
        }
        String path = invocation.entry().path();
        if (options.before()) {
            logger.log(options.level(), "call.start path={0}", path);
        }
        long start = System.nanoTime();
        try {
            Object result = next.call(invocation);
            if (options.after()) {
                logger.log(options.level(), "call.end path={0} ms={1}", path, millis(start));
            }
            return result;
        } catch (Exception | Error e) {
            if (options.after()) {
                logger.log(options.level(), "call.failed path={0} ms={1} error={2}", path, millis(start),
                        e.getClass().getName());
            }
            throw e;
        }
    }

    private static String millis(long start) {
        return String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e6);
    }
}
