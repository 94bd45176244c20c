package dev.gradcheck;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A known way in which a hand-written gradient goes wrong, recognised from the pattern of its
 * disagreement with the numeric gradient. Pattern matching on the records is the intended use;
 * their components are typed values, not display text.
 *
 * <p>New shapes will be added as permitted subtypes in later versions (Jacobian and Hessian shapes
 * among them): a {@code switch} over a {@code BugShape} needs a {@code default} branch.
 *
 * <pre>{@code
 * for (Diagnosis d : result.diagnoses()) {
 *   if (d.shape() instanceof BugShape.Scaled s && s.factor() == 0.5) { ... }
 * }
 * }</pre>
 *
 * <p>(For maintainers: the family is one file on purpose, so that a user reading it sees every case
 * a {@code switch} may meet; each record is a few lines.)
 */
public sealed interface BugShape {

  /**
   * Returns a short name, such as {@code sign error}.
   *
   * @return the title
   */
  String title();

  /**
   * The analytic gradient is the negative of the numeric one.
   *
   * @param entries how many entries are flipped
   * @param of how many entries the parameter has (checked)
   */
  record SignFlip(int entries, int of) implements BugShape {
    @Override
    public String title() {
      return "sign error";
    }
  }

  /**
   * A ratio of small whole numbers, such as {@code 2}, {@code 1/2}, {@code -1/32} or {@code 2/3}.
   *
   * @param numerator the numerator, carrying the sign
   * @param denominator the denominator, positive
   */
  record Ratio(long numerator, long denominator) {

    /**
     * Returns the ratio's value.
     *
     * @return {@code numerator / denominator}
     */
    public double value() {
      return (double) numerator / denominator;
    }

    /**
     * Returns the ratio as written: {@code 2}, {@code 1/2}, {@code -1/32}.
     *
     * @return the text
     */
    @Override
    public String toString() {
      return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }
  }

  /**
   * The analytic gradient is the numeric one times a constant.
   *
   * @param factor the fitted factor {@code analytic / numeric}
   * @param ratio the factor as a simple ratio, or empty when none fits every entry
   */
  record Scaled(double factor, Optional<Ratio> ratio) implements BugShape {
    @Override
    public String title() {
      return "wrong scale";
    }
  }

  /**
   * The analytic gradient of a matrix parameter is the transpose of the numeric one (for a
   * non-square matrix: the transposed matrix written into the same row-major storage).
   */
  record Transposed() implements BugShape {
    @Override
    public String title() {
      return "transposed gradient";
    }
  }

  /**
   * A Hessian off by a multiple of the identity, {@code analytic = numeric + coefficient × I}: a
   * damping or regularisation term {@code λI} forgotten ({@code coefficient = -λ}) or added.
   *
   * @param coefficient the constant difference on the diagonal
   * @since 0.1
   */
  record IdentityTerm(double coefficient) implements BugShape {
    @Override
    public String title() {
      return "off by a multiple of the identity";
    }
  }

  /**
   * Two rows or two columns of a matrix are each other's: in a Jacobian, two parameters (columns)
   * or two outputs (rows) in a different order than the model's.
   *
   * @param axis 0 for rows, 1 for columns
   * @param first the smaller index of the two
   * @param second the larger index of the two
   * @since 0.1
   */
  record SwappedSlices(int axis, int first, int second) implements BugShape {
    @Override
    public String title() {
      return axis == 0 ? "two rows swapped" : "two columns swapped";
    }
  }

  /**
   * The analytic gradient differs from the numeric one by a term proportional to the parameter
   * itself, {@code analytic = numeric + coefficient × value}: the gradient of an L2 penalty (weight
   * decay) missing, or added for a penalty the loss does not have.
   *
   * @param coefficient the fitted {@code coefficient}; {@code -2λ} for a missing penalty {@code
   *     λ‖w‖²}
   */
  record ProportionalTerm(double coefficient) implements BugShape {
    @Override
    public String title() {
      return coefficient < 0 ? "missing term" : "extra term";
    }
  }

  /**
   * The analytic gradient is zero where the numeric one is not: the gradient never reached these
   * entries.
   *
   * @param entries how many entries are zero but should not be
   * @param of how many entries the parameter has (checked)
   */
  record MissingGradient(int entries, int of) implements BugShape {
    @Override
    public String title() {
      return "missing gradient";
    }
  }

  /**
   * Exactly one slice along one axis is wrong (a row, a column, a channel): the mark of a broadcast
   * over the wrong axis or an off-by-one loop bound.
   *
   * @param axis the axis, 0 for rows of a matrix
   * @param index the index of the wrong slice along it
   * @param extent how many slices that axis has
   * @param rank the parameter's rank
   * @param content what is wrong inside the slice
   * @param factor the factor of a {@link Content#SCALED} slice, NaN otherwise
   */
  record SliceWrong(int axis, int index, int extent, int rank, Content content, double factor)
      implements BugShape {

    /** What is wrong inside the slice. */
    public enum Content {
      /** The analytic values are zero where the numeric ones are not. */
      ZERO,
      /** The analytic values are the negated numeric ones. */
      SIGN_FLIPPED,
      /** The analytic values are the numeric ones times {@link SliceWrong#factor()}. */
      SCALED,
      /** Wrong, in no simpler way. */
      WRONG
    }

    @Override
    public String title() {
      return "one " + slice() + " wrong";
    }

    /**
     * Names the slice: {@code row} or {@code column} of a matrix, else {@code slice}.
     *
     * @return the slice's name
     */
    public String slice() {
      if (rank == 2) {
        return axis == 0 ? "row" : "column";
      }
      return "slice";
    }

    /**
     * The slice as a pattern of indices, such as {@code w[:][2][:][:]}.
     *
     * @param name the parameter's name
     * @return the pattern
     */
    public String pattern(String name) {
      StringBuilder out = new StringBuilder(name);
      for (int d = 0; d < rank; d++) {
        out.append(d == axis ? "[" + index + "]" : "[:]");
      }
      return out.toString();
    }
  }

  /**
   * The analytic gradient differs from the numeric one by the upstream gradient itself, {@code
   * analytic = numeric + sign × dy}: a residual (skip) connection whose identity path does not pass
   * its gradient on ({@code sign = -1}), or passes it twice ({@code sign = +1}).
   *
   * @param sign {@code -1} when the path is missing, {@code +1} when it is counted twice
   */
  record SkipPath(int sign) implements BugShape {
    @Override
    public String title() {
      return sign < 0 ? "missing skip-connection gradient" : "skip-connection gradient twice";
    }
  }

  /**
   * The analytic gradient is the numeric one moved by one index along an axis.
   *
   * @param axis the axis along which entries are shifted
   * @param offset {@code analytic[i] = numeric[i + offset]}
   */
  record Shifted(int axis, int offset) implements BugShape {
    @Override
    public String title() {
      return "index shifted by " + (offset > 0 ? "+" : "") + offset;
    }
  }

  /**
   * A second backward changed the gradient: the backward adds into arrays it never clears.
   *
   * @param ratio second over first value, 2 for a plain {@code +=}
   */
  record Accumulating(double ratio) implements BugShape {
    @Override
    public String title() {
      return "accumulating backward";
    }
  }

  /**
   * The backward gives a different gradient on a second call at the same point, and not by
   * accumulating: it depends on call order or hidden state, or is nondeterministic.
   */
  record StatefulBackward() implements BugShape {
    @Override
    public String title() {
      return "backward not repeatable";
    }
  }

  /** The forward is not a function of the parameters alone (unseeded randomness, state). */
  record Nondeterministic() implements BugShape {
    @Override
    public String title() {
      return "nondeterministic forward";
    }
  }

  /**
   * The forward or backward writes into a declared parameter.
   *
   * @param during {@code forward} or {@code backward}
   */
  record MutatedInput(String during) implements BugShape {
    @Override
    public String title() {
      return during + " mutates its input";
    }
  }

  /**
   * At a kink, the analytic value lies outside the one-sided derivatives: not a subgradient.
   *
   * @param entries how many entries
   */
  record KinkOutside(int entries) implements BugShape {
    @Override
    public String title() {
      return "subgradient outside the kink";
    }
  }

  /**
   * Right on most entries, wrong on some, in no simpler pattern.
   *
   * @param wrong how many entries are wrong
   * @param of how many entries the parameter has (checked)
   * @param entries the labels of the wrong entries, such as {@code [W[0][1], W[2][2]]}
   * @param factor {@code analytic / numeric} when one factor explains the wrong entries
   */
  record Partial(int wrong, int of, List<String> entries, OptionalDouble factor)
      implements BugShape {

    /**
     * Copies the labels.
     *
     * @param wrong how many entries are wrong
     * @param of how many entries the parameter has (checked)
     * @param entries the labels of the wrong entries
     * @param factor {@code analytic / numeric} when one factor explains the wrong entries
     */
    public Partial {
      entries = List.copyOf(entries);
    }

    @Override
    public String title() {
      return "partly wrong";
    }
  }

  /**
   * The function does not depend on the parameter at this point (the numeric derivative is exactly
   * zero on every entry) while the analytic gradient is not zero: the forward reads a copy of the
   * declared array, or another array, rather than the declared one.
   */
  record Disconnected() implements BugShape {
    @Override
    public String title() {
      return "the function does not depend on the parameter";
    }
  }

  /**
   * The analytic gradient is not zero where the function is exactly flat: a mask the backward does
   * not apply (a ReLU's dead units, a clipped region).
   *
   * @param entries how many entries have a gradient where the function is flat
   * @param of how many entries the parameter has (checked)
   */
  record MissingMask(int entries, int of) implements BugShape {
    @Override
    public String title() {
      return "gradient where the function is flat";
    }
  }

  /** No known bug shape fits; the values are wrong in no recognisable way. */
  record Unexplained() implements BugShape {
    @Override
    public String title() {
      return "no known bug shape fits";
    }
  }
}
