package org.genro.serverapi;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import org.genro.server.config.ConfigException;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Middleware;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Reply;
import org.genro.server.middleware.AccessLog;
import org.genro.server.middleware.Cache;
import org.genro.server.middleware.Compression;
import org.genro.server.middleware.Cors;
import org.genro.server.middleware.Errors;
import org.genro.server.middleware.MiddlewareChain;
import org.genro.server.middleware.Middlewares;
import org.junit.jupiter.api.Test;

/**
 * Touches every public type, constructor, constant and method of the package, so that an API
 * change breaks this file and shows in review.
 */
class MiddlewareApiTest {

    @Test
    void publicApiCompiles() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        BiFunction<String, String, ConfigException> errors = ConfigException::new;
        Middlewares.Factory factory = (options, path) -> (x, next) -> next.proceed(x);
        Middlewares standard = Middlewares.standard(loader, false);
        Middlewares attributed = Middlewares.standard(loader, false, errors).with("auth", 450, false, factory);
        List<Layer> global = standard.global(Map.of(), "middleware");
        List<Layer> app = attributed.app(Map.of(), "apps.a.middleware");
        List<Layer> fromConfig = Middlewares.fromConfig(Map.of(), "middleware", loader, true);
        List<Layer> fromConfig5 = Middlewares.fromConfig(Map.of(), "middleware", loader, true, false);
        Middleware m = factory.create(Map.of(), "middleware.auth");

        Layer layer = new Layer("audit", 600, m);
        Layer custom = Layer.custom("audit", Layer.CUSTOM_MIN + Layer.CUSTOM_MAX - 800, m);
        String name = layer.name();
        int rank = layer.rank();
        Middleware inner = layer.middleware();
        Next next = MiddlewareChain.build(List.of(layer), x -> Reply.ok());
        List<Layer> ordered = MiddlewareChain.order(List.of(custom));
        Reply reply = next.proceed(new org.genro.server.exchange.Exchange(1, new ApiRequest("/", "")));

        Errors errorsLayer = new Errors(new Errors.Options(true));
        Errors.Options eo = errorsLayer.options();
        boolean debug = eo.debug() && Errors.Options.DEFAULTS.debug();
        Map<String, Object> ec = eo.toConfig();
        Layer el = errorsLayer.layer();
        String en = Errors.NAME + Errors.RANK;

        AccessLog log = new AccessLog(new AccessLog.Options(Level.INFO, false, false));
        AccessLog.Options lo = log.options();
        Level level = lo.level();
        boolean q = lo.includeQuery() || lo.includeHeaders() || AccessLog.Options.DEFAULTS.includeQuery();
        Map<String, Object> lc = lo.toConfig();
        Layer ll = log.layer();
        String ln = AccessLog.NAME + AccessLog.RANK + AccessLog.LOGGER;

        Cors.Options co = Cors.Options.DEFAULTS.allowOrigins(List.of("https://a.example")).allowMethods(List.of("GET"))
                .allowHeaders(List.of("X-A")).exposeHeaders(List.of("X-B")).allowCredentials(true).maxAge(1);
        Cors cors = new Cors(new Cors.Options(co.allowOrigins(), co.allowMethods(), co.allowHeaders(),
                co.exposeHeaders(), co.allowCredentials(), co.maxAge()));
        Map<String, Object> cc = cors.options().toConfig();
        Layer cl = cors.layer();
        String cn = Cors.NAME + Cors.RANK;

        Cache.Options ko = Cache.Options.DEFAULTS.maxAge(1).store(true).maxEntries(2).maxBytes(3);
        Cache cache = new Cache(new Cache.Options(OptionalInt.of(ko.maxAge().orElse(0)), ko.store(), ko.maxEntries(),
                ko.maxBytes()));
        Map<String, Object> kc = cache.options().toConfig();
        Layer kl = cache.layer();
        String kn = Cache.NAME + Cache.RANK;

        Compression compression = new Compression(new Compression.Options(Compression.Options.DEFAULTS.minimumSize(),
                Compression.Options.DEFAULTS.level()));
        Map<String, Object> zc = compression.options().toConfig();
        Layer zl = compression.layer();
        String zn = Compression.NAME + Compression.RANK;

        assertNotNull(List.of(global, app, fromConfig, fromConfig5, name, rank, inner, ordered, reply, debug, ec, el,
                en, level, q, lc, ll, ln, cc, cl, cn, kc, kl, kn, zc, zl, zn));
    }
}
