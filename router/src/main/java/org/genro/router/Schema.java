package org.genro.router;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks plugin settings against the plugin's {@link Plugin#defaults()}: known keys only,
 * and each value of its default's kind (text, boolean, number). Text forms of booleans
 * and numbers are accepted, because {@code @Route(config = ...)} can only write text.
 */
final class Schema {

    static final String ENABLED = "enabled";

    private Schema() {
    }

    /**
     * Returns the values normalized to their kinds.
     *
     * @param allowNull whether null (meaning "remove this key") is acceptable
     * @throws IllegalArgumentException naming the plugin and the key
     */
    static Map<String, Object> check(Plugin<?> plugin, Map<String, ?> values, boolean allowNull) {
        Map<String, Object> defaults = plugin.defaults();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            String key = e.getKey();
            Object expected = ENABLED.equals(key) ? Boolean.TRUE : defaults.get(key);
            if (expected == null) {
                TreeSet<String> known = new TreeSet<>(defaults.keySet());
                known.add(ENABLED);
                throw new IllegalArgumentException("plugin '" + plugin.code() + "' has no setting '" + key
                        + "' (settings: " + String.join(", ", known) + ")");
            }
            Object v = e.getValue();
            if (v == null) {
                if (!allowNull) {
                    throw new IllegalArgumentException("plugin '" + plugin.code() + "' setting '" + key + "' is null");
                }
                out.put(key, null);
            } else {
                out.put(key, conform(plugin, key, expected, v));
            }
        }
        return out;
    }

    private static Object conform(Plugin<?> plugin, String key, Object expected, Object v) {
        if (expected instanceof Boolean) {
            if (v instanceof Boolean) {
                return v;
            }
            if ("true".equals(v) || "false".equals(v)) {
                return Boolean.valueOf((String) v);
            }
        } else if (expected instanceof Number) {
            if (v instanceof Number) {
                return v;
            }
            if (v instanceof String s) {
                try {
                    BigDecimal d = new BigDecimal(s.strip());
                    return d.scale() <= 0 ? (Object) d.longValueExact() : d;
                } catch (NumberFormatException | ArithmeticException ignored) {
                    // reported below
                }
            }
        } else if (v instanceof String) {
            return v;
        }
        String kind = expected instanceof Boolean ? "a boolean" : expected instanceof Number ? "a number" : "text";
        throw new IllegalArgumentException("plugin '" + plugin.code() + "' setting '" + key + "' must be " + kind);
    }
}
