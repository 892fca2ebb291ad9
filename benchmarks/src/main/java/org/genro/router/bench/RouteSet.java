package org.genro.router.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A route table read from {@code /routes/<file>} (format: {@code METHOD PATH} per line,
 * {@code #} comments; see {@code resources/routes/README.md} for the source and licence),
 * plus the request paths the benchmarks use.
 *
 * @param routes the routes in file order
 */
record RouteSet(List<Route> routes) {

    /** The HTTP methods of the sets, as small indexes (a server would have parsed them so). */
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

    /**
     * One route.
     *
     * @param method index into {@link #METHODS}
     * @param pattern the route pattern, e.g. {@code /repos/{owner}/{repo}}
     */
    record Route(int method, String pattern) {

        /** The request path with each parameter filled with its own name, as the Go router benchmarks do. */
        String filled() {
            return pattern.replaceAll("\\{\\*?([^}]*)}", "$1");
        }

        /**
         * A near miss: the filled path with its last static segment misspelt (a trailing
         * '~'). In this set no static segment has a parameter sibling, so the lookup
         * walks the path as far as that segment and then fails.
         */
        String missed() {
            String[] segments = pattern.split("/", -1);
            for (int i = segments.length - 1; i >= 0; i--) {
                if (!segments[i].isEmpty() && !segments[i].startsWith("{")) {
                    segments[i] = segments[i] + "~";
                    break;
                }
            }
            return new Route(method, String.join("/", segments)).filled();
        }

        boolean isStatic() {
            return pattern.indexOf('{') < 0;
        }
    }

    static RouteSet load(String file) {
        List<Route> routes = new ArrayList<>();
        try (InputStream in = RouteSet.class.getResourceAsStream("/routes/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /routes/" + file);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                int method = METHODS.indexOf(line.substring(0, space));
                if (method < 0) {
                    throw new IllegalStateException("unknown method in " + line);
                }
                routes.add(new Route(method, line.substring(space + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RouteSet(List.copyOf(routes));
    }
}
