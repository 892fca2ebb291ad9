package org.genro.router;

import java.util.List;
import java.util.Map;

/**
 * The outcome of resolving a path for a caller: a value, never an exception. Switch on
 * it:
 * <pre>{@code
 * switch (root.router().resolve(path, caller)) {
 *     case Resolution.Found f -> respond(f.invoke(query, body));
 *     case Resolution.NotFound n -> respond(404);
 *     case Resolution.NotAuthenticated n -> respond(401);
 *     case Resolution.NotAuthorized n -> respond(403);
 *     case Resolution.NotAvailable n -> respond(503);
 * }
 * }</pre>
 * {@link #status()} gives the HTTP status each outcome maps to.
 */
public sealed interface Resolution {

    /**
     * The HTTP status this outcome maps to.
     *
     * @return 200, 404, 401, 403 or 503
     */
    int status();

    /**
     * The path reached an entry the caller may call.
     *
     * @param entry the entry
     * @param positional path segments left after the entry, in order; they fill the
     *     handler's parameters first (then a varargs parameter)
     */
    record Found(Entry entry, List<String> positional) implements Resolution {

        /**
         * Binds and calls the handler.
         *
         * @param query named string arguments (e.g. the query string), or null
         * @param body named JSON-like arguments (e.g. a JSON body), or null
         * @return the handler's result
         * @throws ValidationException when an argument is missing or mistyped
         * @throws Exception whatever the handler throws
         */
        public Object invoke(Map<String, String> query, Map<String, Object> body) throws Exception {
            return entry.invoke(query, body, positional);
        }

        /**
         * Binds the arguments without calling, reporting a validation failure as a value.
         *
         * @param query named string arguments, or null
         * @param body named JSON-like arguments, or null
         * @return {@link Binding.Bound} ready to call, or {@link Binding.Invalid}
         */
        public Binding bind(Map<String, String> query, Map<String, Object> body) {
            return entry.bind(query, body, positional);
        }

        /**
         * Checks a caller against the entry's plugins, in plug order: what
         * {@link Router#resolve(String, Caller)} answers for this path and caller. For
         * a Found from {@link Router#locate}, whose access was not checked yet.
         *
         * @param caller who is asking; null means {@link Caller#anonymous()}
         * @return this Found when every plugin admits the caller, else the first refusal
         */
        public Resolution check(Caller caller) {
            Resolution refused = Resolver.refusal(entry, caller == null ? Caller.anonymous() : caller);
            return refused == null ? this : refused;
        }

        @Override
        public int status() {
            return 200;
        }
    }

    /**
     * Nothing answers this path: no entry, no default entry, too many segments for the
     * handler, an unknown {@code @id} or a broken alias.
     *
     * @param path the path as given
     */
    record NotFound(String path) implements Resolution {
        @Override
        public int status() {
            return 404;
        }
    }

    /**
     * The entry has an auth rule and the caller presented no credentials.
     *
     * @param entry the entry refused
     */
    record NotAuthenticated(Entry entry) implements Resolution {
        @Override
        public int status() {
            return 401;
        }
    }

    /**
     * The caller's tags do not satisfy the entry's auth rule.
     *
     * @param entry the entry refused
     */
    record NotAuthorized(Entry entry) implements Resolution {
        @Override
        public int status() {
            return 403;
        }
    }

    /**
     * The entry exists but is not offered here: a capability is missing or the channel
     * is not open to it.
     *
     * @param entry the entry refused
     * @param plugin the code of the plugin that refused
     */
    record NotAvailable(Entry entry, String plugin) implements Resolution {
        @Override
        public int status() {
            return 503;
        }
    }
}
