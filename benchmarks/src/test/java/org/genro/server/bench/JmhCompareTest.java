package org.genro.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison's reading of JMH's JSON result: every measured iteration of every fork counts. */
class JmhCompareTest {
    /** Two benchmarks as JMH writes them with {@code -rf json}, trimmed to what is read. */
    private static final String RESULT = """
            [
              {"benchmark": "org.genro.server.bench.DispatchBench.bareHandlerJson", "params": {"chain": "default"},
               "primaryMetric": {"score": 250.0, "rawData": [[260.0, 240.0], [300.0, 250.0]]}},
              {"benchmark": "org.genro.server.bench.DispatchBench.dispatch", "params": {"chain": "default"},
               "primaryMetric": {"score": 330.0, "rawData": [[310.0, 330.0, 900.0], [300.0, 345.0]]}}
            ]
            """;

    @Test
    void minimumAndMedianAreTakenOverEveryForksIterations() throws Exception {
        Map<String, JmhCompare.Figures> figures = JmhCompare.summary(RESULT);
        assertEquals(new JmhCompare.Figures(240.0, 255.0), figures.get("bareHandlerJson"), "even count: the middle two's mean");
        assertEquals(new JmhCompare.Figures(300.0, 330.0), figures.get("dispatch"), "odd count: the middle one; 900 an outlier");
    }

    @Test
    void eachBenchmarkIsSetAgainstTheBaselineOfTheSameRun() throws Exception {
        String line = JmhCompare.line(JmhCompare.summary(RESULT), "bareHandlerJson");
        assertEquals("bareHandlerJson 240.0 / 255.0   dispatch 300.0 / 330.0 (1.25x / 1.29x)", line);
        assertThrows(IllegalArgumentException.class, () -> JmhCompare.line(JmhCompare.summary(RESULT), "bareHandler"));
    }
}
