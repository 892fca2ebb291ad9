package org.genro.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the merged tree against the known sections and turns it into typed values plus a
 * normalised, read-only tree.
 *
 * <p>Sections this package interprets ({@code server}, {@code apps}, {@code sys_apps},
 * {@code main_app}, {@code openapi}, {@code storage}, {@code static}) are checked key by key;
 * a static app's options are checked by the app when it is built. Sections other packages
 * interpret ({@code middleware}, {@code plugins}, {@code auth}, {@code session}, {@code wsx},
 * {@code system}) are checked for shape only; their owners check their own options.
 */
final class ConfigSchema {

    /** Every top-level key a config file may use. */
    static final Set<String> SECTIONS = Set.of("server", "apps", "main_app", "sys_apps",
            "middleware", "plugins", "openapi", "auth", "session", "static", "storage", "wsx", "system");

    private static final Set<String> SERVER_KEYS = Set.of("host", "port", "reload", "debug", "tls",
            "limits", "shutdown_grace", "max_fields", "ws_deflate", "drain_delay", "trusted_proxies");
    private static final Set<String> TLS_KEYS = Set.of("keystore", "password", "type");
    private static final Set<String> OPENAPI_KEYS = Set.of("title", "version", "description",
            "summary", "terms_of_service", "contact", "license");

    private ConfigSchema() {
    }

    /**
     * The validated configuration.
     *
     * @param server  the server section
     * @param apps    user apps in config order
     * @param sysApps system apps in config order
     * @param mainApp the app that also answers at {@code /}
     * @param openapi the OpenAPI info
     * @param storage storage mounts, absolute
     * @param tree    the whole normalised tree, read-only
     */
    record Parsed(ServerSettings server, List<AppSpec> apps, List<AppSpec> sysApps,
                  Optional<String> mainApp, OpenApiInfo openapi, Map<String, Path> storage,
                  Map<String, Object> tree) {
    }

    /** Validates {@code tree}; relative paths are taken from {@code serverDir}. */
    static Parsed validate(ConfigTree tree, Path serverDir) {
        Section root = Section.root(tree);
        root.allowOnly(SECTIONS);
        ServerSettings server = server(root.child("server"), serverDir);
        List<AppSpec> configured = AppSection.read(root, "apps");
        List<AppSpec> apps = new ArrayList<>(configured);
        apps.addAll(AppSection.statics(root, configured));
        List<AppSpec> sysApps = AppSection.read(root, "sys_apps");
        Optional<String> mainApp = mainApp(root, apps);
        Map<String, Object> middleware = AppSection.switches(root, "middleware");
        Map<String, Object> plugins = plugins(root.child("plugins"));
        OpenApiInfo openapi = openapi(root.child("openapi"));
        Map<String, Object> auth = auth(root.child("auth"));
        Map<String, String> storageText = storage(root.child("storage"));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server", serverTree(server));
        out.put("apps", appsTree(configured));
        if (mainApp.isPresent()) {
            out.put("main_app", mainApp.get());
        }
        out.put("sys_apps", appsTree(sysApps));
        out.put("middleware", middleware);
        out.put("plugins", plugins);
        out.put("openapi", openapiTree(openapi, root.child("openapi")));
        out.put("auth", auth);
        out.put("session", root.child("session").values());
        out.put("static", root.child("static").values());
        out.put("storage", storageText);
        out.put("wsx", root.child("wsx").values());
        out.put("system", root.child("system").values());
        Map<String, Path> storage = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : storageText.entrySet()) {
            storage.put(e.getKey(), serverDir.resolve(e.getValue()).normalize());
        }
        return new Parsed(server, List.copyOf(apps), sysApps, mainApp, openapi,
                Collections.unmodifiableMap(storage), freeze(out));
    }

    /** A deep read-only copy; maps keep their order and may hold nulls. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> freeze(Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            out.put(e.getKey(), freezeValue(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            return freeze((Map<String, ?>) m);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object item : l) {
                copy.add(freezeValue(item));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static ServerSettings server(Section s, Path serverDir) {
        s.allowOnly(SERVER_KEYS);
        String host = s.string("host", ServerSettings.DEFAULT_HOST).strip();
        if (host.isEmpty()) {
            throw s.error("host", "must not be empty");
        }
        return new ServerSettings(host,
                s.integer("port", 0, 65535, ServerSettings.DEFAULT_PORT),
                s.bool("reload", false),
                s.bool("debug", false),
                tls(s.optionalChild("tls"), serverDir),
                LimitsSection.read(s.child("limits")),
                s.duration("shutdown_grace", ServerSettings.DEFAULT_SHUTDOWN_GRACE),
                s.integer("max_fields", 1, ServerSettings.MAX_FIELD_LIMIT, ServerSettings.DEFAULT_FIELD_LIMIT),
                s.bool("ws_deflate", true),
                drainDelay(s),
                trustedProxies(s));
    }

    private static AddressRanges trustedProxies(Section s) {
        try {
            return AddressRanges.of(s.list("trusted_proxies", List.of()));
        } catch (IllegalArgumentException e) {
            throw s.error("trusted_proxies", e.getMessage());
        }
    }

    private static Duration drainDelay(Section s) {
        Duration delay = s.duration("drain_delay", Duration.ZERO);
        if (delay.compareTo(ServerSettings.MAX_DRAIN_DELAY) > 0) {
            throw s.error("drain_delay", "at most " + Scalars.format(ServerSettings.MAX_DRAIN_DELAY) + ", got "
                    + Scalars.format(delay));
        }
        return delay;
    }

    private static Optional<TlsSettings> tls(Optional<Section> s, Path serverDir) {
        return s.isPresent() ? Optional.of(tls(s.get(), serverDir)) : Optional.empty();
    }

    private static TlsSettings tls(Section s, Path serverDir) {
        s.allowOnly(TLS_KEYS);
        String keystore = s.string("keystore", null);
        if (keystore == null || keystore.isBlank()) {
            throw s.error("keystore", "missing; name the PKCS#12 keystore file");
        }
        Path file = serverDir.resolve(keystore).normalize();
        if (!Files.isRegularFile(file)) {
            throw s.error("keystore", "file not found: " + file);
        }
        TlsSettings tls = new TlsSettings(file, s.string("password", ""),
                s.string("type", TlsSettings.DEFAULT_TYPE));
        open(s, tls);
        return tls;
    }

    // Opening the keystore now turns a wrong password or a corrupt file into a startup error
    // naming the key, instead of a failed handshake on the first HTTPS connection.
    private static void open(Section s, TlsSettings tls) {
        KeyStore store;
        try {
            store = KeyStore.getInstance(tls.type());
        } catch (KeyStoreException e) {
            throw s.error("type", "unsupported keystore type " + Scalars.describe(tls.type()));
        }
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            store.load(in, tls.passwordChars());
        } catch (IOException | GeneralSecurityException e) {
            throw s.error("password", "cannot open keystore " + tls.keystore()
                    + " as " + tls.type() + ": wrong password, wrong type or a damaged file");
        }
    }

    private static Optional<String> mainApp(Section root, List<AppSpec> apps) {
        if (!root.has("main_app")) {
            // With a single app there is no doubt which one "/" means.
            return apps.size() == 1 ? Optional.of(apps.getFirst().name()) : Optional.empty();
        }
        String name = root.string("main_app", null);
        if (apps.stream().noneMatch(app -> app.name().equals(name))) {
            List<String> names = apps.stream().map(AppSpec::name).toList();
            throw root.error("main_app", "no app named " + Scalars.describe(name) + " in apps"
                    + (names.isEmpty() ? " (apps is empty)" : "; apps are: " + String.join(", ", names)));
        }
        return Optional.of(name);
    }

    // plugin: {options} | true | null turn it on; false keeps an explicit "off" for the owner.
    private static Map<String, Object> plugins(Section s) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : s.values().keySet()) {
            AppSection.checkName(s, name, AppSection.NAME);
            Object value = s.raw(name);
            if (value == null || value instanceof Map<?, ?>) {
                out.put(name, s.child(name).values());
                continue;
            }
            Boolean on = Scalars.bool(value);
            if (on == null) {
                throw s.error(name, "expected an options map, true or false, got " + s.shown(name, value));
            }
            out.put(name, on ? new LinkedHashMap<String, Object>() : Boolean.FALSE);
        }
        return out;
    }

    private static OpenApiInfo openapi(Section s) {
        s.allowOnly(OPENAPI_KEYS);
        // copied into the OpenAPI info object, which allows these fields only and needs a license name
        Section contact = s.child("contact");
        contact.allowOnly(Set.of("name", "url", "email"));
        for (String k : contact.keys()) {
            contact.string(k, null);
        }
        Section license = s.child("license");
        license.allowOnly(Set.of("name", "identifier", "url"));
        for (String k : license.keys()) {
            license.string(k, null);
        }
        if (s.has("license") && !license.has("name")) {
            throw license.error("name", "missing; an OpenAPI license needs a name");
        }
        if (license.has("identifier") && license.has("url")) {
            throw license.error("url", "give either identifier (an SPDX id) or url, not both");
        }
        s.string("summary", null);
        s.string("terms_of_service", null);
        OpenApiInfo d = OpenApiInfo.DEFAULTS;
        return new OpenApiInfo(s.string("title", d.title()), s.string("version", d.version()),
                Optional.ofNullable(s.string("description", null)));
    }

    // the auth layer reads its own keys (org.genro.server.auth.AuthSettings); here only the shape
    private static Map<String, Object> auth(Section s) {
        return s.values();
    }

    private static Map<String, String> storage(Section s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : s.values().keySet()) {
            AppSection.checkName(s, name, AppSection.NAME);
            Object value = s.raw(name);
            if (!(value instanceof String dir) || dir.isBlank()) {
                throw s.error(name, "expected a directory path, got " + s.shown(name, value));
            }
            out.put(name, dir);
        }
        return out;
    }

    private static Map<String, Object> serverTree(ServerSettings server) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", server.host());
        out.put("port", server.port());
        out.put("reload", server.reload());
        out.put("debug", server.debug());
        if (server.tls().isPresent()) {
            TlsSettings tls = server.tls().get();
            Map<String, Object> tlsTree = new LinkedHashMap<>();
            tlsTree.put("keystore", tls.keystore().toString());
            tlsTree.put("password", tls.password());
            tlsTree.put("type", tls.type());
            out.put("tls", tlsTree);
        }
        out.put("limits", LimitsSection.tree(server.limits()));
        out.put("shutdown_grace", Scalars.format(server.shutdownGrace()));
        out.put("max_fields", server.fieldLimit());
        out.put("ws_deflate", server.wsDeflate());
        out.put("drain_delay", Scalars.format(server.drainDelay()));
        out.put("trusted_proxies", server.trustedProxies().written());
        return out;
    }

    private static Map<String, Object> appsTree(List<AppSpec> specs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (AppSpec spec : specs) {
            out.put(spec.name(), AppSection.tree(spec));
        }
        return out;
    }

    private static Map<String, Object> openapiTree(OpenApiInfo info, Section s) {
        Map<String, Object> out = new LinkedHashMap<>(s.values());
        out.put("title", info.title());
        out.put("version", info.version());
        if (info.description().isPresent()) {
            out.put("description", info.description().get());
        }
        return out;
    }
}
