package org.genro.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.genro.http.Handler;
import org.genro.http.HttpServer;
import org.genro.http.Request;
import org.genro.http.Response;
import org.genro.router.Route;
import org.genro.router.Router;
import org.genro.router.RoutingClass;
import org.genro.server.auth.Authenticator;
import org.genro.server.config.ConfigException;
import org.genro.server.config.ServerConfig;
import org.genro.server.config.ServerSettings;
import org.genro.server.exchange.Avatar;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Html;
import org.genro.server.exchange.Json;
import org.genro.server.exchange.Reply;
import org.genro.server.exchange.Session;
import org.genro.server.middleware.AccessLog;
import org.genro.server.session.SessionSettings;
import org.genro.server.session.SessionStore;
import org.genro.server.storage.Storage;
import org.genro.server.system.SystemApps;
import org.genro.server.system.SystemHost;
import org.genro.server.wsx.TopicBus;
import org.genro.server.wsx.Wsx;
import org.genro.server.wsx.WsxSettings;

/**
 * The application server: reads a server directory's {@code config.yaml}, mounts the
 * apps it names under URL prefixes, and serves them through the middleware pipeline and
 * the router, on the {@code http-core} engine.
 *
 * <pre>{@code
 * try (AsgiServer server = AsgiServer.builder().port(0).mount("shop", new Shop()).start()) {
 *     System.out.println("http://127.0.0.1:" + server.port() + "/shop/");
 * }
 * }</pre>
 *
 * <p>Like the original, the server is itself a routing class: apps are branches of its
 * router under their mount names, {@code _server} holds the system endpoints and
 * {@code _sys} the system apps. Its life: construct (config, apps, pipelines) →
 * {@link #start()} (startup hooks in mount order, then bind) → {@link #close()} (stop
 * accepting, drain, shutdown hooks in reverse order).
 */
// The server hands itself to its parts (system endpoints, lifespan hooks) while it is
// built; they keep the reference and call nothing back until start(). A subclass must not
// rely on its own fields from overridden methods during construction.
@SuppressWarnings("this-escape")
public class AsgiServer extends RoutingClass implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.genro.server");

    private final Supplier<ServerConfig> source;
    private final Object parent;
    private final Map<String, Object> codeApps = new LinkedHashMap<>();
    private final String codeMainApp;
    private volatile ServerConfig config;
    private final RequestRegistry registry = new RequestRegistry();
    private final ServerLifespan lifespan = new ServerLifespan(this);
    private final ServerApplication serverApplication = new ServerApplication(this);
    private final SysApps sysRoot = new SysApps();
    private final Map<String, Object> builtInSys = SystemApps.create(new Host());
    private final Map<String, Object> databases = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long startedMillis = System.currentTimeMillis();
    private final PluginSettings pluginSettings;
    private final SessionStore sessions;
    private final Pipeline pipeline;
    private final Wsx wsx;
    private final Storage storage;
    private final Resources resources;
    private volatile AppLayer layer;
    private volatile State state = State.STARTING;
    private volatile HttpServer http;
    /** Jackson's set-up, started once the first request has been answered. */
    private final AtomicReference<Thread> jsonWarmUp = new AtomicReference<>();
    private Reloader reloader;
    private boolean closed;

    /**
     * A server on a server directory, as the original's constructor: the directory's
     * {@code config.yaml}, then {@code GENRO_ASGI_*} environment variables, then
     * {@code argv}, then the non-null arguments here, each overriding the one before.
     *
     * @throws ConfigException naming the config key when the configuration is wrong
     */
    public AsgiServer(Path serverDir, String host, Integer port, Boolean reload, List<String> argv, Object parent) {
        this(() -> new ServerConfig(serverDir, host, port, reload, argv == null ? List.of() : argv), parent, Map.of(), null,
                null, null);
    }

    /** A server on a server directory with everything from its config. */
    public AsgiServer(Path serverDir) {
        this(serverDir, null, null, null, List.of(), null);
    }

    /**
     * A server from a configuration source (read again on reload) plus apps mounted from
     * code (kept across reloads): the builder's path.
     *
     * @param sessions a session store given from code, or null for the one the config names
     * @param bus      a topic bus given from code, or null for one inside this process
     */
    AsgiServer(Supplier<ServerConfig> source, Object parent, Map<String, Object> extraApps, String codeMainApp,
               SessionStore sessions, TopicBus bus) {
        // The configuration is read on a thread of its own while this one scans the server's
        // own routing classes and builds the system apps: neither needs the other, and on a
        // cold JVM each takes a few hundred ms, most of it loading classes.
        FutureTask<ServerConfig> reading = new FutureTask<>(source::get);
        Thread.ofPlatform().name("genro-config-read").daemon().start(reading);
        super();
        this.source = source;
        this.codeMainApp = codeMainApp;
        this.config = Objects.requireNonNull(result(reading), "config");
        this.parent = parent;
        this.codeApps.putAll(extraApps);
        // the store outlives every application layer: a reload keeps everyone logged in
        // one method reference for both uses: each makes the JDK generate a class at its first use
        BiFunction<String, String, ConfigException> errors = config::error;
        this.sessions = sessions != null ? sessions
                : SessionSettings.read(config.section("session"), errors).newStore(config.serverDir(), Clock.systemUTC());
        // plugins first, so that saved settings find them; then the hook that applies
        // saved settings to every branch before it is reachable; then the branches
        PluginSettings.plug(router(), config);
        this.pluginSettings = new PluginSettings(router(), config.serverDir());
        router().beforeAttach(pluginSettings::prepare);
        pluginSettings.prepare(router());
        router().branch("_server", serverApplication);
        router().branch("_sys", sysRoot);
        AppLayer first = AppLayer.build(config, codeApps, codeMainApp, this.sessions, builtInSys);
        try {
            first.publish(router(), sysRoot.router(), null);
        } catch (RuntimeException e) {
            first.closeLoader();
            throw e;
        }
        this.layer = first;
        this.pipeline = new Pipeline(router(), () -> layer, registry, ScopedValue.where(Context.SERVER, this),
                config.server().debug(), config.server().fieldLimit());
        this.storage = storage(config);
        this.resources = new Resources(config.serverDir());
        WsxSettings wsxSettings = WsxSettings.read(config.section("wsx"), errors);
        this.wsx = wsxSettings.enabled() ? new Wsx(wsxSettings, config.server().limits(),
                bus != null ? bus : TopicBus.local(), pipeline::call) : null;
    }

    /**
     * What a task returned, or what it threw, as if it had run on this thread. The wait is not
     * interruptible, as reading on this thread was not; an interrupt is kept for later.
     */
    private static <T> T result(FutureTask<T> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case RuntimeException r -> throw r;
                        case Error r -> throw r;
                        default -> throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A builder for embedding: everything config.yaml can say, in Java. */
    public static ServerBuilder builder() {
        return new ServerBuilder();
    }

    // ---------------------------------------------------------------- life

    /** Where a server is in its life, as {@code /_server/ready} reports it. */
    public enum State {
        /** Built, apps not started or port not open yet: not ready. */
        STARTING,
        /** Serving. */
        READY,
        /** {@link #close()} has begun: requests in flight finish, new ones should go elsewhere. */
        DRAINING,
        /** Closed. */
        STOPPED
    }

    /** Where this server is in its life. */
    public State state() {
        return state;
    }

    /**
     * Binds the port, runs the startup hooks in mount order, then serves. While the hooks
     * run, {@code /_server/health} and {@code /_server/ready} answer (alive, not ready) and
     * every other request gets 503 with {@code Retry-After}, so a slow start shows as
     * "starting" rather than as a refused connection.
     *
     * @throws IOException           when the port cannot be bound (no hook has run)
     * @throws IllegalStateException when a startup hook fails (the port is closed again and
     *                               the hooks that had run are undone)
     */
    public synchronized AsgiServer start() throws IOException {
        if (http != null || closed) {
            throw new IllegalStateException(closed ? "the server is closed" : "the server is already started");
        }
        http = httpServer(config.server()); // set first: a hook may ask for the port
        try {
            lifespan.startup(layer.all());
        } catch (RuntimeException e) {
            http.stop(Duration.ZERO);
            http = null;
            throw e;
        }
        state = State.READY;
        LOG.log(Level.INFO, "serving " + config.serverDir() + " on http" + (config.server().tls().isPresent() ? "s" : "")
                + "://" + config.server().host() + ":" + http.port() + "/ (apps: " + String.join(", ", layer.apps().keySet()) + ")");
        if (config.server().reload()) {
            reloader = Reloader.watch(this, config.serverDir());
        }
        return this;
    }

    /**
     * Starts, then serves until SIGTERM or SIGINT (or {@link #close()}), shutting down
     * gracefully. The command line's entry point; it says "stopped" on standard error at
     * the end, since the logging system may already be shut down by then.
     */
    public void run() throws IOException, InterruptedException {
        start();
        Thread hook = Thread.ofPlatform().name("genro-shutdown").unstarted(() -> {
            close();
            System.err.println("genro-server: stopped");
        });
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
    }

    /** Stops accepting, lets requests in flight finish within the grace period, then runs shutdown hooks in reverse. */
    @Override
    public void close() {
        HttpServer h;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            h = http;
            state = State.DRAINING;
        }
        if (reloader != null) {
            reloader.close();
        }
        AppLayer last = layer;
        if (h != null) {
            drainDelay(config.server().drainDelay());
            h.stop(config.server().shutdownGrace());
            lifespan.shutdown(last.all());
        }
        last.closeLoader();
        if (wsx != null) {
            wsx.close();
        }
        AccessLog.flush(Duration.ofSeconds(5)); // every line of the requests just served is on disk
        state = State.STOPPED;
        stopped.countDown();
        LOG.log(Level.INFO, "stopped");
    }

    /**
     * Keeps serving for {@code delay} with readiness at 503, so that a load balancer polling
     * {@code /_server/ready} takes this instance out before it stops accepting. An interrupt
     * cuts the wait short: whoever interrupts wants the server gone now.
     */
    private static void drainDelay(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        LOG.log(Level.INFO, "draining: readiness is 503, stopping in " + delay.toMillis() + " ms");
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpServer httpServer(ServerSettings s) throws IOException {
        HttpServer.Builder b = HttpServer.builder().host(s.host()).port(s.port()).limits(s.limits())
                .shutdownGrace(s.shutdownGrace()).webSocketDeflate(s.wsDeflate()).handler(this::serve);
        if (s.tls().isPresent()) {
            b.tls(s.tls().get().keystore(), s.tls().get().passwordChars());
        }
        return b.start();
    }

    /** The engine's handler: the WSX endpoint's handshakes, and every other request through the pipeline. */
    private void serve(Request received, Response response) throws Exception {
        Request request = Forwarding.resolve(received, config.server().trustedProxies());
        if (state == State.STARTING && !request.path().equals("/_server/health")
                && !request.path().equals("/_server/ready")) {
            // the apps' startup hooks are still running: nothing but the probes may reach them
            response.status(503).header("Retry-After", "1").header("Cache-Control", "no-store")
                    .header("Content-Type", "text/plain; charset=utf-8").send("starting\n");
            return;
        }
        if (wsx != null && request.path().equals(wsx.settings().path())) {
            wsx.accept(request, response);
        } else {
            pipeline.serve(request, response);
        }
        if (jsonWarmUp.get() == null) {
            // Jackson's set-up (about 300 ms of CPU on a cold JVM) waits for the first answer:
            // run while the config was read, it took the second core from the JIT compilers;
            // run as the port opened, from the first connection's cold code. A JSON reply that
            // comes before it has finished waits for it, as it would without it. Once per process.
            Thread warmUp = Thread.ofVirtual().name("genro-json-warm-up").unstarted(Json::warm);
            if (jsonWarmUp.compareAndSet(null, warmUp)) {
                warmUp.start();
            }
        }
    }

    // ---------------------------------------------------------------- requests

    /**
     * Serves one request in memory, without a socket: the same registry, context,
     * pipeline and dispatch as a network request, returning the reply instead of
     * writing it. For tests of apps and for benchmarks; a streamed reply's writer has
     * not run yet when this returns.
     */
    public Reply handle(Request request) {
        return pipeline.handle(Forwarding.resolve(request, config.server().trustedProxies()));
    }

    // ---------------------------------------------------------------- mounting

    /**
     * Mounts an app under {@code name} (its URL prefix) on a running or not yet started
     * server: a {@link RoutingClass}, an {@link org.genro.server.exchange.Endpoint} or an
     * engine {@link Handler}. Replaces an app of the same name. On a running server the app's startup hook runs first, and the replaced
     * app's shutdown hook once the requests it was serving are done.
     *
     * @throws IllegalArgumentException for a bad name or an object that cannot be mounted
     * @throws IllegalStateException    when the app's startup hook fails (nothing changes)
     */
    public synchronized void mount(String name, Object app) {
        AppLayer.checkMountName(name, "mount");
        if (!AppLayer.mountable(app)) {
            throw new IllegalArgumentException("cannot mount " + app.getClass().getName()
                    + " as '" + name + "': it is not " + AppLayer.MOUNTABLE);
        }
        AppLayer old = layer;
        Map<String, Object> apps = new LinkedHashMap<>(old.apps());
        apps.put(name, app);
        AppLayer next = old.withApps(apps, codeMainApp);
        swap(old, next);
        codeApps.put(name, app);
    }

    /**
     * Reloads the application layer from the configuration source without touching the
     * listening socket. The new apps are built, started, prepared with the saved plugin
     * settings and only then published; any failure on the way keeps the running apps
     * (and is logged). Apps the old layer shared with the new one (mounted from code)
     * keep running; the others stop once the requests they were serving are done, within
     * the shutdown grace. Server settings (host, port, TLS, limits) need a restart.
     *
     * @return whether the new layer is serving
     */
    public boolean reload() {
        AppLayer next;
        ServerConfig fresh;
        synchronized (this) {
            if (closed) {
                return false;
            }
            try {
                fresh = source.get();
                next = AppLayer.build(fresh, codeApps, codeMainApp, sessions, builtInSys);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "reload failed, the running apps stay: " + e.getMessage());
                return false;
            }
            try {
                swap(layer, next);
            } catch (RuntimeException e) {
                next.closeLoader();
                LOG.log(Level.ERROR, "reload failed, the running apps stay: " + e.getMessage());
                return false;
            }
            if (!fresh.server().equals(config.server())) {
                LOG.log(Level.WARNING, "server settings changed; they take effect at the next restart");
            }
            config = fresh;
        }
        LOG.log(Level.INFO, "reloaded (apps: " + String.join(", ", next.apps().keySet()) + ")");
        return true;
    }

    /**
     * Replaces the serving layer: starts what is new (on a running server), publishes it,
     * then retires what is gone once its requests are done. On failure nothing changes and
     * what was started is stopped again.
     */
    private void swap(AppLayer old, AppLayer next) {
        boolean running = http != null;
        List<Object> added = next.notIn(old);
        if (running) {
            lifespan.startup(added);
        }
        try {
            next.publish(router(), sysRoot.router(), old);
        } catch (RuntimeException e) {
            if (running) {
                lifespan.shutdown(added);
            }
            throw e;
        }
        layer = next;
        List<Object> gone = old.notIn(next);
        boolean ownLoader = old.loaded() != null && old.loaded() != next.loaded();
        // taken after publishing: what opens later checks the layer again and never runs on the old one
        var oldRequests = registry.snapshot();
        Thread.ofVirtual().name("genro-retire").start(() -> {
            registry.awaitClosed(oldRequests, config.server().shutdownGrace());
            if (running) {
                lifespan.shutdown(gone);
            }
            if (ownLoader) {
                old.closeLoader();
            }
        });
    }

    // ---------------------------------------------------------------- accessors

    /** Open WebSocket sessions of any kind (WSX sockets among them); 0 before the start. */
    public int webSocketCount() {
        HttpServer h = http;
        return h == null ? 0 : h.webSocketCount();
    }

    /** Bytes read from client sockets since start; 0 before it (or when answering in memory). */
    public long bytesRead() {
        HttpServer h = http;
        return h == null ? 0 : h.bytesRead();
    }

    /** Bytes written to client sockets since start; 0 before it. */
    public long bytesWritten() {
        HttpServer h = http;
        return h == null ? 0 : h.bytesWritten();
    }

    /** The port the server listens on. */
    public int port() {
        HttpServer h = http;
        if (h == null) {
            throw new IllegalStateException("the server is not started");
        }
        return h.port();
    }

    /** The merged configuration. */
    public ServerConfig config() {
        return config;
    }

    /** The object given as {@code parent} at construction, or null. */
    public Object parent() {
        return parent;
    }

    /** User apps by mount name, in mount order. */
    public Map<String, Object> apps() {
        return layer.apps();
    }

    /** System apps by name (mounted under {@code /_sys/}). */
    public Map<String, Object> sysApps() {
        return layer.sysApps();
    }

    /** The app answering at {@code /}, or null. */
    public String mainApp() {
        return layer.mainApp();
    }

    /** The requests in flight, and counters of those served. */
    public RequestRegistry requestRegistry() {
        return registry;
    }

    /** The {@code /_server} system endpoints. */
    public ServerApplication serverApplication() {
        return serverApplication;
    }

    /** The startup and shutdown hooks' runner. */
    ServerLifespan lifespan() {
        return lifespan;
    }

    /** The current exchange (from the request context); see {@link Context#exchange()}. */
    public Exchange exchange() {
        return Context.exchange();
    }

    /** What the client sent in the current request; see {@link Context#request()}. */
    public Request request() {
        return Context.request();
    }

    /** The current request's pending reply; see {@link Context#reply()}. */
    public Reply reply() {
        return Context.reply();
    }

    /** Open connections right now (0 before start). */
    public int connectionCount() {
        HttpServer h = http;
        return h == null ? 0 : h.connectionCount();
    }

    /** Milliseconds since the server object was built. */
    public long uptimeMillis() {
        return System.currentTimeMillis() - startedMillis;
    }

    // ---------------------------------------------------------------- plugin settings

    /**
     * The live plugin settings of the router at {@code routerPath} ("" for the root), or
     * of one entry there: {@code {"router_path": ..., "plugin_info": ...}}, or
     * {@code {"error": ...}} for an unknown router.
     */
    public Map<String, Object> pluginConfig(String routerPath, String entry) {
        return pluginSettings.get(routerPath, entry);
    }

    /**
     * Changes a plugin's settings live, not saved: {@code target} is {@code _all_} (the
     * router and what inherits from it) or an entry name. Answers {@code {"ok": true,
     * "updated": [...]}} or {@code {"error": ...}}; nothing changes on error.
     */
    public Map<String, Object> setPluginConfig(String routerPath, String plugin, String target, Map<String, Object> values) {
        return pluginSettings.set(routerPath, plugin, target, values);
    }

    /** Saves the live settings of the whole tree to {@code plugin_config.json}, atomically. */
    public Map<String, Object> savePluginConfig() throws IOException {
        return pluginSettings.save();
    }

    /** Returns to the saved settings, or to those the server started with when none are saved. */
    public Map<String, Object> revertPluginConfig() {
        return pluginSettings.revert();
    }

    /** Applies {@code plugin_config.json} again (done at boot and after reload). */
    public void applyPersistedConfig() {
        pluginSettings.apply();
    }

    /** Where plugin settings are saved: {@code plugin_config.json} in the server directory. */
    public Path pluginConfigFile() {
        return pluginSettings.file();
    }

    // ---------------------------------------------------------------- identity

    /**
     * The WSX endpoint: publish events to topics, find a connection by id.
     *
     * @throws IllegalStateException when {@code wsx.enabled} is false
     */
    public Wsx wsx() {
        if (wsx == null) {
            throw new IllegalStateException("WSX is turned off (wsx.enabled: false)");
        }
        return wsx;
    }

    /** The storage mounts of the {@code storage} section: {@code storage().node("uploads:a/b.png")}. */
    public Storage storage() {
        return storage;
    }

    /** The resource loader: built-in, server and app levels (see {@link Resources}). */
    public Resources resources() {
        return resources;
    }

    private static Storage storage(ServerConfig config) {
        try {
            return Storage.of(config.storage());
        } catch (java.io.UncheckedIOException e) {
            throw config.error("storage", e.getMessage());
        }
    }

    /** WSX sockets open now (0 when WSX is off). */
    public int wsxConnectionCount() {
        return wsx == null ? 0 : wsx.connectionCount();
    }

    /** Where sessions are kept: the {@code session} section's store, or the one given to the builder. */
    public SessionStore sessionStore() {
        return sessions;
    }

    /**
     * Starts a session for {@code avatar} (a login). Inside a request it becomes the
     * request's session: the session it replaces is deleted, so a login always gets a new
     * id (no session fixation), and the reply carries the new cookie.
     */
    public Session createSession(Avatar avatar) {
        Session created = sessions.create(avatar);
        if (Context.active()) {
            // the session layer deletes the one this replaces, by the id its cookie carried
            Exchange exchange = Context.exchange();
            exchange.session(created);
            exchange.avatar(avatar);
        }
        return created;
    }

    /** Checks credentials: the current layer's {@code auth} section. */
    Authenticator authenticator() {
        return layer.authenticator();
    }

    // ---------------------------------------------------------------- databases

    /** Registers a database (or pool, or any shared resource) under a name. */
    public void registerDb(String name, Object db) {
        databases.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(db, "db"));
    }

    /**
     * The database registered as {@code name}.
     *
     * @throws NoSuchElementException naming the missing database and those registered
     */
    public Object db(String name) {
        Object db = databases.get(name);
        if (db == null) {
            throw new NoSuchElementException("no database registered as '" + name + "' (registered: "
                    + (databases.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(databases.keySet()))) + ")");
        }
        return db;
    }

    /** The database registered as {@code default}. */
    public Object db() {
        return db("default");
    }

    // ---------------------------------------------------------------- root entries

    /** {@code /} when no main app is set: a small page listing the apps. */
    @Route(name = "index", mime = "text/html")
    public String welcome() {
        StringBuilder sb = new StringBuilder("<!doctype html><meta charset=utf-8><title>genro server</title>"
                + "<h1>Server is running</h1><ul>");
        for (String app : layer.apps().keySet()) {
            sb.append("<li><a href=\"/").append(Html.escape(app)).append("/\">").append(Html.escape(app)).append("</a>");
        }
        return sb.append("</ul><p><a href=\"/_server/\">server status</a>").toString();
    }

    /** The thread of Jackson's set-up once an answer has started it (see {@link #serve}), or null. */
    Thread jsonWarmUp() {
        return jsonWarmUp.get();
    }

    /** The application layer requests open on now; for this package's tests. */
    AppLayer layer() {
        return layer;
    }

    /** Container routing class for system apps under {@code _sys}. */
    static final class SysApps extends RoutingClass {
    }

    /** Who may reach the server's own pages, as the layer in force says. */
    SystemAccess systemAccess() {
        return layer.access();
    }

    /** The server as the built-in system apps see it: always the layer in force. */
    private final class Host implements SystemHost {
        @Override
        public Map<String, Optional<Router>> apps() {
            Map<String, Optional<Router>> out = new LinkedHashMap<>();
            layer.apps().forEach((name, app) -> out.put(name,
                    app instanceof RoutingClass rc ? Optional.of(rc.router()) : Optional.empty()));
            return out;
        }

        @Override
        public ServerConfig config() {
            return config;
        }

        @Override
        public Map<String, Object> pluginTree() {
            return router().configure("?");
        }

        @Override
        public Map<String, Object> pluginConfig(String routerPath, String entry) {
            return AsgiServer.this.pluginConfig(routerPath, entry);
        }

        @Override
        public Map<String, Object> setPluginConfig(String routerPath, String plugin, String target,
                                                   Map<String, Object> values) {
            return AsgiServer.this.setPluginConfig(routerPath, plugin, target, values);
        }

        @Override
        public Map<String, Object> savePluginConfig() throws IOException {
            return AsgiServer.this.savePluginConfig();
        }

        @Override
        public Map<String, Object> revertPluginConfig() {
            return AsgiServer.this.revertPluginConfig();
        }
    }
}
