package hello;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.genro.router.Route;
import org.genro.router.RoutingClass;

/** A child router under {@code /hello/math}: typed arguments and JSON bodies. */
public class MathApi extends RoutingClass {

    /** A sum and its terms. */
    public record Sum(long a, long b, long sum) {
    }

    @Route(doc = "The sum of two integers, with its terms.")
    public Sum add(long a, long b) {
        return new Sum(a, b, a + b);
    }

    /** {@code ?values=1&values=2.5} or a JSON body {@code {"values":[1,2.5]}}. */
    @Route(methods = {"GET", "POST"},
            doc = "The mean of a list of numbers: ?values=1&values=2.5, or a JSON body {\"values\": [1, 2.5]}.")
    public Map<String, Object> mean(List<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("count", values.size());
        out.put("mean", values.isEmpty() ? 0 : sum / values.size());
        return out;
    }

    /** Decimal arithmetic without binary rounding: {@code ?price=19.99&qty=3}. */
    @Route(doc = "Price times quantity, in decimal arithmetic (no binary rounding).")
    public Map<String, Object> total(BigDecimal price, int qty) {
        return Map.of("total", price.multiply(BigDecimal.valueOf(qty)));
    }

    /** Dates: {@code ?date=2025-01-15} or {@code ?date=2025-01-15::D}. */
    @Route(doc = "The day of the week of a date (yyyy-mm-dd).")
    public Map<String, Object> weekday(LocalDate date) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("date", date.toString());
        out.put("weekday", date.getDayOfWeek().toString());
        return out;
    }
}
