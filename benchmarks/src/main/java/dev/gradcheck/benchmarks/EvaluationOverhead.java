package dev.gradcheck.benchmarks;

import dev.gradcheck.CheckMode;
import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one forward of a trivial loss ({@code Σ w_i² / 2} over a vector), and of a whole
 * exhaustive check of it; {@link Overhead} divides the second by the check's evaluations to get the
 * engine's cost per evaluation beyond the forward itself.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EvaluationOverhead {

  /** Entries of the parameter. */
  @Param({"64", "1024"})
  public int size;

  private double[] w;
  private double[] dw;

  /** Draws the parameter. */
  @Setup
  public void setUp() {
    Random random = new Random(42);
    w = new double[size];
    dw = new double[size];
    for (int i = 0; i < size; i++) {
      w[i] = random.nextGaussian();
    }
  }

  double loss() {
    double s = 0;
    for (double v : w) {
      s += v * v;
    }
    return 0.5 * s;
  }

  void backward() {
    System.arraycopy(w, 0, dw, 0, w.length);
  }

  /**
   * One forward of the loss: the unit of work a check repeats.
   *
   * @return the loss
   */
  @Benchmark
  public double forward() {
    return loss();
  }

  /**
   * A whole exhaustive check of the loss, every entry on its own.
   *
   * @return the result
   */
  @Benchmark
  public CheckResult check() {
    return run();
  }

  CheckResult run() {
    return GradientCheck.create()
        .seed(1)
        .mode(CheckMode.EXHAUSTIVE)
        .param("w", w, dw)
        .loss(this::loss)
        .backward(this::backward)
        .run();
  }
}
