package site;

import java.time.Instant;
import java.util.Map;
import org.genro.router.Route;
import org.genro.router.RoutingClass;

/** The site's one dynamic piece: the page asks it the time. */
public class Api extends RoutingClass {
    /** {@code GET /api/now}: the server's clock. */
    @Route(methods = {"GET"}, doc = "The server's clock, as an ISO-8601 instant.")
    public Map<String, Object> now() {
        return Map.of("now", Instant.now().toString());
    }
}
