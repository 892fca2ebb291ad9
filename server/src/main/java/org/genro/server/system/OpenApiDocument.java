package org.genro.server.system;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.genro.router.Entry;
import org.genro.router.Router;
import org.genro.server.config.OpenApiInfo;
import org.genro.server.config.ServerConfig;

/**
 * Builds the OpenAPI 3.1.0 document of some apps from their routing trees.
 *
 * <pre>
 * { "openapi": "3.1.0",
 *   "info": {title, version, description?, summary?, termsOfService?, contact?, license?},
 *   "paths": { "/hello/greet": {"get": {...}}, "/site/{path}": {"get", "head"}, ... },
 *   "components": { "schemas": {"Error", records...}, "responses": {"BadRequest", ...},
 *                   "securitySchemes": {"basic", "bearer", "jwt", "session"} },
 *   "x-genro-lazy": ["/hello/reports"] }          (lazy branches left unbuilt)
 * </pre>
 *
 * The tree is read through {@link Router#nodes(org.genro.router.Caller, boolean)}, which
 * builds lazy branches only when asked: building one runs app code (its constructor may
 * open a database), and a document someone merely reads must not do that. Without
 * {@code lazy} such branches are named under {@code x-genro-lazy}, so a reader knows the
 * document is partial and how to get the rest. An alias is not documented twice: its
 * entries appear at their own path. There is no {@code servers}: paths are relative to
 * whatever host served the document. Keys keep a stable order.
 */
final class OpenApiDocument {
    /** The OpenAPI version written. */
    static final String VERSION = "3.1.0";

    private final JsonSchemas schemas = new JsonSchemas();
    private final OpenApiResponses responses = new OpenApiResponses();
    private final OpenApiSecurity security;
    private final Map<String, Object> paths = new LinkedHashMap<>();
    private final Set<String> operationIds = new HashSet<>();
    private final List<String> unbuilt = new ArrayList<>();

    private OpenApiDocument(OpenApiSecurity security) {
        this.security = security;
        schemas.define(OpenApiResponses.ERROR_SCHEMA, OpenApiResponses.errorSchema());
    }

    /**
     * The document of {@code apps} (mount to router, empty for an app answering every path
     * itself), with {@code info} and security schemes from {@code config}.
     *
     * @param lazy whether to build lazy branches so as to document them
     */
    static Map<String, Object> build(ServerConfig config, Map<String, Optional<Router>> apps, boolean lazy) {
        OpenApiDocument d = new OpenApiDocument(OpenApiSecurity.read(config));
        apps.forEach((mount, router) -> {
            if (router.isPresent()) {
                Map<String, Object> tree = router.get().nodes(null, lazy);
                d.walk(router.get(), tree, "/" + mount, mount, mount);
            } else {
                d.paths.put("/" + mount + "/{path}", d.answersAll(mount));
            }
        });
        return d.document(config);
    }

    @SuppressWarnings("unchecked")
    private void walk(Router router, Map<String, Object> node, String url, String id, String app) {
        List<Entry> entries = new ArrayList<>(router.entries());
        // the default entry first: it stands for the router itself
        entries.sort(Comparator.comparing(e -> !e.name().equals(router.defaultEntry())));
        for (Entry e : entries) {
            OpenApiEntry one = new OpenApiEntry(e, url, app, schemas, responses, security);
            paths.put(one.path(), one.pathItem(uniqueId(id + "." + e.name())));
        }
        Map<String, Object> routers = (Map<String, Object>) node.get("routers");
        routers.forEach((name, value) -> {
            Map<String, Object> child = (Map<String, Object>) value;
            if (Boolean.TRUE.equals(child.get("lazy"))) {
                unbuilt.add(url + "/" + name);
            } else if (!child.containsKey("alias")) {
                // attached(): never builds; a branch removed since nodes() was read is skipped
                router.attached(name).ifPresent(r -> walk(r, child, url + "/" + name, id + "." + name, app));
            }
        });
    }

    /**
     * An app with no routing tree (the static app, an engine handler) answers every path
     * under its mount itself: documented as GET and HEAD of one path parameter, which is
     * what a static directory serves; the path may hold further segments.
     */
    private Map<String, Object> answersAll(String mount) {
        Map<String, Object> item = new LinkedHashMap<>();
        for (String method : List.of("get", "head")) {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("tags", List.of(mount));
            boolean get = method.equals("get");
            op.put("summary", get ? "A file under /" + mount + "/" : "A file's headers, without the body");
            op.put("description", "Served by the app mounted at /" + mount + "/ itself (a static directory or a "
                    + "handler): any path under it, with further segments if need be (css/site.css).");
            op.put("operationId", uniqueId(mount + "." + method));
            op.put("parameters", List.of(JsonSchemas.ordered("name", "path", "in", "path", "required", true,
                    "description", "The path under the mount.", "schema", Map.of("type", "string"))));
            Map<String, Object> answers = new LinkedHashMap<>();
            answers.put("200", JsonSchemas.ordered("description", get ? "The file." : "The file's headers."));
            answers.put("404", responses.ref(OpenApiResponses.Failure.NOT_FOUND));
            op.put("responses", answers);
            item.put(method, op);
        }
        return item;
    }

    /**
     * Entry names are unique in a router and routers in their parent, so dotted paths are
     * unique, but a mount name holding a dot could still meet another app's branch:
     * a suffix keeps operationIds unique in every case.
     */
    private String uniqueId(String wanted) {
        String id = wanted;
        for (int n = 2; !operationIds.add(id); n++) {
            id = wanted + "_" + n;
        }
        return id;
    }

    private Map<String, Object> document(ServerConfig config) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", VERSION);
        doc.put("info", info(config));
        doc.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>();
        Map<String, Object> all = schemas.components();
        if (!responses.anyUsed()) {
            all.remove(OpenApiResponses.ERROR_SCHEMA);
        }
        if (!all.isEmpty()) {
            components.put("schemas", all);
        }
        if (responses.anyUsed()) {
            components.put("responses", responses.components());
        }
        if (!security.schemes().isEmpty()) {
            components.put("securitySchemes", security.schemes());
        }
        if (!components.isEmpty()) {
            doc.put("components", components);
        }
        if (!unbuilt.isEmpty()) {
            doc.put("x-genro-lazy", unbuilt);
        }
        return doc;
    }

    /** {@code info}: title, version and description, then the optional fields of the section. */
    static Map<String, Object> info(ServerConfig config) {
        OpenApiInfo core = config.openapi();
        Map<String, Object> section = config.section("openapi");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", core.title());
        info.put("version", core.version());
        text(section, "summary").ifPresent(s -> info.put("summary", s));
        core.description().ifPresent(d -> info.put("description", d));
        text(section, "terms_of_service").ifPresent(t -> info.put("termsOfService", t));
        fields(section, "contact", List.of("name", "url", "email")).ifPresent(c -> info.put("contact", c));
        fields(section, "license", List.of("name", "identifier", "url")).ifPresent(l -> info.put("license", l));
        return info;
    }

    private static Optional<String> text(Map<String, Object> section, String key) {
        Object value = section.get(key);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    /** A map of the section as strings, in the order OpenAPI lists its fields (the config checked the keys). */
    private static Optional<Map<String, Object>> fields(Map<String, Object> section, String key, List<String> names) {
        if (!(section.get(key) instanceof Map<?, ?> given) || given.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names) {
            if (given.get(name) != null) {
                out.put(name, String.valueOf(given.get(name)));
            }
        }
        return Optional.of(out);
    }
}
