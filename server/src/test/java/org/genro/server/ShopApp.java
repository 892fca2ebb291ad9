package org.genro.server;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.HttpError;
import org.genro.server.exchange.Reply;

/** A routing class exercising every result type, binding and error path the dispatcher maps. */
public class ShopApp extends RoutingClass implements Lifespan {
    /** Shared across instances so a test can see the order of lifespan calls. */
    static final List<String> EVENTS = java.util.Collections.synchronizedList(new ArrayList<>());

    private final String label;

    /** Built by config with kwargs, or from code. */
    @SuppressWarnings("this-escape") // branch() only records the child
    public ShopApp(String label) {
        this.label = label;
        branch("articles", new Articles());
    }

    @Override
    public void onStartup(AsgiServer server) {
        EVENTS.add("start " + label);
    }

    @Override
    public void onShutdown(AsgiServer server) {
        EVENTS.add("stop " + label);
    }

    @Route
    public String index() {
        return "shop " + label;
    }

    @Route
    public Map<String, Object> retrieve(long id) {
        return Map.of("id", id, "label", label);
    }

    /** A record result, written as a JSON object. */
    public record Price(BigDecimal amount, String currency) {
    }

    @Route
    public Price price(BigDecimal amount) {
        return new Price(amount, "EUR");
    }

    @Route
    public Map<String, Object> typed(int count, double ratio, boolean flag, LocalDate day, List<Integer> ids) {
        return Map.of("count", count, "ratio", ratio, "flag", flag, "day", day.toString(), "ids", ids);
    }

    @Route(methods = {"POST"})
    public Map<String, Object> order(String item, int qty) {
        return Map.of("item", item, "qty", qty);
    }

    @Route
    public byte[] raw() {
        return new byte[] {1, 2, 3};
    }

    @Route(mime = "text/csv")
    public String csv() {
        return "a,b\n1,2\n";
    }

    @Route
    public Path file() throws java.io.IOException {
        Path f = java.nio.file.Files.createTempFile("shop", ".txt");
        java.nio.file.Files.writeString(f, "file body");
        f.toFile().deleteOnExit();
        return f;
    }

    @Route
    public Reply created() {
        return Reply.text("made").status(201).header("Location", "/shop/retrieve/1");
    }

    @Route
    public void nothing() {
    }

    @Route
    public String withCookie() {
        Context.reply().addHeader("Set-Cookie", "seen=1; Path=/");
        return "cookie set";
    }

    @Route
    public String who() {
        return Helper.describe();
    }

    @Route
    public String boom() {
        throw new IllegalStateException("secret internals");
    }

    @Route
    public String teapot() {
        throw new HttpError(418, "short and stout");
    }

    @Route(auth = "admin")
    public String admin() {
        return "admin only";
    }

    @Route
    public String big() {
        return "x".repeat(4000);
    }

    /** Code called by a handler that reads the scoped context without parameters. */
    static final class Helper {
        static String describe() {
            Exchange e = Context.exchange();
            return e.method() + " " + e.app() + " " + e.appPath() + " " + (Context.server() != null);
        }
    }

    /** The child router under {@code articles}. */
    public static class Articles extends RoutingClass {
        /** No state of its own. */
        public Articles() {
        }

        @Route
        public List<String> list() {
            return List.of("pen", "ink");
        }

        @Route
        public String index() {
            return "articles";
        }
    }
}
