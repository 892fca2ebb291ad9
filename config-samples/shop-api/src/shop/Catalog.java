package shop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The shop's in-memory database, registered with the server as "default". */
public final class Catalog {
    /** A product on sale. */
    public record Product(int id, String name, BigDecimal price, int stock) {
    }

    /** An order placed by a customer. */
    public record Order(int id, String customer, int product, int quantity, BigDecimal total) {
    }

    private final Map<Integer, Product> products = new ConcurrentHashMap<>();
    private final Map<Integer, Order> orders = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public Catalog() {
        add(new Product(1, "Fountain pen", new BigDecimal("24.90"), 10));
        add(new Product(2, "Ink, blue", new BigDecimal("6.50"), 40));
        add(new Product(3, "Notebook", new BigDecimal("12.00"), 25));
    }

    private void add(Product p) {
        products.put(p.id(), p);
    }

    public List<Product> products() {
        return products.values().stream().sorted(java.util.Comparator.comparingInt(Product::id)).toList();
    }

    public Optional<Product> product(int id) {
        return Optional.ofNullable(products.get(id));
    }

    /** Takes stock and records the order; empty when the product is not there or not in stock. */
    public synchronized Optional<Order> order(String customer, int product, int quantity) {
        Product p = products.get(product);
        if (p == null || quantity < 1 || quantity > p.stock()) {
            return Optional.empty();
        }
        products.put(p.id(), new Product(p.id(), p.name(), p.price(), p.stock() - quantity));
        Order o = new Order(ids.incrementAndGet(), customer, product, quantity,
                p.price().multiply(BigDecimal.valueOf(quantity)));
        orders.put(o.id(), o);
        return Optional.of(o);
    }

    public synchronized Optional<Product> restock(int product, int quantity) {
        Product p = products.get(product);
        if (p == null || quantity < 1) {
            return Optional.empty();
        }
        Product more = new Product(p.id(), p.name(), p.price(), p.stock() + quantity);
        products.put(p.id(), more);
        return Optional.of(more);
    }

    public List<Order> orders(String customer) {
        List<Order> out = new ArrayList<>();
        orders.values().stream().filter(o -> customer == null || o.customer().equals(customer))
                .sorted(java.util.Comparator.comparingInt(Order::id)).forEach(out::add);
        return out;
    }
}
