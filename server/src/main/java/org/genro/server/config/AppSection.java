package org.genro.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code apps} and {@code sys_apps}, and the middleware switch maps both they and the
 * global {@code middleware} section use.
 *
 * <p>An app is a bare class name ({@code shop: com.x.Shop}) or a map with {@code class}
 * ({@code module} is accepted as its synonym, the original's key), {@code kwargs} and
 * {@code middleware}. Anything else in the map is refused: the original passed stray keys to
 * the constructor, which hid typos.
 */
final class AppSection {

    // A mount name is one URL segment; a leading underscore is reserved for _server and _sys.
    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    /** Names of middleware, plugins and storage mounts. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    private static final Set<String> APP_KEYS = Set.of("class", "module", "kwargs", "middleware");
    /** The class behind the {@code static} section's mounts, by name: config does not depend on it. */
    static final String STATIC_APP = "org.genro.server.files.StaticFiles";

    private AppSection() {
    }

    /** The specs of one section ({@code apps} or {@code sys_apps}) in config order. */
    static List<AppSpec> read(Section root, String section) {
        List<AppSpec> specs = new ArrayList<>();
        for (Map.Entry<String, Object> e : root.child(section).values().entrySet()) {
            specs.add(spec(root.child(section), section, e.getKey(), e.getValue()));
        }
        return List.copyOf(specs);
    }

    /**
     * The {@code static} section, a shorthand for static apps: {@code docs: public} mounts
     * the directory {@code public} at {@code /docs/}; a map gives the app's options
     * ({@code docs: {root: public, listing: true}}). A name may not repeat one of {@code apps}.
     */
    static List<AppSpec> statics(Section root, List<AppSpec> apps) {
        Section section = root.child("static");
        List<AppSpec> specs = new ArrayList<>();
        for (Map.Entry<String, Object> e : section.values().entrySet()) {
            String name = e.getKey();
            checkName(section, name, APP_NAME);
            for (AppSpec app : apps) {
                if (app.name().equals(name)) {
                    throw section.error(name, "the name is already mounted by apps." + name);
                }
            }
            Map<String, Object> kwargs = switch (e.getValue()) {
                case String dir when !dir.isBlank() -> Map.of("root", dir);
                case Map<?, ?> _ -> {
                    Section options = section.child(name);
                    if (!options.has("root")) {
                        throw options.error("root", "missing; name the directory to serve");
                    }
                    yield options.values();
                }
                case null, default -> throw section.error(name, "expected a directory or a map of options with root, got "
                        + section.shown(name, e.getValue()));
            };
            specs.add(new AppSpec("static", name, STATIC_APP, kwargs, Map.of()));
        }
        return List.copyOf(specs);
    }

    /** The tree form of a spec: {@code {class, kwargs, middleware}}. */
    static Map<String, Object> tree(AppSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class", spec.className());
        out.put("kwargs", spec.kwargs());
        out.put("middleware", spec.middleware());
        return out;
    }

    /**
     * Normalises a middleware switch map: each name maps to {@code Boolean} or an options map.
     * A list of names or a comma-separated string switches those names on, as the original
     * allowed; a name with no value is on.
     */
    static Map<String, Object> switches(Section parent, String key) {
        Object value = parent.raw(key);
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof String list) {
            names(parent, key, List.of(list.split(",")), out);
        } else if (value instanceof List<?> list) {
            names(parent, key, list, out);
        } else if (value instanceof Map<?, ?>) {
            Section section = parent.child(key);
            for (String name : section.values().keySet()) {
                checkName(section, name, NAME);
                out.put(name, switchValue(section, name));
            }
        } else if (value != null) {
            throw parent.error(key, "expected a map of name: true/false or options, got "
                    + parent.shown(key, value));
        }
        return out;
    }

    private static AppSpec spec(Section apps, String section, String name, Object value) {
        checkName(apps, name, APP_NAME);
        // A bare class name is the class key written short; errors name it as such.
        if (value instanceof String className) {
            return new AppSpec(section, name, className(apps, name + ".class", className), Map.of(), Map.of());
        }
        if (value instanceof Map<?, ?>) {
            return fromMap(apps.child(name), section, name);
        }
        throw apps.error(name, "expected a class name or a map with class and kwargs, got " + apps.shown(name, value));
    }

    private static AppSpec fromMap(Section app, String section, String name) {
        app.allowOnly(APP_KEYS);
        if (app.has("class") && app.has("module")) {
            throw app.error("module", "give either class or module, not both");
        }
        String key = app.has("module") ? "module" : "class";
        if (!app.has(key)) {
            throw app.error("class", "missing; name the app's Java class, e.g. class: com.example.Shop");
        }
        if (!(app.raw(key) instanceof String className)) {
            throw app.error(key, "expected a class name, got " + app.shown(key, app.raw(key)));
        }
        Map<String, Object> kwargs = app.child("kwargs").values();
        return new AppSpec(section, name, className(app, key, className), kwargs,
                switches(app, "middleware"));
    }

    private static String className(Section section, String key, String name) {
        if (!isBinaryName(name)) {
            throw section.error(key, "expected a fully qualified Java class name such as "
                    + "com.example.Shop, got " + Scalars.describe(name));
        }
        return name;
    }

    private static boolean isBinaryName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.codePointAt(0))) {
                return false;
            }
            for (int i = 0; i < part.length(); i = part.offsetByCodePoints(i, 1)) {
                if (!Character.isJavaIdentifierPart(part.codePointAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void names(Section parent, String key, List<?> names, Map<String, Object> out) {
        for (Object item : names) {
            if (!(item instanceof String s) || !NAME.matcher(s.strip()).matches()) {
                throw parent.error(key, "expected middleware names, got " + Scalars.describe(item));
            }
            out.put(s.strip(), Boolean.TRUE);
        }
    }

    private static Object switchValue(Section section, String name) {
        Object value = section.raw(name);
        if (value == null) {
            return Boolean.TRUE;
        }
        if (value instanceof Map<?, ?>) {
            return section.child(name).values();
        }
        Boolean on = Scalars.bool(value);
        if (on == null) {
            throw section.error(name, "expected true, false or an options map, got "
                    + section.shown(name, value));
        }
        return on;
    }

    static void checkName(Section section, String name, Pattern pattern) {
        if (!pattern.matcher(name).matches()) {
            throw section.error(name, "invalid name; use letters, digits, _ and -"
                    + (pattern == APP_NAME ? ", not starting with _" : ""));
        }
    }
}
