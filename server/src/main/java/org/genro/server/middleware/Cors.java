package org.genro.server.middleware;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.genro.http.Headers;
import org.genro.server.config.ConfigException;
import org.genro.server.config.InvalidOption;
import org.genro.server.config.Section;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Middleware;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Rejection;
import org.genro.server.exchange.Reply;

/**
 * Cross-origin resource sharing ({@code cors}, rank 300), per the Fetch standard's CORS
 * protocol. Denies by default: without {@code allow_origins} no reply carries CORS headers.
 *
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and
 *       {@code Access-Control-Request-Method}) is answered here and never reaches the app:
 *       204 with the allow headers when origin, method and every requested header are allowed,
 *       403 without CORS headers otherwise.</li>
 *   <li>Other requests go to the app; when their origin is allowed, the reply gets
 *       {@code Access-Control-Allow-Origin} (and credentials and exposed headers when
 *       configured). A disallowed origin gets the reply untouched, so the browser withholds it.</li>
 *   <li>{@code Vary: Origin} is merged into every reply whose headers depend on the origin,
 *       which is all of them unless the policy is {@code *} without credentials: otherwise a
 *       shared cache could hand one origin's answer to another.</li>
 * </ul>
 *
 * <p>An {@link HttpError} thrown inside (a routed 404, a 401 from auth) becomes its reply here
 * rather than in the errors layer, so that it too carries the CORS headers and the page's
 * script can read its status; other exceptions go on to the errors layer.
 */
public final class Cors implements Middleware {
    /** The config name. */
    public static final String NAME = "cors";
    /** The rank: before session and auth, so preflights (which carry no credentials) pass. */
    public static final int RANK = Layer.BUILT_IN.get(NAME);

    private static final String PREFLIGHT_VARY =
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    private final Options options;
    private final Set<String> origins;
    private final Set<String> methods;
    private final Set<String> headers;
    private final boolean anyOrigin;
    private final boolean anyMethod;
    private final boolean anyHeader;
    private final boolean varyOnOrigin;
    private final String allowMethods;
    private final String exposeHeaders;
    private final String maxAge;

    /**
     * The CORS policy.
     *
     * @param allowOrigins     origins allowed, as {@code scheme://host[:port]}, or {@code *}
     *                         ({@code allow_origins}; default none: nothing is allowed)
     * @param allowMethods     methods a preflight may ask for, or {@code *} ({@code allow_methods};
     *                         default GET, HEAD, POST)
     * @param allowHeaders     request headers a preflight may ask for, or {@code *}
     *                         ({@code allow_headers}; default none beyond the CORS-safelisted ones,
     *                         which browsers never ask about)
     * @param exposeHeaders    reply headers the page may read ({@code expose_headers}; default none)
     * @param allowCredentials whether cookies and authorization may be sent
     *                         ({@code allow_credentials}; default false). Browsers refuse
     *                         {@code *} with credentials, so that combination is refused here too.
     * @param maxAge           seconds a browser may cache a preflight ({@code max_age}; default 600)
     */
    public record Options(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                          List<String> exposeHeaders, boolean allowCredentials, int maxAge) {
        // Before DEFAULTS: static fields initialise in order, and DEFAULTS is validated.
        private static final Pattern ORIGIN = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/?#@\\s]+");
        private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

        /** No origin allowed; GET, HEAD, POST; no extra headers; no credentials; 600 s. */
        public static final Options DEFAULTS =
                new Options(List.of(), List.of("GET", "HEAD", "POST"), List.of(), List.of(), false, 600);


        /**
         * Copies the lists and checks every value.
         *
         * @throws IllegalArgumentException naming the option at fault
         */
        public Options {
            allowOrigins = List.copyOf(allowOrigins);
            allowMethods = List.copyOf(allowMethods);
            allowHeaders = List.copyOf(allowHeaders);
            exposeHeaders = List.copyOf(exposeHeaders);
            for (String origin : allowOrigins) {
                if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                    throw new InvalidOption("allow_origins", "expected * or an origin such as "
                            + "https://example.com:8443 (scheme, host, optional port, no path), got "
                            + Section.quote(origin));
                }
            }
            tokens("allow_methods", allowMethods);
            tokens("allow_headers", allowHeaders);
            tokens("expose_headers", exposeHeaders);
            if (maxAge < 0) {
                throw new InvalidOption("max_age", "expected seconds >= 0, got " + maxAge);
            }
            if (allowCredentials) {
                for (var list : List.of(allowOrigins, allowMethods, allowHeaders, exposeHeaders)) {
                    if (list.contains("*")) {
                        throw new InvalidOption("allow_credentials", "true cannot be combined with * "
                                + "(browsers refuse a wildcard on credentialed requests); list the values");
                    }
                }
            }
        }

        private static void tokens(String key, List<String> values) {
            for (String value : values) {
                if (!TOKEN.matcher(value).matches()) {
                    throw new InvalidOption(key, "expected * or names, got " + Section.quote(value));
                }
            }
        }

        /** These options with other allowed origins. */
        public Options allowOrigins(List<String> origins) {
            return new Options(origins, allowMethods, allowHeaders, exposeHeaders, allowCredentials, maxAge);
        }

        /** These options with other allowed methods. */
        public Options allowMethods(List<String> methods) {
            return new Options(allowOrigins, methods, allowHeaders, exposeHeaders, allowCredentials, maxAge);
        }

        /** These options with other allowed request headers. */
        public Options allowHeaders(List<String> headers) {
            return new Options(allowOrigins, allowMethods, headers, exposeHeaders, allowCredentials, maxAge);
        }

        /** These options with other exposed reply headers. */
        public Options exposeHeaders(List<String> headers) {
            return new Options(allowOrigins, allowMethods, allowHeaders, headers, allowCredentials, maxAge);
        }

        /** These options with credentials allowed or not. */
        public Options allowCredentials(boolean allow) {
            return new Options(allowOrigins, allowMethods, allowHeaders, exposeHeaders, allow, maxAge);
        }

        /** These options with another preflight cache time in seconds. */
        public Options maxAge(int seconds) {
            return new Options(allowOrigins, allowMethods, allowHeaders, exposeHeaders, allowCredentials, seconds);
        }

        /** The options as the {@code middleware.cors} config map would give them. */
        public Map<String, Object> toConfig() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("allow_origins", allowOrigins);
            out.put("allow_methods", allowMethods);
            out.put("allow_headers", allowHeaders);
            out.put("expose_headers", exposeHeaders);
            out.put("allow_credentials", allowCredentials);
            out.put("max_age", maxAge);
            return out;
        }

        static Options read(Map<String, Object> values, String path,
                            BiFunction<String, String, ConfigException> errors) {
            Section r = Section.of(values, path, errors);
            r.allowOnly(Set.of("allow_origins", "allow_methods",
                    "allow_headers", "expose_headers", "allow_credentials", "max_age"), "option");
            try {
                return new Options(r.list("allow_origins", DEFAULTS.allowOrigins),
                        r.list("allow_methods", DEFAULTS.allowMethods),
                        r.list("allow_headers", DEFAULTS.allowHeaders),
                        r.list("expose_headers", DEFAULTS.exposeHeaders),
                        r.bool("allow_credentials", false),
                        r.integer("max_age", 0, Integer.MAX_VALUE, DEFAULTS.maxAge));
            } catch (InvalidOption e) {
                throw r.error(e.key(), e.detail());
            }
        }
    }

    /** A CORS layer with this policy. */
    public Cors(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.origins = lower(options.allowOrigins());
        this.methods = Set.copyOf(options.allowMethods());
        this.headers = lower(options.allowHeaders());
        this.anyOrigin = origins.contains("*");
        this.anyMethod = methods.contains("*");
        this.anyHeader = headers.contains("*");
        this.varyOnOrigin = !(anyOrigin && !options.allowCredentials());
        this.allowMethods = String.join(", ", options.allowMethods());
        this.exposeHeaders = String.join(", ", options.exposeHeaders());
        this.maxAge = Integer.toString(options.maxAge());
    }

    /** The policy in force. */
    public Options options() {
        return options;
    }

    /** This middleware placed at its rank under its name. */
    public Layer layer() {
        return Layer.builtIn(NAME, this);
    }

    /** Answers preflights; adds the CORS headers to other replies from allowed origins. */
    @Override
    public Reply handle(Exchange exchange, Next next) throws Exception {
        String origin = exchange.header("Origin");
        String requestedMethod = exchange.header("Access-Control-Request-Method");
        if (origin != null && requestedMethod != null && exchange.method().equals("OPTIONS")) {
            return preflight(exchange, origin, requestedMethod);
        }
        Reply reply;
        try {
            reply = next.proceed(exchange);
        } catch (HttpError error) {
            reply = Failure.reply(error, exchange, false);
        }
        Headers out = reply.headers();
        if (varyOnOrigin) {
            Vary.add(out, "Origin");
        }
        if (origin != null && originAllowed(origin)) {
            out.set("Access-Control-Allow-Origin", varyOnOrigin ? origin : "*");
            if (options.allowCredentials()) {
                out.set("Access-Control-Allow-Credentials", "true");
            }
            if (!exposeHeaders.isEmpty()) {
                out.set("Access-Control-Expose-Headers", exposeHeaders);
            }
        }
        return reply;
    }

    private Reply preflight(Exchange exchange, String origin, String method) {
        List<String> requested = Vary.split(String.join(",", exchange.request().headers()
                .all("Access-Control-Request-Headers")));
        if (!originAllowed(origin) || !(anyMethod || methods.contains(method)) || !headersAllowed(requested)) {
            Reply refused = Failure.answer(exchange, Rejection.CORS_REFUSED);
            refused.header("Vary", PREFLIGHT_VARY);
            return refused;
        }
        Reply reply = Reply.of(204)
                .header("Access-Control-Allow-Origin", varyOnOrigin ? origin : "*")
                .header("Access-Control-Allow-Methods", anyMethod ? method : allowMethods);
        if (!requested.isEmpty()) {
            // Every requested name is allowed by now; echoing them works for lists and for *.
            reply.header("Access-Control-Allow-Headers", String.join(", ", requested));
        }
        if (options.allowCredentials()) {
            reply.header("Access-Control-Allow-Credentials", "true");
        }
        return reply.header("Access-Control-Max-Age", maxAge).header("Vary", PREFLIGHT_VARY);
    }

    // Serialized origins are lower case (RFC 6454 §6.2); configured ones may not be.
    private boolean originAllowed(String origin) {
        return anyOrigin || origins.contains(origin.toLowerCase(Locale.ROOT));
    }

    private boolean headersAllowed(List<String> requested) {
        if (anyHeader) {
            return true;
        }
        for (String name : requested) {
            if (!headers.contains(name.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> lower(List<String> values) {
        Set<String> out = new HashSet<>();
        values.forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    @Override
    public String toString() {
        return "Cors" + options;
    }
}
