package org.genro.router;

import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A callable endpoint: one {@link Route} method of one routing-class instance.
 *
 * <p>Exposes what the server, OpenAPI and the explorer need (name, path, mime, HTTP
 * methods, auth rule, parameters) and the call itself. A call binds arguments by
 * parameter name, then runs the plugin pipeline, then the method through a method
 * handle prepared when the class was first scanned.
 *
 * <h2>Argument binding</h2>
 * For each parameter in order: the next unused path segment, else the query value of
 * that name, else the body value of that name, else its {@link Default}, else
 * {@code Optional.empty()} for an {@code Optional} parameter; otherwise the call fails
 * with a {@link ValidationException} naming it. A trailing varargs parameter takes all
 * remaining segments. Values are coerced to the parameter type (TYTX suffixes
 * honoured, see {@link org.genro.router.Route}).
 */
public final class Entry {

    private final Router router;
    private final DeclaredRoute declared;
    private final Handler base;
    private final Set<String> parameterNames;
    private volatile EntryState state;

    Entry(Router router, DeclaredRoute declared) {
        this.router = router;
        this.declared = declared;
        Invoker invoker = declared.invoker();
        Object owner = router.owner();
        this.base = invocation -> {
            try {
                return invoker.invoke(owner, invocation.arguments());
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new UndeclaredThrowableException(t);
            }
        };
        this.state = EntryState.of(new Slot<?>[0], base);
        Set<String> names = new LinkedHashSet<>();
        declared.parameters().forEach(p -> names.add(p.parameter().name()));
        this.parameterNames = Collections.unmodifiableSet(names);
    }

    /**
     * The entry name, unique within its router.
     *
     * @return the name
     */
    public String name() {
        return declared.name();
    }

    /**
     * The path from the top of the tree, e.g. {@code shop/articles/list}.
     *
     * @return the full path
     */
    public String path() {
        String prefix = router.path();
        return prefix.isEmpty() ? declared.name() : prefix + "/" + declared.name();
    }

    /**
     * The router this entry belongs to.
     *
     * @return the owning router
     */
    public Router router() {
        return router;
    }

    /**
     * The declared media type.
     *
     * @return the mime type, empty when not declared
     */
    public String mime() {
        return declared.mime();
    }

    /**
     * The HTTP methods the entry answers.
     *
     * @return upper-case method names; empty means any
     */
    public Set<String> methods() {
        return declared.methods();
    }

    /**
     * The endpoint id.
     *
     * @return the id (resolvable as {@code @id}), empty when none
     */
    public String id() {
        return declared.id();
    }

    /**
     * What the entry does, from {@link Route#doc()}.
     *
     * @return the doc text, or "" when the route has none
     */
    public String doc() {
        return declared.doc();
    }

    /**
     * Free metadata from {@link Route#meta()}.
     *
     * @return key to value
     */
    public Map<String, String> meta() {
        return declared.meta();
    }

    /**
     * The handler's parameters in declaration order.
     *
     * @return parameter descriptions
     */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (DeclaredRoute.ParameterSpec p : declared.parameters()) {
            out.add(p.parameter());
        }
        return List.copyOf(out);
    }

    /**
     * The names the handler's parameters bind by, in declaration order: a caller decoding
     * a query or a body needs only these. Computed once; empty for a handler without
     * parameters.
     *
     * @return the parameter names
     */
    public Set<String> parameterNames() {
        return parameterNames;
    }

    /**
     * The handler's declared return type.
     *
     * @return the generic return type
     */
    public Type returnType() {
        return declared.returnType();
    }

    /**
     * The auth rule in force: the {@code auth} plugin's merged {@code rule} setting when
     * that plugin is plugged, otherwise the rule declared on {@link Route#auth()}.
     *
     * @return the rule text, empty for none
     */
    public String authRule() {
        Map<String, Object> auth = settings("auth");
        if (auth.get("rule") instanceof String rule) {
            return rule;
        }
        Map<String, Object> declaredAuth = declared.settings().getOrDefault("auth", Map.of());
        return String.valueOf(declaredAuth.getOrDefault("rule", ""));
    }

    /**
     * A plugin's merged settings for this entry.
     *
     * @param plugin a plugin code
     * @return the settings, empty when no such plugin applies to the entry
     */
    public Map<String, Object> settings(String plugin) {
        for (Slot<?> slot : state.slots()) {
            if (slot.plugin().code().equals(plugin)) {
                return slot.settings();
            }
        }
        return Map.of();
    }

    /**
     * The codes of the plugins applying to this entry, in plug order.
     *
     * @return plugin codes
     */
    public List<String> plugins() {
        List<String> codes = new ArrayList<>();
        for (Slot<?> slot : state.slots()) {
            codes.add(slot.plugin().code());
        }
        return List.copyOf(codes);
    }

    /**
     * Binds arguments and calls the handler through the plugin pipeline. Does not check
     * access: that is {@link Router#resolve}'s job.
     *
     * @param query named string arguments, or null
     * @param body named JSON-like arguments, or null
     * @param positional path segments for the leading parameters, or null
     * @return the handler's result ({@code null} for void)
     * @throws ValidationException when an argument is missing or mistyped
     * @throws Exception whatever the handler throws
     */
    public Object invoke(Map<String, String> query, Map<String, Object> body, List<String> positional)
            throws Exception {
        return call(Arguments.bind(this, declared, query, body, positional));
    }

    /**
     * Binds arguments, reporting a failure as a value.
     *
     * @param query named string arguments, or null
     * @param body named JSON-like arguments, or null
     * @param positional path segments for the leading parameters, or null
     * @return the bound arguments or the validation failure
     */
    public Binding bind(Map<String, String> query, Map<String, Object> body, List<String> positional) {
        try {
            return new Binding.Bound(this, Arguments.bind(this, declared, query, body, positional));
        } catch (ValidationException e) {
            return e.toInvalid();
        }
    }

    Object call(Object[] arguments) throws Exception {
        return state.pipeline().call(new Invocation(this, arguments));
    }

    /** Whether the handler can take this many path segments. */
    boolean accepts(int segments) {
        return segments <= declared.positionalCapacity();
    }

    DeclaredRoute declared() {
        return declared;
    }

    EntryState state() {
        return state;
    }

    void state(EntryState next) {
        state = next;
    }

    Handler base() {
        return base;
    }

    /** Plugin metadata for introspection: code to {settings, metadata}. */
    Map<String, Object> pluginInfo() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Slot<?> slot : state.slots()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("settings", new LinkedHashMap<>(slot.settings()));
            Map<String, Object> meta = slot.metadata(this);
            if (!meta.isEmpty()) {
                one.put("metadata", meta);
            }
            out.put(slot.plugin().code(), one);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Entry[" + path() + "]";
    }
}
