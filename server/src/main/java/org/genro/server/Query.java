package org.genro.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded {@code application/x-www-form-urlencoded} string (query strings and form
 * bodies): names and values in order, '+' as space, percent escapes as UTF-8.
 */
record Query(Map<String, String> first, Map<String, List<String>> values) {
    private static final Query EMPTY = new Query(Map.of(), Map.of());

    static Query parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> first = new LinkedHashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            first.putIfAbsent(name, value);
            values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return new Query(Collections.unmodifiableMap(first), Collections.unmodifiableMap(values));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Whether some name was given more than once (those bind as lists). */
    boolean repeated(String name) {
        return all(name).size() > 1;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "malformed percent-encoding in the query or form");
        }
    }
}
