package org.genro.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.genro.http.Handler;
import org.genro.http.HttpServer;
import org.genro.http.Limits;
import org.genro.http.Request;
import org.genro.http.Response;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.config.ConfigException;
import org.genro.server.config.LimitSettings;
import org.genro.server.config.ServerConfig;
import org.genro.server.config.ServerSettings;

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
// The server hands itself to its parts (dispatcher, lifespan, system endpoints) while it is
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
    private final Dispatcher dispatcher = new Dispatcher(this);
    private final ServerLifespan lifespan = new ServerLifespan(this);
    private final ServerApplication serverApplication = new ServerApplication(this);
    private final SysApps sysRoot = new SysApps();
    private final Map<String, Object> databases = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long startedMillis = System.currentTimeMillis();
    private volatile Mounts mounts;
    private final PluginSettings pluginSettings;
    private volatile HttpServer http;
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
        this(() -> new ServerConfig(serverDir, host, port, reload, argv == null ? List.of() : argv), parent, Map.of(), null);
    }

    /** A server on a server directory with everything from its config. */
    public AsgiServer(Path serverDir) {
        this(serverDir, null, null, null, List.of(), null);
    }

    /**
     * A server from a configuration source (read again on reload) plus apps mounted from
     * code (kept across reloads): the builder's path.
     */
    AsgiServer(Supplier<ServerConfig> source, Object parent, Map<String, Object> extraApps, String codeMainApp) {
        this.source = source;
        this.codeMainApp = codeMainApp;
        this.config = Objects.requireNonNull(source.get(), "config");
        this.parent = parent;
        this.codeApps.putAll(extraApps);
        router().branch("_server", serverApplication);
        router().branch("_sys", sysRoot);
        PluginSettings.plug(router(), config);
        this.mounts = new AppLayer(this, config).build(codeApps);
        attach(Mounts.empty(), mounts);
        this.pluginSettings = new PluginSettings(router(), config.serverDir());
        pluginSettings.boot();
    }

    /** A builder for embedding: everything config.yaml can say, in Java. */
    public static ServerBuilder builder() {
        return new ServerBuilder();
    }

    // ---------------------------------------------------------------- life

    /**
     * Runs the startup hooks in mount order, then binds the port and serves.
     *
     * @throws IOException when the port cannot be bound (the hooks' shutdown runs)
     */
    public synchronized AsgiServer start() throws IOException {
        if (http != null || closed) {
            throw new IllegalStateException(closed ? "the server is closed" : "the server is already started");
        }
        lifespan.startup(mounts.all());
        try {
            http = httpServer(config.server());
        } catch (IOException | RuntimeException e) {
            lifespan.shutdown(mounts.all());
            throw e;
        }
        LOG.log(Level.INFO, "serving " + config.serverDir() + " on http" + (config.server().tls().isPresent() ? "s" : "")
                + "://" + config.server().host() + ":" + http.port() + "/ (apps: " + String.join(", ", mounts.apps().keySet()) + ")");
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
        }
        if (reloader != null) {
            reloader.close();
        }
        if (h != null) {
            h.stop(config.server().shutdownGrace());
            lifespan.shutdown(mounts.all());
        }
        Mounts m = mounts;
        if (m.loader() != null) {
            m.loader().close();
        }
        stopped.countDown();
        LOG.log(Level.INFO, "stopped");
    }

    private HttpServer httpServer(ServerSettings s) throws IOException {
        LimitSettings l = s.limits();
        Limits limits;
        try {
            limits = new Limits(l.requestLine(), l.head(), l.headerCount(), l.body(), l.headTimeout(),
                    l.idleTimeout(), l.bodyTimeout(), l.writeTimeout(), l.maxRequestsPerConnection(),
                    l.maxConnections(), l.drain(), l.minBodyRate());
        } catch (IllegalArgumentException e) {
            throw config.error("server.limits", e.getMessage());
        }
        HttpServer.Builder b = HttpServer.builder().host(s.host()).port(s.port()).limits(limits)
                .shutdownGrace(s.shutdownGrace()).handler(this::serve);
        if (s.tls().isPresent()) {
            b.tls(s.tls().get().keystore(), s.tls().get().passwordChars());
        }
        return b.start();
    }

    // ---------------------------------------------------------------- requests

    /** The engine calls this for every request: context, pipeline, reply, registry. */
    private void serve(Request request, Response response) throws Exception {
        Exchange exchange = registry.open(request);
        int[] status = {500};
        try {
            ScopedValue.where(Context.EXCHANGE, exchange).where(Context.SERVER, this).call(() -> {
                Reply reply = process(exchange);
                status[0] = reply.status();
                ReplyWriter.write(reply, request.method(), response);
                return null;
            });
        } finally {
            registry.close(exchange, status[0]);
        }
    }

    /**
     * Serves one request in memory, without a socket: the same registry, context,
     * pipeline and dispatch as a network request, returning the reply instead of
     * writing it. For tests of apps and for benchmarks; a streamed reply's writer has
     * not run yet when this returns.
     */
    public Reply handle(Request request) {
        Exchange exchange = registry.open(request);
        Reply reply = null;
        try {
            reply = ScopedValue.where(Context.EXCHANGE, exchange).where(Context.SERVER, this).call(() -> process(exchange));
            return reply;
        } finally {
            registry.close(exchange, reply == null ? 500 : reply.status());
        }
    }

    /** Demultiplexes, then runs the pipeline; never throws (an escaped error becomes a reply). */
    Reply process(Exchange exchange) {
        Mounts m = mounts;
        try {
            Request request = exchange.request();
            if (request.path().equals("*")) {
                // OPTIONS * asks about the server as a whole (RFC 9110 §9.3.7)
                return Reply.of(204).header("Allow", String.join(", ", new java.util.TreeSet<>(Dispatcher.STANDARD)));
            }
            if (request.method().equals("CONNECT")) {
                return Failure.answer(exchange, 501, "Not Implemented");
            }
            if (request.contentLength() > request.bodyLimit()) {
                // refuse before any app code runs, and before 100 Continue is owed
                return Failure.answer(exchange, 413, "Content Too Large");
            }
            Demux.route(exchange, m, router());
            return m.global().proceed(exchange);
        } catch (Throwable e) {
            return Failure.reply(e, exchange, config.server().debug());
        }
    }

    /** The end of every pipeline: an engine handler mount, or the router. */
    Reply terminal(Exchange exchange) throws Exception {
        String app = exchange.app();
        Handler handler = app == null ? null : mounts.handler(app);
        if (handler != null) {
            return MountedHandler.call(handler, exchange);
        }
        return dispatcher.dispatch(exchange);
    }

    // ---------------------------------------------------------------- mounting

    /**
     * Mounts an app under {@code name} (its URL prefix) on a running or not yet started
     * server: a {@link RoutingClass} or an engine {@link Handler}. Replaces an app of the
     * same name.
     */
    public synchronized void mount(String name, Object app) {
        Map<String, Object> apps = new LinkedHashMap<>(mounts.apps());
        AppLayer.checkMountName(name, "mount");
        if (!Mounts.mountable(app)) {
            throw new IllegalArgumentException("cannot mount " + app.getClass().getName()
                    + " as '" + name + "': it is neither a RoutingClass nor an org.genro.http.Handler");
        }
        apps.put(name, app);
        codeApps.put(name, app);
        Mounts next = new AppLayer(this, config).rebuild(mounts, apps);
        attach(mounts, next);
        mounts = next;
    }

    /** Swaps the routing tree's branches from {@code old} to {@code next}. */
    private void attach(Mounts old, Mounts next) {
        Mounts.attach(router(), sysRoot.router(), old, next);
    }

    /**
     * Reloads the application layer from the configuration source without touching the
     * listening socket: the new apps are built and started first (a failure keeps the
     * running ones and is logged), then swapped in; the old apps stop once the requests
     * they were serving are done, within the shutdown grace. Server settings (host,
     * port, TLS, limits) need a restart.
     *
     * @return whether the new layer is serving
     */
    public boolean reload() {
        Mounts next;
        ServerConfig fresh;
        synchronized (this) {
            if (closed) {
                return false;
            }
            try {
                fresh = source.get();
                next = new AppLayer(this, fresh).build(codeApps);
                lifespan.startup(next.all());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "reload failed, the running apps stay: " + e.getMessage());
                return false;
            }
            if (!fresh.server().equals(config.server())) {
                LOG.log(Level.WARNING, "server settings changed; they take effect at the next restart");
            }
            Mounts old = mounts;
            attach(old, next);
            config = fresh;
            mounts = next;
            try {
                pluginSettings.apply(); // the new apps get the saved settings too
            } catch (ConfigException e) {
                LOG.log(Level.ERROR, "reloaded, but " + e.getMessage());
            }
            // read after publishing: a request opened before this id may still hold the old layer
            long lastOld = registry.lastId();
            Thread.ofVirtual().name("genro-retire").start(() -> retire(old, lastOld));
        }
        LOG.log(Level.INFO, "reloaded (apps: " + String.join(", ", next.apps().keySet()) + ")");
        return true;
    }

    /** Stops a replaced layer once the requests it was serving have finished. */
    private void retire(Mounts old, long lastId) {
        registry.awaitUpTo(lastId, config.server().shutdownGrace());
        lifespan.shutdown(old.all());
        if (old.loader() != null) {
            old.loader().close();
        }
    }

    // ---------------------------------------------------------------- accessors

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
        return mounts.apps();
    }

    /** System apps by name (mounted under {@code /_sys/}). */
    public Map<String, Object> sysApps() {
        return mounts.sysApps();
    }

    /** The app answering at {@code /}, or null. */
    public String mainApp() {
        return mounts.mainApp();
    }

    /** The requests in flight. */
    public RequestRegistry requestRegistry() {
        return registry;
    }

    /** The dispatcher (routing and invocation). */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The lifespan (startup and shutdown hooks). */
    public ServerLifespan lifespan() {
        return lifespan;
    }

    /** The {@code /_server} system endpoints. */
    public ServerApplication serverApplication() {
        return serverApplication;
    }

    /** The current request's exchange (from the scoped context). */
    public Exchange request() {
        return Context.exchange();
    }

    /** The current request's pending response (from the scoped context). */
    public Reply response() {
        return Context.response();
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
    public Object getDb(String name) {
        Object db = databases.get(name);
        if (db == null) {
            throw new NoSuchElementException("no database registered as '" + name + "' (registered: "
                    + (databases.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(databases.keySet()))) + ")");
        }
        return db;
    }

    /** The database registered as {@code default}. */
    public Object db() {
        return getDb("default");
    }

    // ---------------------------------------------------------------- root entries

    /** {@code /} when no main app is set: a small page listing the apps. */
    @Route(name = "index", mime = "text/html")
    public String welcome() {
        StringBuilder sb = new StringBuilder("<!doctype html><meta charset=utf-8><title>genro server</title>"
                + "<h1>Server is running</h1><ul>");
        for (String app : mounts.apps().keySet()) {
            sb.append("<li><a href=\"/").append(Html.escape(app)).append("/\">").append(Html.escape(app)).append("</a>");
        }
        return sb.append("</ul><p><a href=\"/_server/\">server status</a>").toString();
    }

    /** The main app named from code (the builder), overriding config; or null. */
    String codeMainApp() {
        return codeMainApp;
    }

    /** Container routing class for system apps under {@code _sys}. */
    static final class SysApps extends RoutingClass {
    }
}
