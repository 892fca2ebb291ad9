package org.genro.server;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.genro.server.config.Section;
import org.genro.server.config.ServerConfig;
import org.genro.server.exchange.Avatar;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Rejection;
import org.genro.server.session.SessionLayer;
import org.genro.server.system.SystemApps;

/**
 * Who may reach the server's own pages: {@code /_server/} (but for health, login, logout,
 * the login page and resources, which are open) and every app under {@code /_sys/}.
 *
 * <p>They show what other clients are doing and how the server is set up, and some change
 * it, so they answer local clients ({@link Loopback}: peer and Host both loopback, nothing
 * forwarded) and callers tagged {@code admin} or {@code superadmin}; anyone else gets 403.
 * The {@code system.public} setting opens a page to everyone:
 *
 * <pre>
 * system:
 *   public: [/_sys/openapi, /_sys/explorer, /_server/metrics]
 * </pre>
 *
 * The plugin page is never public. A request that changes state on a system app must come
 * from the server's own pages: a loopback address is no defence against a page elsewhere
 * making the local browser post to it, so a foreign {@code Origin} (or {@code Referer}) is
 * refused whoever the caller is. Clients that send neither (curl, scripts) are not browsers
 * acting for a page, and pass.
 */
final class SystemAccess {
    /** The {@code /_server/} entries that a setting may open; the others are open already. */
    static final Set<String> SERVER_PAGES = Set.of("index", "requests", "config", "metrics");

    private final Set<String> open;

    private SystemAccess(Set<String> open) {
        this.open = Set.copyOf(open);
    }

    /** Everything closed: only loopback clients and admins. */
    static final SystemAccess CLOSED = new SystemAccess(Set.of());

    /**
     * Reads {@code system.public}; each path must name a {@code /_server/} page of
     * {@link #SERVER_PAGES} or a mounted system app other than the plugin page.
     *
     * @param sysApps the names mounted under {@code /_sys/}
     */
    static SystemAccess read(ServerConfig config, Set<String> sysApps) {
        Section s = Section.of(config.section("system"), "system", config::error);
        s.allowOnly(Set.of("public"), "setting");
        List<String> paths = s.list("public", List.of());
        Set<String> open = new LinkedHashSet<>();
        for (String path : paths) {
            String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (p.equals("/_sys/" + SystemApps.PLUGINS)) {
                throw s.error("public", "the plugin page changes the server: it answers loopback clients and admins only");
            }
            boolean known = p.startsWith("/_server/") && SERVER_PAGES.contains(p.substring(9))
                    || p.startsWith("/_sys/") && sysApps.contains(p.substring(6));
            if (!known) {
                throw s.error("public", "expected /_sys/<system app> or /_server/" + String.join("|", sorted())
                        + ", got '" + path + "'");
            }
            open.add(p);
        }
        return new SystemAccess(open);
    }

    private static List<String> sorted() {
        return SERVER_PAGES.stream().sorted().toList();
    }

    /**
     * Lets the exchange through to a system page at {@code path} ({@code /_sys/openapi},
     * {@code /_server/metrics}), or throws: 403 for a caller that is neither local nor an
     * admin on a closed page, 403 for a change coming from another site's page.
     */
    void check(Exchange exchange, String path) {
        if (!safe(exchange.method()) && !fromOwnPages(exchange)) {
            throw new HttpError(Rejection.SYSTEM_CROSS_SITE);
        }
        if (open.contains(path) || localOrAdmin(exchange)) {
            return;
        }
        throw new HttpError(Rejection.LOCAL_ONLY);
    }

    /** Whether the caller is a local client or carries the admin (or superadmin) tag. */
    static boolean localOrAdmin(Exchange exchange) {
        Avatar caller = exchange.avatar();
        if (caller != null && (caller.tags().contains("admin") || caller.tags().contains("superadmin"))) {
            return true;
        }
        return Loopback.trusted(exchange.request());
    }

    private static boolean fromOwnPages(Exchange exchange) {
        String fetchSite = exchange.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return false;
        }
        boolean claims = exchange.header("Origin") != null || exchange.header("Referer") != null;
        return !claims || SessionLayer.sameOrigin(exchange.request());
    }

    private static boolean safe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }
}
