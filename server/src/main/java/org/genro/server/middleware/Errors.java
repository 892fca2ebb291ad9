package org.genro.server.middleware;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import org.genro.server.config.ConfigException;
import org.genro.server.config.Section;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Middleware;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Reply;

/**
 * The outermost layer ({@code errors}, rank 100, on unless switched off): whatever an inner
 * layer or the app throws becomes a reply through {@link Failure#reply}, so one failing
 * request gets its 4xx or 500 and the connection carries on.
 *
 * <p>Because no byte is written until the whole chain returns, there is no "response already
 * started" case to guard here (the original had none and could corrupt a started response).
 * A streamed body that fails while being written fails on the connection, after this layer.
 */
public final class Errors implements Middleware {
    /** The config name. */
    public static final String NAME = "errors";
    /** The rank: outermost, so it also catches what the other layers throw. */
    public static final int RANK = Layer.BUILT_IN.get(NAME);

    private final Options options;

    /**
     * The options of the errors layer.
     *
     * @param debug whether 500 bodies carry the stack trace ({@code debug}; defaults to the
     *              server's debug setting). Never on in production: traces reveal internals.
     */
    public record Options(boolean debug) {
        /** No stack traces in replies. */
        public static final Options DEFAULTS = new Options(false);

        /** The options as the {@code middleware.errors} config map would give them. */
        public Map<String, Object> toConfig() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("debug", debug);
            return out;
        }

        static Options read(Map<String, Object> values, String path, boolean serverDebug,
                            BiFunction<String, String, ConfigException> errors) {
            Section r = Section.of(values, path, errors);
            r.allowOnly(Set.of("debug"), "option");
            return new Options(r.bool("debug", serverDebug));
        }
    }

    /** An errors layer with these options. */
    public Errors(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options in force. */
    public Options options() {
        return options;
    }

    /** This middleware placed at its rank under its name. */
    public Layer layer() {
        return Layer.builtIn(NAME, this);
    }

    /** Runs the inner layers and turns anything they throw into a reply. */
    @Override
    public Reply handle(Exchange exchange, Next next) {
        try {
            return next.proceed(exchange);
        } catch (VirtualMachineError fatal) {
            // Out of memory or stack: the process is in trouble; answering would hide it.
            throw fatal;
        } catch (Throwable error) {
            if (error instanceof InterruptedException) {
                // Shutdown interrupts in-flight requests; keep the flag so the connection sees it.
                Thread.currentThread().interrupt();
            }
            return Failure.reply(error, exchange, options.debug());
        }
    }

    @Override
    public String toString() {
        return "Errors" + options;
    }
}
