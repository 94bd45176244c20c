package dev.gradcheck.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link EvaluationOverhead} with JMH and prints, per parameter size, the engine's cost per
 * evaluation beyond the forward itself, and its ratio to one forward — both benchmarks measured
 * side by side in one run.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar
 * </pre>
 */
public final class Overhead {

  private Overhead() {}

  /**
   * Runs the benchmarks and prints the overhead.
   *
   * @param args ignored
   * @throws RunnerException when JMH fails
   */
  public static void main(String[] args) throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(EvaluationOverhead.class.getSimpleName())
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(1))
            .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<Integer, double[]> bySize = new TreeMap<>();
    for (RunResult r : results) {
      int size = Integer.parseInt(r.getParams().getParam("size"));
      String name = r.getParams().getBenchmark();
      double ns = r.getPrimaryResult().getScore();
      double[] row = bySize.computeIfAbsent(size, k -> new double[3]);
      if (name.endsWith(".forward")) {
        row[0] = ns;
      } else {
        row[1] = ns;
      }
    }
    System.out.println();
    System.out.println("engine overhead per evaluation of a trivial loss (sum of squares / 2)");
    System.out.printf(
        Locale.ROOT,
        "%6s %12s %14s %12s %16s %12s%n",
        "size",
        "forward ns",
        "check ns",
        "evaluations",
        "overhead ns/eval",
        "ratio");
    for (Map.Entry<Integer, double[]> e : bySize.entrySet()) {
      EvaluationOverhead state = new EvaluationOverhead();
      state.size = e.getKey();
      state.setUp();
      long evaluations = state.run().evaluations();
      double forward = e.getValue()[0];
      double check = e.getValue()[1];
      double overhead = check / evaluations - forward;
      System.out.printf(
          Locale.ROOT,
          "%6d %12.1f %14.0f %12d %16.1f %12.3f%n",
          e.getKey(),
          forward,
          check,
          evaluations,
          overhead,
          overhead / forward);
    }
  }
}
