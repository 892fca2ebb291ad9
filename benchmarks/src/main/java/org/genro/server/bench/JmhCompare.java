package org.genro.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark jars measured in turn, round after round, for a change smaller than what this
 * kind of machine moves from one run to the next. Each round runs the same JMH benchmarks
 * from each jar in its own JVM, several forks each, and prints, for every benchmark, the
 * minimum and the median of all its measured iterations (the minimum moves least when
 * something else takes the cores for a while), then its ratio to the baseline benchmark
 * of the same jar in the same round. A figure counts only when it shows in every round.
 *
 * <pre>java -cp benchmarks.jar org.genro.server.bench.JmhCompare ROUNDS BASELINE 'JMH ARGS' JAR...</pre>
 *
 * e.g. {@code JmhCompare 2 bareHandlerJson "DispatchBench.(dispatch|dispatchFixed|bareHandlerJson)$
 * -p chain=default -f 3 -wi 3 -i 4 -w 1s -r 1s" before.jar after.jar}. The JMH arguments are
 * split at spaces.
 */
public final class JmhCompare {
    private JmhCompare() {
    }

    /** One benchmark's measured iterations in one run: their minimum and median. */
    record Figures(double min, double median) {
        static Figures of(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Figures(sorted[0], median);
        }
    }

    /** Args: rounds, the baseline benchmark's short name, the JMH arguments in one string, the jars. */
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String baseline = args[1];
        List<String> jmh = Arrays.asList(args[2].trim().split("\\s+"));
        List<String> jars = Arrays.asList(args).subList(3, args.length);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 1; round <= rounds; round++) {
            for (String jar : jars) {
                Path json = Files.createTempFile("jmh-compare", ".json");
                try {
                    List<String> command = new ArrayList<>(List.of(java, "-jar", jar));
                    command.addAll(jmh);
                    command.addAll(List.of("-rf", "json", "-rff", json.toString()));
                    Process p = new ProcessBuilder(command).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    if (p.waitFor() != 0) {
                        throw new IOException("JMH failed for " + jar + ": exit " + p.exitValue());
                    }
                    System.out.println("round " + round + "  " + Path.of(jar).getFileName() + "  "
                            + line(summary(Files.readString(json)), baseline));
                } finally {
                    Files.deleteIfExists(json);
                }
            }
        }
    }

    /** Each benchmark's figures (by its method name, parameters left out) from JMH's JSON result. */
    static Map<String, Figures> summary(String jmhJson) throws IOException {
        Map<String, Figures> out = new LinkedHashMap<>();
        for (JsonNode b : new ObjectMapper().readTree(jmhJson)) {
            String name = b.get("benchmark").asText();
            List<Double> values = new ArrayList<>();
            for (JsonNode fork : b.get("primaryMetric").get("rawData")) {
                fork.forEach(v -> values.add(v.asDouble()));
            }
            out.put(name.substring(name.lastIndexOf('.') + 1), Figures.of(values));
        }
        return out;
    }

    /** The figures as one line: each benchmark's min / median, then its ratios to the baseline's. */
    static String line(Map<String, Figures> figures, String baseline) {
        Figures base = figures.get(baseline);
        if (base == null) {
            throw new IllegalArgumentException("no benchmark " + baseline + " among " + figures.keySet());
        }
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Figures> e : figures.entrySet()) {
            Figures f = e.getValue();
            s.append(String.format(Locale.ROOT, "%s %.1f / %.1f", e.getKey(), f.min(), f.median()));
            if (!e.getKey().equals(baseline)) {
                s.append(String.format(Locale.ROOT, " (%.2fx / %.2fx)", f.min() / base.min(), f.median() / base.median()));
            }
            s.append("   ");
        }
        return s.toString().strip();
    }
}
