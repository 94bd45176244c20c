package dev.gradcheck.internal.run;

import dev.gradcheck.CheckKind;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.Precision;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A forward with tensor output, scalarised as {@code <u, forward()>} for a seeded random upstream
 * gradient {@code u}; the backward receives a fresh copy of {@code u}, so its gradients are the
 * vector-Jacobian product that the scalar's numeric gradient checks.
 *
 * @param <T> the output type, which is also the type of the upstream gradient
 */
public final class OutputObjective<T> extends Objective {

  private final Supplier<T> forward;
  private final OutputReader output;
  private final Consumer<? super T> backward;

  /** Creates the objective from the user's forward and backward. */
  public OutputObjective(Supplier<T> forward, Consumer<? super T> backward) {
    this.forward = forward;
    this.output =
        new OutputReader(forward, "its backward receives an upstream gradient of the first call's");
    this.backward = backward;
  }

  /** The user's forward. */
  Supplier<T> forward() {
    return forward;
  }

  @Override
  public CheckKind kind() {
    return CheckKind.VECTOR_JACOBIAN_PRODUCT;
  }

  @Override
  protected double compute() {
    return output.read();
  }

  @Override
  protected void prepare(SplittableRandom random) {
    output.prepare(random);
  }

  @Override
  @SuppressWarnings("unchecked") // an upstream gradient is of the class of the forward's output
  protected void runBackward() {
    backward.accept((T) output.weightsAsOutput());
  }

  @Override
  java.util.Optional<LinearMap> linearMap(java.util.List<Declared> parameters) {
    return java.util.Optional.of(
        new LinearMap() {
          @Override
          public String code() {
            return "backward";
          }

          @Override
          public String input() {
            return "dy";
          }

          @Override
          public int inputs() {
            return output.size();
          }

          @Override
          @SuppressWarnings("unchecked") // an upstream gradient is of the output's class
          public double[] apply(double[] dy) {
            backward.accept((T) output.asOutput(dy));
            int total = parameters.stream().mapToInt(d -> d.gradient().size()).sum();
            double[] out = new double[total];
            int k = 0;
            for (Declared d : parameters) {
              for (int i = 0; i < d.gradient().size(); i++) {
                out[k++] = d.gradient().get(i);
              }
            }
            return out;
          }

          @Override
          public String label(int k) {
            for (Declared d : parameters) {
              if (k < d.gradient().size()) {
                return "the gradient of " + d.label(k);
              }
              k -= d.gradient().size();
            }
            return "entry " + k;
          }

          @Override
          public double epsilon() {
            Precision p = output.precision();
            for (Declared d : parameters) {
              p = p.coarser(d.gradient().precision());
            }
            return p.epsilon();
          }
        });
  }

  @Override
  public double[] upstream() {
    return output.weights();
  }

  @Override
  public double[] capture() {
    return output.capture();
  }

  @Override
  public String label(int index) {
    return output.label(index);
  }

  @Override
  public ContractViolation nonFinite(double scalar, String where) {
    return output.nonFinite(scalar, where);
  }

  @Override
  public Precision precision() {
    return output.precision();
  }
}
