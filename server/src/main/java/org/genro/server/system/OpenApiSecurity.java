package org.genro.server.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genro.server.config.Section;
import org.genro.server.config.ServerConfig;

/**
 * The ways a caller can prove who it is on this server, as OpenAPI security schemes:
 *
 * <pre>
 *  config                              scheme
 *  auth.basic has users                basic:   http, basic
 *  auth.bearer has tokens              bearer:  http, bearer
 *  auth.jwt has verifiers              jwt:     http, bearer, bearerFormat JWT
 *  the session layer is on (default)   session: apiKey in the cookie session.cookie (session_id)
 * </pre>
 *
 * The auth layer reads the first three, so they count only while that layer is on. An
 * entry with a tag rule accepts any of them: its {@code security} lists each as an
 * alternative. Read from the configuration as maps, so this package does not depend on
 * the auth package.
 *
 * @param schemes scheme name to scheme object, in the order above
 */
record OpenApiSecurity(Map<String, Object> schemes) {
    /** The cookie a session travels in when the {@code session} section names none. */
    static final String DEFAULT_COOKIE = "session_id";

    /** The schemes {@code config} enables. */
    static OpenApiSecurity read(ServerConfig config) {
        Map<String, Object> auth = config.section("auth");
        Map<String, Object> schemes = new LinkedHashMap<>();
        if (layerOn(config, "auth")) {
            String realm = auth.get("realm") instanceof String r ? r : "genro";
            if (hasItems(auth.get("basic"))) {
                schemes.put("basic", http("basic", null, "Users and passwords of the auth.basic section (realm "
                        + realm + ")."));
            }
            if (hasItems(auth.get("bearer"))) {
                schemes.put("bearer", http("bearer", null, "Static tokens of the auth.bearer section."));
            }
            if (hasItems(auth.get("jwt"))) {
                schemes.put("jwt", http("bearer", "JWT", "Signed tokens accepted by the auth.jwt verifiers."));
            }
        }
        if (layerOn(config, "session")) {
            Map<String, Object> cookie = new LinkedHashMap<>();
            cookie.put("type", "apiKey");
            cookie.put("in", "cookie");
            cookie.put("name", config.section("session").get("cookie") instanceof String c ? c : DEFAULT_COOKIE);
            cookie.put("description", "The session cookie set by a login (POST /_server/login).");
            schemes.put("session", cookie);
        }
        return new OpenApiSecurity(schemes);
    }

    /** Keeps a copy of the schemes. */
    OpenApiSecurity {
        schemes = new LinkedHashMap<>(schemes);
    }

    /** The {@code security} of an entry with a tag rule: each scheme on its own is enough. */
    List<Object> requirement() {
        List<Object> out = new ArrayList<>();
        for (String name : schemes.keySet()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(name, List.of());
            out.add(one);
        }
        return out;
    }

    /**
     * A layer is on unless {@code middleware} switches it off, in any of the words the
     * middleware reader takes for false ({@code session: false}, {@code "off"}, {@code "no"}).
     */
    private static boolean layerOn(ServerConfig config, String layer) {
        return !Boolean.FALSE.equals(Section.of(config.middleware(), "middleware", config::error).booleanOrNull(layer));
    }

    private static boolean hasItems(Object value) {
        return value instanceof Map<?, ?> m && !m.isEmpty();
    }

    private static Map<String, Object> http(String scheme, String format, String description) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "http");
        s.put("scheme", scheme);
        if (format != null) {
            s.put("bearerFormat", format);
        }
        s.put("description", description);
        return s;
    }
}
