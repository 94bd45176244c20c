package dev.gradcheck.internal.run;

import dev.gradcheck.CheckKind;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.Precision;
import dev.gradcheck.internal.storage.CheckAborted;
import dev.gradcheck.internal.storage.Entries;
import java.util.List;
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
  private Supplier<java.util.Optional<ContractViolation>> consistency = java.util.Optional::empty;

  /**
   * Adds a consistency check of the user's code at the declared point, run with the contracts: two
   * ways of computing one value that must agree (a {@code DerivativeStructure}'s value and the
   * plain one).
   *
   * @param check returns the violation when the two disagree
   */
  public void alsoAtDeclaredPoint(Supplier<java.util.Optional<ContractViolation>> check) {
    this.consistency = check;
  }

  /** Runs the consistency check added with {@link #alsoAtDeclaredPoint}, if any. */
  java.util.Optional<ContractViolation> consistency() {
    try {
      return consistency.get();
    } catch (RuntimeException e) {
      throw wrap(backwardName(), e);
    }
  }

  /**
   * The evaluations of the user's code one evaluation of this objective costs: 1, or {@code 2n}
   * loss evaluations for a gradient by central differences.
   */
  long evaluationCost() {
    return 1;
  }

  /**
   * Whether the numeric side is a second difference of a loss (a Hessian without backward): its own
   * error, smooth in the point, is invisible to the outer error estimate, so agreement is asked
   * only to {@code ∛ε} and a pass is coarse only beyond a wider resolution.
   */
  boolean secondDifferences() {
    return false;
  }

  /** How many of the output entries are read by the entries judged; the rest are companions. */
  int judgedOutputs(int outputs) {
    return outputs;
  }

  /**
   * The output entry that holds the same derivative computed with twice the inner step (a second
   * difference of a loss), from which the inner step's bias is estimated; -1 when there is none.
   */
  int companion(int output) {
    return -1;
  }

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

  /** Sets every derivative the backward writes to zero, before the first backward. */
  void clearDerivatives(List<Declared> parameters) {
    for (Declared p : parameters) {
      Entries gradient = p.gradient();
      for (int i = 0; i < gradient.size(); i++) {
        gradient.set(i, 0.0);
      }
    }
  }

  /** Returns the derivatives of parameter {@code p} that the last backward produced, flat. */
  double[] derivatives(List<Declared> parameters, int p) {
    Entries gradient = parameters.get(p).gradient();
    double[] values = new double[gradient.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = gradient.get(i);
    }
    return values;
  }

  /** How messages name derivative {@code k} of a parameter: {@code W[2]}. */
  String derivativeLabel(Declared parameter, int k) {
    return parameter.label(k);
  }

  /** The precision the user's derivatives of a parameter come in. */
  Precision derivativePrecision(Declared parameter) {
    return parameter.gradient().precision();
  }

  /**
   * Whether each derivative is judged against one output entry (a Jacobian), rather than against
   * the checked scalar.
   */
  boolean perOutput() {
    return false;
  }

  /**
   * The weights {@code u} of a checked scalar {@code <u, output>} read entry by entry (a Jacobian),
   * else null.
   */
  double[] weights() {
    return null;
  }

  /**
   * The user's derivative code as the linear map it must be, for the linearity contract; empty when
   * it takes no input of its own (a loss's backward, a returned matrix).
   */
  java.util.Optional<LinearMap> linearMap(List<Declared> parameters) {
    return java.util.Optional.empty();
  }

  /** What the derivatives are called: {@code gradient}. */
  String derivativeNoun() {
    return "gradient";
  }

  /** What the user's derivative code is called in messages: {@code backward}. */
  String backwardName() {
    return "backward";
  }

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

  /**
   * Evaluates once, counting the evaluation. Stops the check (a {@link CheckAborted}, which nothing
   * inside the check catches) when the thread is interrupted, before the evaluation or as soon as
   * it returns, and when the forward's output changes type or shape; wraps whatever else the user's
   * code throws, errors and undeclared checked exceptions included, in a {@link
   * GradientCheckException} saying where it happened. A {@link VirtualMachineError} propagates as
   * it is.
   */
  final double evaluate() {
    stopIfInterrupted(null);
    evaluations += evaluationCost();
    double value;
    try {
      value = compute();
    } catch (InvalidOutput e) {
      if (e.changed()) {
        throw new OutputChanged(e.first(), e.later(), where.get());
      }
      throw new IllegalArgumentException(e.getMessage()); // gradcheck's own complaint, plainly
    } catch (CheckAborted | VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      throw wrap("forward", e);
    }
    stopIfInterrupted(null);
    return value;
  }

  /** Runs the backward once; see {@link #evaluate()}. */
  final void backward() {
    stopIfInterrupted(null);
    try {
      runBackward();
    } catch (JacobianObjective.InvalidJacobian e) {
      throw new IllegalArgumentException(e.getMessage()); // gradcheck's own complaint, plainly
    } catch (CheckAborted | VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      throw wrap(backwardName(), e);
    }
    stopIfInterrupted(null);
  }

  private RuntimeException wrap(String what, Throwable e) {
    if (e instanceof InterruptedException) {
      // The user's code was interrupted while waiting, which clears the thread's status: set it
      // again, and stop as for any interrupt.
      Thread.currentThread().interrupt();
      stopIfInterrupted(e);
    }
    return new GradientCheckException(
        "the %s threw %s %s: %s"
            .formatted(what, e.getClass().getSimpleName(), where.get(), e.getMessage()),
        e);
  }

  /**
   * Stops the check when the thread is interrupted; its interrupt status stays set, for the code
   * that interrupted it.
   */
  private void stopIfInterrupted(Throwable cause) {
    if (Thread.currentThread().isInterrupted()) {
      String after =
          evaluations == 0
              ? "before its first evaluation"
              : "after %d %s"
                  .formatted(evaluations, evaluations == 1 ? "evaluation" : "evaluations");
      throw new CheckAborted(
          "the check was interrupted %s (interrupted %s); the thread's interrupt status is still set"
              .formatted(after, where.get()),
          cause);
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
