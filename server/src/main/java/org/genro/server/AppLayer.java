package org.genro.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.genro.server.config.AppLoader;
import org.genro.server.config.AppSpec;
import org.genro.server.config.ConfigException;
import org.genro.server.config.ServerConfig;
import org.genro.server.middleware.Layer;
import org.genro.server.middleware.MiddlewareChain;
import org.genro.server.middleware.Middlewares;
import org.genro.server.middleware.Next;

/**
 * Builds a {@link Mounts} from a configuration: loads and instantiates the configured
 * apps in their own class loader, adds apps mounted from code, picks the main app and
 * builds the global and per-app middleware pipelines. Every failure is a
 * {@link ConfigException} naming the key; a half-built layer closes its loader.
 */
final class AppLayer {
    private static final Pattern MOUNT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final AsgiServer server;
    private final ServerConfig config;

    AppLayer(AsgiServer server, ServerConfig config) {
        this.server = server;
        this.config = config;
    }

    /** The layer for the configuration plus {@code extra} apps mounted from code. */
    Mounts build(Map<String, Object> extra) {
        AppLoader loader = new AppLoader(config);
        try {
            Map<String, Object> apps = instantiate(config.apps(), loader);
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                checkMountName(e.getKey(), "mount");
                if (apps.containsKey(e.getKey())) {
                    throw config.error("apps." + e.getKey(), "mounted twice (in config and from code)");
                }
                apps.put(e.getKey(), e.getValue());
            }
            Map<String, Object> sysApps = instantiate(config.sysApps(), loader);
            return assemble(apps, sysApps, loader);
        } catch (RuntimeException e) {
            loader.close();
            throw e;
        }
    }

    /** The layer with a different set of user apps, keeping system apps and loader. */
    Mounts rebuild(Mounts current, Map<String, Object> apps) {
        return assemble(apps, current.sysApps(), current.loader());
    }

    private Map<String, Object> instantiate(List<AppSpec> specs, AppLoader loader) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (AppSpec spec : specs) {
            checkMountName(spec.name(), spec.path());
            Object app = loader.instantiate(spec);
            if (!Mounts.mountable(app)) {
                throw config.error(spec.path() + ".class", app.getClass().getName()
                        + " is neither a RoutingClass nor an org.genro.http.Handler");
            }
            out.put(spec.name(), app);
        }
        return out;
    }

    private Mounts assemble(Map<String, Object> apps, Map<String, Object> sysApps, AppLoader loader) {
        String main = server.codeMainApp() != null ? server.codeMainApp()
                : config.mainApp().orElse(apps.size() == 1 ? apps.keySet().iterator().next() : null);
        if (main != null && !apps.containsKey(main)) {
            throw config.error("main_app", "names no app: '" + main + "' (apps: " + String.join(", ", apps.keySet()) + ")");
        }
        ClassLoader classes = loader == null ? AppLayer.class.getClassLoader() : loader.classLoader();
        boolean debug = config.server().debug();
        Next terminal = server::terminal;
        Map<String, Next> pipelines = new LinkedHashMap<>();
        Middlewares kinds = Middlewares.standard(classes, debug, config::error);
        for (AppSpec spec : config.apps()) {
            perApp(spec, spec.name(), terminal, kinds, pipelines);
        }
        for (AppSpec spec : config.sysApps()) {
            perApp(spec, "_sys/" + spec.name(), terminal, kinds, pipelines);
        }
        Next byApp = exchange -> {
            Next own = exchange.app() == null ? null : pipelines.get(exchange.app());
            return (own == null ? terminal : own).proceed(exchange);
        };
        List<Layer> global = kinds.global(config.middleware(), "middleware");
        return new Mounts(apps, sysApps, main, MiddlewareChain.build(global, byApp), pipelines, loader);
    }

    private static void perApp(AppSpec spec, String mount, Next terminal, Middlewares kinds,
                               Map<String, Next> pipelines) {
        if (spec.middleware() == null || spec.middleware().isEmpty()) {
            return;
        }
        List<Layer> layers = kinds.app(spec.middleware(), spec.path() + ".middleware");
        pipelines.put(mount, MiddlewareChain.build(layers, terminal));
    }

    static void checkMountName(String name, String path) {
        if (name == null || !MOUNT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(path + ": mount name must be letters, digits, '.', '_' or '-', "
                    + "not starting with '_' or a punctuation mark, got '" + name + "'");
        }
    }
}
