package org.genro.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.genro.http.Limits;
import org.genro.server.config.ConfigException;
import org.genro.server.config.LimitsSection;
import org.genro.server.config.ServerConfig;
import org.genro.server.session.SessionStore;
import org.genro.server.wsx.TopicBus;

/**
 * Builds an {@link AsgiServer} in Java, for embedding: every key of config.yaml has a
 * method here (or goes through {@link #set}), and {@link #tree()} gives back the
 * equivalent config.yaml content. The same validation applies: a wrong value fails at
 * {@link #build()} with a {@link ConfigException} naming the key.
 *
 * <pre>{@code
 * try (AsgiServer server = AsgiServer.builder()
 *         .port(0)
 *         .mount("tools", new Tools())
 *         .middleware("cors", Map.of("allow_origins", List.of("https://app.example")))
 *         .start()) {
 *     int port = server.port();
 * }
 * }</pre>
 */
public final class ServerBuilder {
    private final Map<String, Object> tree = new LinkedHashMap<>();
    private final Map<String, Object> mounted = new LinkedHashMap<>();
    private Path serverDir = Path.of(".");
    private Object parent;
    private SessionStore sessions;
    private TopicBus bus;

    ServerBuilder() {
        set("server.port", 0); // embedding: any free port unless told otherwise
    }

    /** The server directory (resources, storage, app classes); default the working directory. */
    public ServerBuilder serverDir(Path dir) {
        this.serverDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** {@code server.host}. */
    public ServerBuilder host(String host) {
        return set("server.host", host);
    }

    /** {@code server.port}; 0 (the builder's default) picks a free port. */
    public ServerBuilder port(int port) {
        return set("server.port", port);
    }

    /** {@code server.debug}: stack traces in 500 replies. Never in production. */
    public ServerBuilder debug(boolean debug) {
        return set("server.debug", debug);
    }

    /** {@code server.reload}: watch the server directory and reload apps on change. */
    public ServerBuilder reload(boolean reload) {
        return set("server.reload", reload);
    }

    /** {@code server.tls}: HTTPS from a PKCS#12 keystore. */
    public ServerBuilder tls(Path keystore, String password) {
        set("server.tls.keystore", keystore.toString());
        return set("server.tls.password", password);
    }

    /** {@code server.limits.<name>}, e.g. {@code limit("body", "2m")}. */
    public ServerBuilder limit(String name, Object value) {
        return set("server.limits." + name, value);
    }

    /** {@code server.limits}: every engine limit at once, e.g. {@code Limits.defaults().withBody(2 << 20)}. */
    public ServerBuilder limits(Limits limits) {
        return set("server.limits", LimitsSection.tree(Objects.requireNonNull(limits, "limits")));
    }

    /** {@code server.max_fields}: the most fields a query string, form or JSON body may carry. */
    public ServerBuilder maxFields(int fields) {
        return set("server.max_fields", fields);
    }

    /** {@code server.shutdown_grace}. */
    public ServerBuilder shutdownGrace(Duration grace) {
        return set("server.shutdown_grace", grace.toMillis() + "ms");
    }

    /** Mounts an instance under {@code name}: a RoutingClass, an Endpoint or an engine Handler. */
    public ServerBuilder mount(String name, Object app) {
        mounted.put(name, Objects.requireNonNull(app, "app"));
        return this;
    }

    /** {@code apps.<name>}: an app class loaded from the server directory, with kwargs. */
    public ServerBuilder app(String name, String className, Map<String, Object> kwargs) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("class", className);
        if (!kwargs.isEmpty()) {
            spec.put("kwargs", kwargs);
        }
        return set("apps." + name, spec);
    }

    /** {@code main_app}: the app that also answers at {@code /}. */
    public ServerBuilder mainApp(String name) {
        return set("main_app", name);
    }

    /** {@code middleware.<name>: true|false}. */
    public ServerBuilder middleware(String name, boolean on) {
        return set("middleware." + name, on);
    }

    /** {@code middleware.<name>: {options}}. */
    public ServerBuilder middleware(String name, Map<String, Object> options) {
        return set("middleware." + name, options);
    }

    /** {@code plugins.<name>: {options}}: a router plugin on the root, inherited by every app. */
    public ServerBuilder plugin(String name, Map<String, Object> options) {
        return set("plugins." + name, options);
    }

    /** {@code openapi}: title and version of the API description. */
    public ServerBuilder openapi(String title, String version) {
        set("openapi.title", title);
        return set("openapi.version", version);
    }

    /** Keeps sessions in {@code store} instead of the one the {@code session} section names (a shared one, say). */
    public ServerBuilder sessionStore(SessionStore store) {
        this.sessions = Objects.requireNonNull(store, "store");
        return this;
    }

    /**
     * Carries WSX events through {@code bus} instead of inside this process (a bus shared
     * by several instances, say). The {@code wsx} section's other keys go through
     * {@link #set}, e.g. {@code set("wsx.path", "/socket")}.
     */
    public ServerBuilder topicBus(TopicBus bus) {
        this.bus = Objects.requireNonNull(bus, "bus");
        return this;
    }

    /** The object given to apps as the server's parent. */
    public ServerBuilder parent(Object parent) {
        this.parent = parent;
        return this;
    }

    /**
     * Sets any config key by its dotted path, e.g. {@code set("server.limits.body", "2m")}:
     * for sections without a method of their own.
     */
    public ServerBuilder set(String dottedKey, Object value) {
        String[] parts = dottedKey.split("\\.");
        Map<String, Object> node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.get(parts[i]);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(parts[i], child);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) child;
            node = next;
        }
        node.put(parts[parts.length - 1], value);
        return this;
    }

    /** The configuration built so far, as config.yaml would hold it. */
    public Map<String, Object> tree() {
        return copy(tree);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> sub ? copy((Map<String, Object>) sub) : v));
        return out;
    }

    /** Builds the server without starting it. */
    public AsgiServer build() {
        Map<String, Object> snapshot = tree();
        // config validates main_app against configured apps; one mounted from code is ours to check
        String main = snapshot.get("main_app") instanceof String s && mounted.containsKey(s) ? s : null;
        if (main != null) {
            snapshot.remove("main_app");
        }
        Path dir = serverDir;
        return new AsgiServer(() -> ServerConfig.fromTree(dir, snapshot), parent, mounted, main, sessions, bus);
    }

    /** Builds and starts the server. */
    public AsgiServer start() throws IOException {
        return build().start();
    }
}
