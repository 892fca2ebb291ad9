package org.genro.router;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test tree used across the routing tests:
 * <pre>
 *  (root)  index(String... rest), ping(), secret [auth admin]
 *    shop     index(), retrieve(id), by-date(day, limit?), checkout [id checkout]
 *      articles  index(first, second), list(tag?) , detail(long id)
 *    reports  (lazy: Reports)  index(), monthly(int month)
 *    items    (alias -&gt; shop/articles)
 * </pre>
 */
final class Shop {

    static final AtomicInteger REPORTS_BUILT = new AtomicInteger();

    private Shop() {
    }

    static Root tree() {
        return new Root();
    }

    static class Root extends RoutingClass {
        Root() {
            branch("shop", new Store());
            lazyBranch("reports", () -> {
                REPORTS_BUILT.incrementAndGet();
                return new Reports();
            });
            alias("items", "shop/articles");
        }

        @Route
        public String index(String... rest) {
            return "root:" + String.join(",", rest);
        }

        @Route
        public String ping() {
            return "pong";
        }

        @Route(auth = "admin")
        public String secret() {
            return "s3cret";
        }
    }

    static class Store extends RoutingClass {
        Store() {
            branch("articles", new Articles());
        }

        @Route
        public String index() {
            return "shop";
        }

        @Route
        public String retrieve(String id) {
            return "retrieve " + id;
        }

        @Route(name = "by-date")
        public String byDate(LocalDate day, Optional<Integer> limit) {
            return day + " limit " + limit.map(String::valueOf).orElse("none");
        }

        @Route(id = "checkout", methods = {"post"}, mime = "application/json", meta = {"summary=Pay the cart"},
                doc = "  Pays the cart.\nThe order is confirmed by mail.  ")
        public String checkout() {
            return "paid";
        }
    }

    static class Articles extends RoutingClass {
        @Route
        public String index(String first, String second) {
            return "articles " + first + " " + second;
        }

        @Route
        public List<String> list(@Default("all") String tag) {
            return List.of("list", tag);
        }

        @Route
        public long detail(long id) {
            return id * 2;
        }
    }

    static class Reports extends RoutingClass {
        @Route
        public String index() {
            return "reports";
        }

        @Route(id = "monthly")
        public String monthly(int month) {
            return "month " + month;
        }
    }
}
