package bench;

import java.util.Map;
import org.genro.router.Route;
import org.genro.router.RoutingClass;

/** The load test's two routes: 13 bytes of text, and a one-entry map written as JSON. */
public class Bench extends RoutingClass {

    @Route(methods = {"GET"}, doc = "Hello, World! as text.")
    public String plaintext() {
        return "Hello, World!";
    }

    @Route(methods = {"GET"}, doc = "A one-entry object as JSON.")
    public Map<String, Object> json() {
        return Map.of("message", "Hello, World!");
    }
}
