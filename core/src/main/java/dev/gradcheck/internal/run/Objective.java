package dev.gradcheck.internal.run;

import dev.gradcheck.CheckKind;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.Precision;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The scalar function whose gradient is checked, with its backward pass. Counts evaluations and
 * turns an exception thrown by user code into one that says where it happened.
 */
public abstract class Objective {

  private long evaluations;
  private static final Supplier<String> DECLARED_POINT = () -> "at the declared point";

  private Supplier<String> where = DECLARED_POINT;

  /** Returns what is checked. */
  public abstract CheckKind kind();

  /** Evaluates the user's code once and returns the scalar. */
  protected abstract double compute();

  /** Runs the user's backward once. */
  protected abstract void runBackward();

  /** Receives the random source for the objective's own choices; called before evaluating. */
  protected void prepare(SplittableRandom random) {}

  /** Returns every value the last evaluation produced, to compare two evaluations exactly. */
  public abstract double[] capture();

  /** Returns the upstream gradient of a tensor output, flat, or null for a scalar loss. */
  public double[] upstream() {
    return null;
  }

  /** Returns the label of a captured value, such as {@code loss} or {@code output[1][2]}. */
  public abstract String label(int index);

  /** Describes a non-finite result of the last evaluation: which value, and where. */
  public abstract ContractViolation nonFinite(double scalar, String where);

  /** Returns the precision of the values the user's code returns. */
  public abstract Precision precision();

  /**
   * Sets where the parameters are, for messages: {@code with W[0] perturbed by +1e-05}. A supplier,
   * because the text is needed only when the user's code throws, and building it for every
   * evaluation would cost more than a small forward.
   */
  void at(Supplier<String> where) {
    this.where = where;
  }

  /** Returns to the declared point, for messages. */
  void atDeclaredPoint() {
    this.where = DECLARED_POINT;
  }

  /** Evaluates once, counting the evaluation. */
  final double evaluate() {
    evaluations++;
    try {
      return compute();
    } catch (InvalidOutput e) {
      throw new IllegalArgumentException(e.getMessage()); // gradcheck's own complaint, plainly
    } catch (RuntimeException e) {
      throw new GradientCheckException(
          "the forward threw "
              + e.getClass().getSimpleName()
              + " "
              + where.get()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Runs the backward once. */
  final void backward() {
    try {
      runBackward();
    } catch (RuntimeException e) {
      throw new GradientCheckException(
          "the backward threw "
              + e.getClass().getSimpleName()
              + " "
              + where.get()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  final void start(SplittableRandom random) {
    prepare(random);
  }

  /** Returns the number of evaluations so far. */
  public long evaluations() {
    return evaluations;
  }
}
