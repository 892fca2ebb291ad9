package org.genro.server.system;

import static org.genro.server.system.JsonSchemas.ordered;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.genro.router.Entry;
import org.genro.router.Parameter;
import org.genro.server.system.OpenApiResponses.Failure;

/**
 * One entry as an OpenAPI path item: its methods, parameters, body, responses and security.
 *
 * <pre>
 *  entry                                        documented as
 *  declared methods                             those methods (HEAD stays implicit beside GET)
 *  no methods, every parameter scalar           GET, parameters in the query
 *  no methods, a list, map, array or record     POST with a JSON object body of all parameters
 *  POST, PUT or PATCH with only scalars         parameters in the query, where the server reads them
 *  a trailing varargs parameter                 /entry/{first}/.../{rest}: path parameters
 *  the router's default entry                   at the router's own path, /app/ or /app/branch/
 * </pre>
 *
 * Without varargs, leading parameters may also be given as path segments
 * ({@code /hello/greet/Ada?times=2}). The operation's description says so rather than
 * doubling every operation with a templated twin: a client needs one way to call, and the
 * query is the one every parameter allows. With varargs the path is the only way to give
 * the rest, and segments fill parameters in order, so every parameter before it is a path
 * parameter too.
 */
final class OpenApiEntry {
    /** The methods an OpenAPI path item can hold, in the order it lists them. */
    static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    /** The channel plain HTTP requests come through, as the exchange names it for the channel plugin. */
    private static final String HTTP_CHANNEL = "http";

    private final Entry entry;
    private final List<Parameter> parameters;
    private final boolean variadic;
    /** Whether a parameter is a list, map, array or record that needs a JSON body (or JSON text in a query). */
    private final boolean structured;
    private final String url;
    private final String tag;
    private final JsonSchemas schemas;
    private final OpenApiResponses responses;
    private final OpenApiSecurity security;

    /**
     * @param entry      the entry
     * @param routerUrl  its router's path in the server, e.g. {@code /hello/math}
     * @param tag        the app it belongs to, grouping its operations
     */
    OpenApiEntry(Entry entry, String routerUrl, String tag, JsonSchemas schemas, OpenApiResponses responses,
                 OpenApiSecurity security) {
        this.entry = entry;
        this.parameters = entry.parameters();
        this.variadic = !parameters.isEmpty() && parameters.getLast().variadic();
        // with varargs every parameter comes from the path, whatever its type
        this.structured = !variadic && parameters.stream().anyMatch(p -> JsonSchemas.structured(p.type()));
        this.url = isDefault() ? routerUrl : routerUrl + "/" + entry.name();
        this.tag = tag;
        this.schemas = schemas;
        this.responses = responses;
        this.security = security;
    }

    /** The path template the entry is documented at. */
    String path() {
        if (!variadic) {
            return isDefault() ? url + "/" : url;
        }
        return url + segments();
    }

    /**
     * The path item: one operation per method, ids {@code <idBase>} or, when the entry
     * takes several methods, {@code <idBase>.<method>}.
     */
    Map<String, Object> pathItem(String idBase) {
        List<String> methods = methods();
        Map<String, Object> item = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        for (String method : methods) {
            if (!METHODS.contains(method)) {
                other.add(method);
                continue;
            }
            String id = methods.size() == 1 ? idBase : idBase + "." + method.toLowerCase(Locale.ROOT);
            item.put(method.toLowerCase(Locale.ROOT), operation(method, id));
        }
        if (!other.isEmpty()) {
            // methods OpenAPI 3.1 has no field for (a custom token): named, not hidden
            item.put("x-genro-methods", other);
        }
        return item;
    }

    private boolean isDefault() {
        return entry.name().equals(entry.router().defaultEntry());
    }

    private List<String> methods() {
        Set<String> declared = entry.methods();
        if (declared.isEmpty()) {
            // the server takes any method here; document the one a client should use
            return List.of(structured ? "POST" : "GET");
        }
        List<String> out = new ArrayList<>();
        METHODS.stream().filter(declared::contains).forEach(out::add);
        declared.stream().filter(m -> !METHODS.contains(m)).sorted().forEach(out::add);
        return out;
    }

    private Map<String, Object> operation(String method, String id) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(tag));
        String doc = entry.doc().strip();
        if (!doc.isEmpty()) {
            op.put("summary", doc.lines().findFirst().orElse(doc).strip());
        }
        String description = description(doc);
        if (!description.isEmpty()) {
            op.put("description", description);
        }
        op.put("operationId", id);
        boolean body = structured && BODY_METHODS.contains(method);
        List<Object> params = new ArrayList<>();
        for (Parameter p : parameters) {
            if (variadic) {
                params.add(pathParameter(p));
            } else if (!body) {
                params.add(queryParameter(p));
            }
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (body) {
            op.put("requestBody", requestBody());
        }
        op.put("responses", responses());
        String rule = entry.authRule();
        if (!rule.isBlank()) {
            if (!security.schemes().isEmpty()) {
                op.put("security", security.requirement());
            }
            // OpenAPI cannot say which tags a caller needs: the rule goes along as is
            op.put("x-genro-auth", rule);
        }
        extensions(op);
        return op;
    }

    /** The doc text, then what the path, the rule and the plugins add. */
    private String description(String doc) {
        List<String> parts = new ArrayList<>();
        if (!doc.isEmpty()) {
            parts.add(doc);
        }
        if (!variadic && !parameters.isEmpty()) {
            parts.add("The parameters may also be given as path segments, in order: " + url + segments() + ".");
        }
        if (isDefault()) {
            parts.add("The default entry of " + url + "/; also answers at " + url + "/" + entry.name() + ".");
        }
        String rule = entry.authRule();
        if (!rule.isBlank()) {
            parts.add("Needs a caller whose tags satisfy the rule: " + rule + ".");
        }
        if (requires() != null) {
            parts.add("Needs the capabilities: " + requires() + " (503 where the server lacks them).");
        }
        if (closedToHttp()) {
            String open = channels().isBlank() ? "none" : channels();
            parts.add("Open only to the channels: " + open + "; over HTTP it answers 503.");
        }
        return String.join("\n\n", parts);
    }

    private String segments() {
        StringBuilder sb = new StringBuilder();
        parameters.forEach(p -> sb.append("/{").append(p.name()).append('}'));
        return sb.toString();
    }

    private Map<String, Object> pathParameter(Parameter p) {
        Map<String, Object> out = ordered("name", p.name(), "in", "path", "required", true);
        if (p.variadic()) {
            out.put("description", "The rest of the path: each further segment is one more value.");
            out.put("schema", schemas.of(JsonSchemas.erasure(p.type()).getComponentType()));
        } else {
            out.put("schema", schemas.of(JsonSchemas.unwrapOptional(p.type())));
        }
        return out;
    }

    private Map<String, Object> queryParameter(Parameter p) {
        Map<String, Object> out = ordered("name", p.name(), "in", "query", "required", p.required());
        Map<String, Object> schema = valueSchema(p);
        if (JsonSchemas.structured(p.type()) && !"array".equals(schema.get("type"))) {
            // a record or map in a query travels as JSON text marked with the TYTX suffix ::JS
            out.put("description", "JSON text followed by ::JS, e.g. {\"a\":1}::JS.");
            out.put("content", Map.of("application/json", Map.of("schema", schema)));
        } else {
            // lists: the name repeated (?v=1&v=2), which is also OpenAPI's default for arrays
            out.put("schema", schema);
        }
        return out;
    }

    private Map<String, Object> requestBody() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Parameter p : parameters) {
            properties.put(p.name(), valueSchema(p));
            if (p.required()) {
                required.add(p.name());
            }
        }
        Map<String, Object> schema = ordered("type", "object", "properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return ordered("required", !required.isEmpty(),
                "content", Map.of("application/json", Map.of("schema", schema)));
    }

    /** A parameter's schema with its default, typed as far as the type tells. */
    private Map<String, Object> valueSchema(Parameter p) {
        Map<String, Object> schema = schemas.of(JsonSchemas.unwrapOptional(p.type()));
        if (p.defaultValue() != null) {
            schema.put("default", JsonSchemas.typedDefault(p.type(), p.defaultValue()));
        }
        return schema;
    }

    private Map<String, Object> responses() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("200", OpenApiResponses.result(entry.returnType(), entry.mime(), schemas));
        if (!parameters.isEmpty()) {
            // binding (a missing or mistyped argument, a body that is not JSON) is the only 400
            // the server itself gives an entry, and only one that takes arguments binds
            out.put("400", responses.ref(Failure.BAD_REQUEST));
        }
        if (!entry.authRule().isBlank()) {
            out.put("401", responses.ref(Failure.UNAUTHORIZED));
            out.put("403", responses.ref(Failure.FORBIDDEN));
        }
        if (variadic) {
            // what the path names may not exist (a file, a record): handlers answer 404 then
            out.put("404", responses.ref(Failure.NOT_FOUND));
        }
        if (requires() != null || closedToHttp()) {
            out.put("503", responses.ref(Failure.NOT_AVAILABLE));
        }
        return out;
    }

    private void extensions(Map<String, Object> op) {
        if (requires() != null) {
            op.put("x-genro-requires", requires());
        }
        if (channels() != null) {
            op.put("x-genro-channels", channels());
        }
    }

    /** The env plugin's capability rule, or null when the entry needs none. */
    private String requires() {
        return entry.settings("env").get("requires") instanceof String r && !r.isBlank() ? r : null;
    }

    /**
     * Whether the channel plugin keeps this entry from HTTP callers (the server gives them
     * the channel {@value #HTTP_CHANNEL}): its list has neither {@code *} nor a name or
     * pattern matching that channel. The plugin checked the patterns when it compiled them.
     */
    private boolean closedToHttp() {
        String list = channels();
        if (list == null) {
            return false;
        }
        for (String item : list.split(",")) {
            String name = item.strip();
            if (name.equals("*") || !name.isEmpty() && Pattern.matches(name, HTTP_CHANNEL)) {
                return false;
            }
        }
        return true;
    }

    /** The channel plugin's list where that plugin applies (closed by default), else null. */
    private String channels() {
        if (!entry.plugins().contains("channel")) {
            return null;
        }
        return entry.settings("channel").get("channels") instanceof String c ? c.strip() : "";
    }
}
