package org.genro.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.genro.http.Handler;
import org.genro.router.Router;
import org.genro.router.RoutingClass;
import org.genro.server.auth.AuthLayer;
import org.genro.server.auth.AuthSettings;
import org.genro.server.auth.Authenticator;
import org.genro.server.config.AppSpec;
import org.genro.server.config.ConfigException;
import org.genro.server.config.LoadedApps;
import org.genro.server.config.ServerConfig;
import org.genro.server.exchange.Endpoint;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Middleware;
import org.genro.server.exchange.Next;
import org.genro.server.middleware.MiddlewareChain;
import org.genro.server.middleware.Middlewares;
import org.genro.server.session.SessionLayer;
import org.genro.server.session.SessionSettings;
import org.genro.server.session.SessionStore;

/**
 * The application layer of a running server, swapped whole on reload: the apps mounted
 * under each name, the main app, every middleware pipeline, and where the configured apps
 * were loaded from. Immutable once built; a request reads the current layer once and
 * keeps it to the end.
 *
 * @param config    the configuration the layer was built from
 * @param apps      user apps in mount order (routing classes, endpoints or engine handlers)
 * @param sysApps   system apps, mounted under {@code _sys/}
 * @param mainApp   the app that also answers at {@code /}, or null
 * @param global    the global pipeline: global middleware, then the owning app's pipeline
 * @param pipelines each mount's own pipeline ({@code "shop"}, {@code "_sys/admin"}), ending
 *                  in the terminal; mounts without middleware of their own have none
 * @param loaded    the configured apps and their class loader, or null for none
 * @param authenticator who is calling, from the {@code auth} section
 * @param sessions  the server's session store (it outlives every layer)
 * @param access    who may reach {@code /_server/} pages and system apps
 * @param names     every name a request can be routed to: the user apps, {@code _server},
 *                  {@code _sys} and {@code _sys/<name>} for each system app
 */
record AppLayer(ServerConfig config, Map<String, Object> apps, Map<String, Object> sysApps, String mainApp,
                Next global, Map<String, Next> pipelines, LoadedApps loaded, Authenticator authenticator,
                SessionStore sessions, SystemAccess access, MountTable names) {

    private static final Pattern MOUNT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    AppLayer {
        apps = Collections.unmodifiableMap(new LinkedHashMap<>(apps));
        sysApps = Collections.unmodifiableMap(new LinkedHashMap<>(sysApps));
        pipelines = Map.copyOf(pipelines);
    }

    /**
     * The layer for {@code config} plus apps mounted from code: loads the configured apps,
     * picks the main app and builds the pipelines. Every failure is a
     * {@link ConfigException} naming the key, and leaves no class loader open.
     *
     * @param codeMain the main app named from code, overriding config, or null
     * @param builtIn  the built-in system apps, mounted under {@code _sys/} before the configured ones
     */
    static AppLayer build(ServerConfig config, Map<String, Object> codeApps, String codeMain, SessionStore sessions,
                          Map<String, Object> builtIn) {
        LoadedApps loaded = config.loadApps();
        try {
            Map<String, Object> apps = new LinkedHashMap<>();
            for (AppSpec spec : config.apps()) {
                apps.put(spec.name(), checked(config, spec, loaded.apps().get(spec.name())));
            }
            for (Map.Entry<String, Object> e : codeApps.entrySet()) {
                checkMountName(e.getKey(), "mount");
                if (apps.containsKey(e.getKey())) {
                    throw config.error("apps." + e.getKey(), "mounted twice (in config and from code)");
                }
                apps.put(e.getKey(), e.getValue());
            }
            Map<String, Object> sysApps = new LinkedHashMap<>(builtIn);
            for (AppSpec spec : config.sysApps()) {
                if (sysApps.containsKey(spec.name())) {
                    throw config.error(spec.path(), "the name of a built-in system app (" + String.join(", ",
                            builtIn.keySet()) + "); choose another");
                }
                sysApps.put(spec.name(), checked(config, spec, loaded.sysApps().get(spec.name())));
            }
            return assemble(config, apps, sysApps, codeMain, loaded, sessions);
        } catch (RuntimeException | Error e) {
            loaded.close();
            throw e;
        }
    }

    /** This layer with another set of user apps (a mount at run time): same config, loader and system apps. */
    AppLayer withApps(Map<String, Object> others, String codeMain) {
        return assemble(config, others, sysApps, codeMain, loaded, sessions);
    }

    private static Object checked(ServerConfig config, AppSpec spec, Object app) {
        checkMountName(spec.name(), spec.path());
        if (!mountable(app)) {
            throw config.error(spec.path() + ".class", app.getClass().getName() + " is not " + MOUNTABLE);
        }
        return app;
    }

    private static AppLayer assemble(ServerConfig config, Map<String, Object> apps, Map<String, Object> sysApps,
                                     String codeMain, LoadedApps loaded, SessionStore sessions) {
        String main = codeMain != null ? codeMain
                : config.mainApp().orElse(apps.size() == 1 ? apps.keySet().iterator().next() : null);
        if (main != null && !apps.containsKey(main)) {
            throw config.error("main_app", "names no app: '" + main + "' (apps: " + String.join(", ", apps.keySet()) + ")");
        }
        ClassLoader classes = loaded == null ? AppLayer.class.getClassLoader() : loaded.classLoader();
        // one method reference for the three: each makes the JDK generate a class at its first use
        BiFunction<String, String, ConfigException> errors = config::error;
        AuthSettings auth = AuthSettings.read(config.section("auth"), config.serverDir(), errors, Clock.systemUTC());
        SessionSettings session = SessionSettings.read(config.section("session"), errors);
        Middlewares kinds = Middlewares.standard(classes, config.server().debug(), errors, config.serverDir())
                .with(SessionLayer.NAME, Layer.BUILT_IN.get(SessionLayer.NAME), true,
                        settingsElsewhere(config, new SessionLayer(session, sessions)))
                .with(AuthLayer.NAME, Layer.BUILT_IN.get(AuthLayer.NAME), true,
                        settingsElsewhere(config, new AuthLayer(auth.authenticator(), auth.loginPage())));
        SystemAccess access = SystemAccess.read(config, sysApps.keySet());
        Map<String, Object> handlers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : apps.entrySet()) {
            if (answersAll(e.getValue())) {
                handlers.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Object> e : sysApps.entrySet()) {
            if (answersAll(e.getValue())) {
                handlers.put("_sys/" + e.getKey(), e.getValue());
            }
        }
        Next terminal = exchange -> switch (handlers.get(exchange.app())) {
            case Endpoint e -> e.serve(exchange);
            case Handler h -> MountedHandler.call(h, exchange);
            case null, default -> Dispatcher.dispatch(exchange);
        };
        Map<String, Next> pipelines = new LinkedHashMap<>();
        for (AppSpec spec : config.apps()) {
            own(spec, spec.name(), terminal, kinds, pipelines);
        }
        for (AppSpec spec : config.sysApps()) {
            own(spec, "_sys/" + spec.name(), terminal, kinds, pipelines);
        }
        // where a request goes after the global middleware, in one lookup: its app's own
        // pipeline, or the terminal for an app answering every path itself; the dispatcher
        // for any other, without asking the terminal which kind of app it is
        Map<String, Next> routes = new HashMap<>();
        for (String mount : handlers.keySet()) {
            routes.put(mount, terminal);
        }
        routes.putAll(pipelines);
        Next byApp = exchange -> {
            var early = MethodRules.serverWide(exchange);
            if (early != null) {
                return early;
            }
            if (exchange.destination().refusal() != null) {
                throw exchange.destination().refusal();
            }
            String app = exchange.destination().app();
            if (app != null && (app.equals("_sys") || app.startsWith("_sys/"))) {
                access.check(exchange, "/" + app);
            }
            Next own = app == null ? null : routes.get(app);
            return own == null ? Dispatcher.dispatch(exchange) : own.proceed(exchange);
        };
        List<Layer> global = kinds.global(config.middleware(), "middleware");
        List<String> names = new ArrayList<>(apps.keySet());
        names.add(Routes.SERVER);
        names.add(Routes.SYS);
        for (String name : sysApps.keySet()) {
            names.add(Routes.SYS + "/" + name);
        }
        return new AppLayer(config, apps, sysApps, main, MiddlewareChain.build(global, byApp), pipelines, loaded,
                auth.authenticator(), sessions, access, new MountTable(names));
    }

    /**
     * A factory for a layer whose options live in a section of their own ({@code auth},
     * {@code session}): under {@code middleware} it can only be switched on or off.
     */
    private static Middlewares.Factory settingsElsewhere(ServerConfig config, Middleware layer) {
        return (options, path) -> {
            if (!options.isEmpty()) {
                String name = path.substring(path.lastIndexOf('.') + 1);
                throw config.error(path + "." + options.keySet().iterator().next(),
                        "the " + name + " layer takes its settings from the " + name + " section; here it is only on or off");
            }
            return layer;
        };
    }

    private static void own(AppSpec spec, String mount, Next terminal, Middlewares kinds, Map<String, Next> pipelines) {
        if (spec.middleware() == null || spec.middleware().isEmpty()) {
            return;
        }
        List<Layer> layers = kinds.app(spec.middleware(), spec.path() + ".middleware");
        pipelines.put(mount, MiddlewareChain.build(layers, terminal));
    }

    /** Every mounted object, user apps first, in mount order. */
    List<Object> all() {
        List<Object> out = new ArrayList<>(apps.values());
        out.addAll(sysApps.values());
        return out;
    }

    /** The mounted objects of this layer that {@code other} does not hold (by identity), in mount order. */
    List<Object> notIn(AppLayer other) {
        Set<Object> there = Collections.newSetFromMap(new IdentityHashMap<>());
        if (other != null) {
            there.addAll(other.all());
        }
        return all().stream().filter(app -> !there.contains(app)).toList();
    }

    /** Whether {@code name} is mounted as an endpoint or an engine handler, not in the routing tree. */
    boolean handles(String name) {
        Object app = name == null ? null : name.startsWith("_sys/") ? sysApps.get(name.substring(5)) : apps.get(name);
        return answersAll(app);
    }

    /** Whether an app answers every path under its mount itself: an endpoint or an engine handler. */
    private static boolean answersAll(Object app) {
        return app instanceof Endpoint || app instanceof Handler;
    }

    /** Closes the class loader of the configured apps, if this layer has one of its own. */
    void closeLoader() {
        if (loaded != null) {
            loaded.close();
        }
    }

    /**
     * Puts this layer's routing classes into the tree in place of {@code old}'s: user apps
     * under {@code root}, system apps under {@code sys}. Each name is replaced in one step,
     * so a request sees the old app or the new one, never a gap; the tree's attach hook
     * prepares each newcomer before it is reachable. If one attach fails, the ones already
     * made are undone and the exception propagates: the old layer keeps serving.
     */
    void publish(Router root, Router sys, AppLayer old) {
        List<Runnable> undo = new ArrayList<>();
        try {
            swap(root, old == null ? Map.of() : old.apps(), apps, undo);
            swap(sys, old == null ? Map.of() : old.sysApps(), sysApps, undo);
        } catch (RuntimeException e) {
            undo.reversed().forEach(Runnable::run);
            throw e;
        }
    }

    private static void swap(Router on, Map<String, Object> old, Map<String, Object> next, List<Runnable> undo) {
        for (Map.Entry<String, Object> e : next.entrySet()) {
            String name = e.getKey();
            Object before = old.get(name);
            if (e.getValue() instanceof RoutingClass rc && before != rc) {
                if (before instanceof RoutingClass previous) {
                    on.replaceBranch(name, rc);
                    undo.add(() -> on.replaceBranch(name, previous));
                } else {
                    on.branch(name, rc);
                    undo.add(() -> on.removeBranch(name));
                }
            }
        }
        for (Map.Entry<String, Object> e : old.entrySet()) {
            String name = e.getKey();
            if (e.getValue() instanceof RoutingClass previous && !(next.get(name) instanceof RoutingClass)) {
                on.removeBranch(name);
                undo.add(() -> on.branch(name, previous));
            }
        }
    }

    static boolean mountable(Object app) {
        return app instanceof RoutingClass || answersAll(app);
    }

    /** What {@link #mountable} accepts, for error messages. */
    static final String MOUNTABLE = "a RoutingClass, an org.genro.server.exchange.Endpoint or an org.genro.http.Handler";

    static void checkMountName(String name, String path) {
        if (name == null || !MOUNT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(path + ": mount name must be letters, digits, '.', '_' or '-', "
                    + "not starting with '_' or a punctuation mark, got '" + name + "'");
        }
    }
}
