package shop;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.AsgiServer;
import org.genro.server.Context;
import org.genro.server.Lifespan;
import org.genro.server.exchange.Avatar;
import org.genro.server.exchange.HttpError;

/**
 * The shop API: the catalog is open to everyone, orders need a customer (or an admin),
 * stock and statistics an admin. Who is calling comes from basic credentials, a bearer
 * token, a partner's JWT or the session of a login.
 */
public class Shop extends RoutingClass implements Lifespan {

    @Override
    public void onStartup(AsgiServer server) {
        server.registerDb("default", new Catalog());
    }

    private static Catalog db() {
        return (Catalog) Context.server().db();
    }

    @Route(doc = "Where to start, as a line of text.")
    public String index() {
        return "shop api: GET /shop/products, then log in at /_server/login to order\n";
    }

    @Route(doc = "Every product, with its price and stock.")
    public List<Catalog.Product> products() {
        return db().products();
    }

    @Route(doc = "One product by id; 404 when there is none.")
    public Catalog.Product product(int id) {
        return db().product(id).orElseThrow(() -> new HttpError(404, "no product " + id));
    }

    @Route(auth = "customer|admin", methods = {"POST"},
            doc = "Orders a quantity of a product for the caller; 409 when it is not there or not in stock.")
    public Catalog.Order order(int product, int quantity) {
        return db().order(Context.avatar().identity(), product, quantity)
                .orElseThrow(() -> new HttpError(409, "product " + product + " is not there or not in stock"));
    }

    /** A customer's own orders; an admin sees everyone's. */
    @Route(auth = "customer|admin", doc = "The caller's orders; an admin sees everyone's.")
    public List<Catalog.Order> orders() {
        Avatar who = Context.avatar();
        return db().orders(who.tags().contains("admin") ? null : who.identity());
    }

    @Route(auth = "admin", methods = {"POST"}, doc = "Adds stock to a product; 404 when there is no such product.")
    public Catalog.Product restock(int product, int quantity) {
        return db().restock(product, quantity).orElseThrow(() -> new HttpError(404, "no product " + product));
    }

    @Route(auth = "admin", doc = "How many orders there are, and the revenue.")
    public Map<String, Object> stats() {
        List<Catalog.Order> all = db().orders(null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("orders", all.size());
        out.put("revenue", all.stream().map(Catalog.Order::total).reduce(BigDecimal.ZERO, BigDecimal::add));
        return out;
    }

    /** Who you are, if you say: open to everyone, so it checks credentials only when asked. */
    @Route(doc = "Who the caller is when credentials came along: identity and tags.")
    public Map<String, Object> whoami() {
        Avatar who = Context.avatar();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("identity", who == null ? null : who.identity());
        out.put("tags", who == null ? List.of() : new TreeSet<>(who.tags()));
        return out;
    }
}
