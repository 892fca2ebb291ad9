package hello;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genro.router.Route;
import org.genro.router.RoutingClass;
import org.genro.server.AsgiServer;
import org.genro.server.Context;
import org.genro.server.Lifespan;

/**
 * The hello app: text, JSON, typed arguments and a child router ({@code math}).
 *
 * <pre>
 * GET /                          → Hello from genro!
 * GET /hello/info                → {"app":"hello","greeting":"Hello",...}
 * GET /hello/greet?name=Ada&amp;times=2 → {"message":"Hello, Ada! Hello, Ada!","times":2}
 * GET /hello/greet/Ada           → the name as a path segment
 * GET /hello/math/add?a=2&amp;b=40   → {"a":2,"b":40,"sum":42}
 * </pre>
 */
public class Hello extends RoutingClass implements Lifespan {
    private final String greeting;
    private Instant started;

    public Hello(String greeting) {
        this.greeting = greeting;
        branch("math", new MathApi());
    }

    @Override
    public void onStartup(AsgiServer server) {
        started = Instant.now();
    }

    /** Plain text. */
    @Route(doc = "A greeting, as plain text.")
    public String index() {
        return greeting + " from genro!\n";
    }

    /** JSON from a map; the request is read from the scoped context. */
    @Route(methods = {"GET"}, doc = "The app, its greeting, when it started and the caller's User-Agent, as JSON.")
    public Map<String, Object> info() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("app", "hello");
        out.put("greeting", greeting);
        out.put("started", started == null ? null : started.toString());
        out.put("user_agent", Context.request().header("User-Agent"));
        return out;
    }

    /** A record result: written as a JSON object, fields in declaration order. */
    public record Greeting(String message, int times) {
    }

    /** Typed arguments: {@code times} is coerced to an int, and must be one. */
    @Route(doc = "Greets a name, times over: ?name=Ada&times=2, or /hello/greet/Ada?times=2.")
    public Greeting greet(String name, int times) {
        String one = greeting + ", " + name + "!";
        return new Greeting(String.join(" ", java.util.Collections.nCopies(times, one)), times);
    }

    /** A page with a declared type. */
    @Route(mime = "text/html", doc = "A small HTML page.")
    public String page() {
        return "<!doctype html><title>hello</title><h1>" + greeting + "</h1><p><a href=\"/hello/info\">info</a>";
    }
}
