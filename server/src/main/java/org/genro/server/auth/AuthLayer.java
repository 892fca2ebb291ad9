package org.genro.server.auth;

import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import org.genro.router.Resolution;
import org.genro.server.exchange.Avatar;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Failure;
import org.genro.server.exchange.Layer;
import org.genro.server.exchange.Middleware;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Rejection;
import org.genro.server.exchange.Reply;
import org.genro.server.exchange.Session;

/**
 * The {@code auth} layer (rank 450): gives each exchange its caller.
 *
 * <ul>
 *   <li>For an entry whose auth rule refuses an anonymous caller, credentials are checked
 *       before the handler: the {@code Authorization} header when there is one (it wins
 *       over the session), else the avatar of the request's session. Bad credentials are
 *       401, too many failures 429, too many checks at once 503, the last two with
 *       {@code Retry-After}; good ones give the caller their tags, and the router's rule
 *       decides between the handler and 403.</li>
 *   <li>For an entry open to everyone, nothing is checked: the exchange only learns how
 *       to find out, should the handler ask who is calling. A page that does not care
 *       never pays for a password hash, whatever credentials a client sends.</li>
 *   <li>A 401 carries one {@code WWW-Authenticate} challenge per configured scheme (a
 *       browser then shows its Basic prompt). With the login page on, a 401 to a browser
 *       navigating to a page becomes a redirect to the login page, with the page to
 *       return to; other clients keep the 401.</li>
 * </ul>
 */
public final class AuthLayer implements Middleware {
    /** The config name. */
    public static final String NAME = "auth";
    /** Where browsers are sent to log in when the login page is on. */
    public static final String LOGIN_PAGE = "/_server/login_page";

    private final Authenticator authenticator;
    private final boolean loginPage;
    private final Function<Exchange, Avatar> fromHeader = this::quietly;

    /** An auth layer over {@code authenticator}; {@code loginPage} redirects browser navigations on 401. */
    public AuthLayer(Authenticator authenticator, boolean loginPage) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.loginPage = loginPage;
    }

    /** This middleware placed at its rank. */
    public Layer layer() {
        return Layer.builtIn(NAME, this);
    }

    @Override
    public Reply handle(Exchange exchange, Next next) throws Exception {
        Resolution.Found found = exchange.destination().found();
        String header = exchange.header("Authorization");
        if (found != null && found.check(exchange.caller()) instanceof Resolution.NotAuthenticated) {
            Reply refused = identify(exchange, header);
            if (refused != null) {
                return refused.status() == 401 ? challenged(exchange, refused) : refused;
            }
        } else {
            exchange.identifyWith(header != null ? fromHeader : AuthLayer::sessionAvatar);
        }
        Reply reply = next.proceed(exchange);
        return reply.status() == 401 ? challenged(exchange, reply) : reply;
    }

    /** Settles the caller now; returns the refusal, or null to go on. */
    private Reply identify(Exchange exchange, String header) {
        if (header == null) {
            exchange.avatar(sessionAvatar(exchange));
            return null;
        }
        return switch (authenticator.authorization(header, address(exchange))) {
            case Authenticator.Outcome.Known known -> {
                exchange.avatar(known.avatar());
                yield null;
            }
            case Authenticator.Outcome.Refused refused -> Failure.answer(exchange, Rejection.BAD_CREDENTIALS);
            case Authenticator.Outcome.Throttled t -> Failure.answer(exchange, Rejection.TOO_MANY_FAILURES)
                    .header("Retry-After", seconds(t.retryAfter()));
            case Authenticator.Outcome.Busy b -> Failure.answer(exchange, Rejection.BUSY)
                    .header("Retry-After", seconds(b.retryAfter()));
        };
    }

    /** Who the Authorization header says is calling, found only when asked; anything but good credentials is anonymous. */
    private Avatar quietly(Exchange exchange) {
        return authenticator.authorization(exchange.header("Authorization"), address(exchange))
                instanceof Authenticator.Outcome.Known k ? k.avatar() : null;
    }

    private static Avatar sessionAvatar(Exchange exchange) {
        Session session = exchange.session();
        return session == null ? null : session.avatar();
    }

    private Reply challenged(Exchange exchange, Reply unauthorized) {
        if (loginPage && navigation(exchange)) {
            String query = exchange.request().query();
            String back = exchange.path() + (query == null || query.isEmpty() ? "" : "?" + query);
            return Reply.redirect(302, LOGIN_PAGE + "?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
        }
        if (!unauthorized.headers().contains("WWW-Authenticate")) {
            authenticator.challenges().forEach(c -> unauthorized.addHeader("WWW-Authenticate", c));
        }
        return unauthorized;
    }

    /** A browser loading a page, as opposed to a script or an API client. */
    private static boolean navigation(Exchange exchange) {
        String mode = exchange.header("Sec-Fetch-Mode");
        if (mode != null) {
            return mode.equals("navigate");
        }
        String accept = exchange.header("Accept");
        return exchange.method().equals("GET") && accept != null && accept.contains("text/html");
    }

    private static String address(Exchange exchange) {
        InetSocketAddress remote = exchange.request().remoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static String seconds(java.time.Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    @Override
    public String toString() {
        return "AuthLayer[" + authenticator + (loginPage ? ", login page" : "") + "]";
    }
}
