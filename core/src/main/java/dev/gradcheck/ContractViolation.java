package dev.gradcheck;

import dev.gradcheck.internal.text.Numbers;
import java.util.List;

/**
 * A broken contract of the user's forward or backward pass, found before or while the gradient
 * values are compared. Each kind is reported as what it is, never as a generic mismatch.
 *
 * <pre>{@code
 * for (ContractViolation v : result.violations()) {
 *   if (v instanceof ContractViolation.AccumulatingBackward a) {
 *     System.out.println(a.parameter() + ": " + a.first() + " then " + a.second());
 *   }
 * }
 * }</pre>
 *
 * <p>New contracts will be added as permitted subtypes in later versions: a {@code switch} over a
 * {@code ContractViolation} needs a {@code default} branch.
 *
 * <p>(For maintainers: the family is one file on purpose, so that a user reading it sees every case
 * a {@code switch} may meet; each record is its title and its message.)
 */
public sealed interface ContractViolation {

  /** What a second backward at the same point did to an entry, then what that means. */
  private static String secondBackward(String entry, double first, double second, String means) {
    String ratio = first != 0 ? " (%s× the first)".formatted(Numbers.value(second / first)) : "";
    String[] values = Numbers.distinct(first, second);
    return "a second backward at the same point changed %s of the gradient from %s to %s%s%s"
        .formatted(entry, values[0], values[1], ratio, means);
  }

  /** Up to four labels, then how many more: the list in a message, its length exact. */
  private static String listed(List<String> labels) {
    return labels.size() <= 4
        ? String.join(", ", labels)
        : "%s and %d more".formatted(String.join(", ", labels.subList(0, 4)), labels.size() - 4);
  }

  /**
   * Returns a short name of the problem, such as {@code nondeterministic forward}.
   *
   * @return the title
   */
  String title();

  /**
   * Returns one sentence that names what is wrong, where, and the values seen.
   *
   * @return the description
   */
  String describe();

  /**
   * Two evaluations at the same parameters gave different values.
   *
   * @param quantity what differed, such as {@code loss} or {@code output[3]}
   * @param first the first value
   * @param second the second value
   */
  record NondeterministicForward(String quantity, double first, double second)
      implements ContractViolation {
    @Override
    public String title() {
      return "nondeterministic forward";
    }

    @Override
    public String describe() {
      String[] values = Numbers.distinct(first, second);
      return ("two evaluations at the same parameters gave different %s: %s then %s (unseeded"
              + " randomness such as dropout, or state kept between calls?)")
          .formatted(quantity, values[0], values[1]);
    }
  }

  /**
   * The forward or the backward wrote into a declared parameter.
   *
   * @param parameter the parameter's name
   * @param entry the first entry that changed, such as {@code W[0][1]}
   * @param during {@code forward} or {@code backward}
   * @param before the value before the call
   * @param after the value after the call
   */
  record MutatedParameter(
      String parameter, String entry, String during, double before, double after)
      implements ContractViolation {
    @Override
    public String title() {
      return "%s modifies parameter '%s'".formatted(during, parameter);
    }

    @Override
    public String describe() {
      return "the %s changed %s from %s to %s; it must leave declared parameters as it found them"
          .formatted(during, entry, Numbers.value(before), Numbers.value(after));
    }
  }

  /**
   * The forward or backward replaced a row of a declared array with a new array, so the check (and
   * an optimiser holding the declared array) would never see what was written there.
   *
   * @param storage what the row belongs to, such as {@code gradient of 'W'}
   * @param row the replaced row, such as {@code W[1]}
   * @param during {@code forward} or {@code backward}
   */
  record ReplacedRow(String storage, String row, String during) implements ContractViolation {
    @Override
    public String title() {
      return "%s replaces a row of the %s".formatted(during, storage);
    }

    @Override
    public String describe() {
      return ("the %s put a new array at %s; write into the declared arrays instead (%s[j] ="
              + " ...), or declare the new arrays")
          .formatted(during, row, row);
    }
  }

  /**
   * Entries at kinks whose analytic values are each a valid subgradient, but not together: moving
   * them all at once changes the loss at a rate their analytic values do not add up to. The mark of
   * a tie whose gradient was given to every tied entry (a max-pool backward that routes the
   * upstream gradient to each tied maximum).
   *
   * @param entries the labels of the tied entries moved together, such as {@code [x[0], x[1]]}
   * @param analytic the sum of their analytic values
   * @param low the smaller one-sided derivative of the loss along the move (per unit step of each
   *     entry)
   * @param high the larger one
   */
  record TiedSubgradients(List<String> entries, double analytic, double low, double high)
      implements ContractViolation {

    /**
     * Copies the labels.
     *
     * @param entries the labels of the tied entries moved together
     * @param analytic the sum of their analytic values
     * @param low the smaller one-sided derivative of the loss along the move
     * @param high the larger one
     */
    public TiedSubgradients {
      entries = List.copyOf(entries);
    }

    @Override
    public String title() {
      return "subgradients at tied kinks add up wrong";
    }

    @Override
    public String describe() {
      String[] v = Numbers.distinct(analytic, low);
      String rate =
          Numbers.value(low).equals(Numbers.value(high))
              ? Numbers.value(low)
              : "between %s and %s".formatted(Numbers.value(low), Numbers.value(high));
      return ("moving the %d tied entries %s together changes the loss at %s per unit step, but"
              + " their analytic values add up to %s: a tie's gradient was given to every tied"
              + " entry instead of one")
          .formatted(entries.size(), listed(entries), rate, v[0]);
    }
  }

  /**
   * A second backward at the same point gave different gradients, typically because the backward
   * adds into gradient arrays it never clears.
   *
   * @param parameter the parameter's name
   * @param entry the first gradient entry that differed
   * @param first its value after the first backward
   * @param second its value after the second backward
   */
  record AccumulatingBackward(String parameter, String entry, double first, double second)
      implements ContractViolation {
    @Override
    public String title() {
      return "backward accumulates into the gradient of '%s'".formatted(parameter);
    }

    @Override
    public String describe() {
      return secondBackward(
          entry, first, second, "; a backward must overwrite its gradients, not add to stale ones");
    }
  }

  /**
   * A second backward at the same point gave a different gradient that is not an accumulation (not
   * the first plus the stale first): the backward depends on call order or hidden state (a cached
   * first {@code dy}, a counter), or is nondeterministic.
   *
   * @param parameter the parameter's name
   * @param entry the first gradient entry that differed
   * @param first its value after the first backward
   * @param second its value after the second backward
   * @since 0.1
   */
  record UnrepeatableBackward(String parameter, String entry, double first, double second)
      implements ContractViolation {
    @Override
    public String title() {
      return "backward is not repeatable for '%s'".formatted(parameter);
    }

    @Override
    public String describe() {
      return secondBackward(
          entry,
          first,
          second,
          ", which is not an accumulation (that would give twice the first on every entry):"
              + " the backward depends on call order or hidden state, or is nondeterministic");
    }
  }

  /**
   * The forward returned an output of another type or shape than on its first call, even once: a
   * layer's output must keep its type and shape (its backward receives an upstream gradient of the
   * first call's).
   *
   * @param first the first call's type and shape, such as {@code double[] of shape [2]}
   * @param later the later call's, such as {@code float[] of shape [2]}
   * @param where where the later call happened, such as {@code with x[1] perturbed by +1.5e-05}
   * @since 0.1
   */
  record ChangedOutput(String first, String later, String where) implements ContractViolation {
    @Override
    public String title() {
      return "forward changes its output's type or shape";
    }

    @Override
    public String describe() {
      return "the forward returned %s %s, after %s at the declared point: a forward must return the same type and shape on every call"
          .formatted(later, where, first);
    }
  }

  /**
   * The loss, an output or a gradient entry was NaN or infinite.
   *
   * @param quantity what was not finite, such as {@code loss}, {@code output[2][1]} or {@code
   *     gradient W[0][3]}
   * @param value the value
   * @param where the parameters at the time, such as {@code at the declared point} or {@code with
   *     W[1][0] perturbed by +6.1e-06}
   */
  record NonFiniteValue(String quantity, double value, String where) implements ContractViolation {
    @Override
    public String title() {
      return "non-finite %s".formatted(quantity);
    }

    @Override
    public String describe() {
      return "%s is %s %s".formatted(quantity, value, where);
    }
  }

  /**
   * A parameter did not hold its original bits after the check restored it, which happens only with
   * a custom {@link Storage} whose {@code set} does not store what {@code get} returns.
   *
   * @param parameter the parameter's name
   * @param entry the first entry that differs
   * @param before the original value
   * @param after the value after restoring
   */
  record ParameterNotRestored(String parameter, String entry, double before, double after)
      implements ContractViolation {
    @Override
    public String title() {
      return "parameter '%s' not restored".formatted(parameter);
    }

    @Override
    public String describe() {
      return ("%s was %s before the check and %s after restoring it; its storage does not keep the"
              + " values it is given")
          .formatted(entry, Numbers.value(before), Numbers.value(after));
    }
  }

  /**
   * The Jacobian-vector product and the vector-Jacobian product disagree as adjoints: with the
   * upstream gradient {@code u} of the vector-Jacobian check, {@code <J·e_j, u>} from the forward
   * mode differs from the backward's {@code (Jᵀu)_j}. Both are the user's code; at least one is
   * wrong.
   *
   * @param parameter the parameter's name
   * @param entry the parameter entry {@code j}
   * @param backward the backward's value {@code (Jᵀu)_j}
   * @param tangent the forward mode's {@code <J·e_j, u>}
   * @since 0.1
   */
  record AdjointMismatch(String parameter, String entry, double backward, double tangent)
      implements ContractViolation {
    @Override
    public String title() {
      return "Jacobian-vector and vector-Jacobian products are not adjoint";
    }

    @Override
    public String describe() {
      String[] values = Numbers.distinct(backward, tangent);
      return ("for the upstream gradient dy of the vector-Jacobian check, the backward gives %s"
              + " for %s but the Jacobian-vector product gives <J·e, dy> = %s along it: the two"
              + " must be adjoint, <J·u, v> = <u, Jᵀ·v>. Each agreed with the differences to their"
              + " resolution, so one of them is wrong by less than the differences resolve")
          .formatted(values[0], entry, values[1]);
    }
  }

  /**
   * The user's derivative code is not linear in its input, as a backward ({@code dy -> Jᵀ·dy}) or a
   * Jacobian- or Hessian-vector product must be. Found from a few extra calls at the declared
   * point: with inputs {@code u}, {@code v}, {@code 0}, {@code -u} and {@code u + v}.
   *
   * @param code the user's method, such as {@code backward}
   * @param input its input, such as {@code dy}
   * @param failure how it is not linear
   * @param entry the first output entry that shows it
   * @param expected what linearity predicts there (NaN for a cached input)
   * @param actual what the code returned
   * @since 0.1
   */
  record NotLinear(
      String code, String input, Failure failure, String entry, double expected, double actual)
      implements ContractViolation {

    /** How a map fails to be linear. */
    public enum Failure {
      /**
       * Every input gives the same output: the input is ignored, or the first one is kept and
       * reused.
       */
      INPUT_IGNORED,
      /** A zero input gives a non-zero output: a term that does not depend on the input. */
      CONSTANT_ADDED,
      /** A negated input gives the same output: the sign is dropped, as {@code |dy|} does. */
      SIGN_IGNORED,
      /** A negated input does not give the negated output, in no simpler way. */
      NOT_HOMOGENEOUS,
      /** The output of a sum is not the sum of the outputs. */
      NOT_ADDITIVE
    }

    @Override
    public String title() {
      return "%s is not linear in %s".formatted(code, input);
    }

    @Override
    public String describe() {
      String got = Numbers.value(actual);
      return switch (failure) {
        case INPUT_IGNORED ->
            ("%s gives the same output for every %s: %s is %s for a second, different %s and"
                    + " for %s = 0 too; it ignores the %s it is given, or keeps the first one")
                .formatted(code, input, entry, got, input, input, input);
        case CONSTANT_ADDED ->
            ("%s = 0 gives %s = %s, not 0: a term that does not depend on %s is added")
                .formatted(input, entry, got, input);
        case SIGN_IGNORED ->
            ("-%s gives the same %s as %s (%s): the sign of %s is dropped, as |%s| would")
                .formatted(input, entry, input, got, input, input);
        case NOT_HOMOGENEOUS ->
            "-%s gives %s = %s, not %s: not linear in %s"
                .formatted(input, entry, got, Numbers.value(expected), input);
        case NOT_ADDITIVE ->
            ("the sum of two %s gives %s = %s, not the sum %s of their outputs: not linear in %s")
                .formatted(input, entry, got, Numbers.value(expected), input);
      };
    }
  }

  /**
   * The user's Hessian is not symmetric: {@code H[i][j]} and {@code H[j][i]} differ by more than
   * their rounding. The entries' own verdicts say which of the two the numeric Hessian supports.
   *
   * @param entry the entry above the diagonal, such as {@code ∂²loss/∂x[0]∂x[2]}
   * @param mirror its mirror below the diagonal
   * @param value the user's value of {@code entry}
   * @param mirrorValue the user's value of {@code mirror}
   * @since 0.1
   */
  record AsymmetricHessian(String entry, String mirror, double value, double mirrorValue)
      implements ContractViolation {
    @Override
    public String title() {
      return "asymmetric Hessian";
    }

    @Override
    public String describe() {
      String[] values = Numbers.distinct(value, mirrorValue);
      return ("%s = %s but %s = %s: a Hessian of a twice-differentiable loss is symmetric (fill one"
              + " triangle and mirror it, or look for a transposed index in one of the two)")
          .formatted(entry, values[0], mirror, values[1]);
    }
  }

  /**
   * Two ways the user's code computes one value disagree at the declared point: the value part of a
   * {@code DerivativeStructure} and the plain {@code value(double)}, which the derivative code must
   * match.
   *
   * @param first how the first value was computed, such as {@code value(DerivativeStructure)}
   * @param second how the second was, such as {@code value(double)}
   * @param where where, such as {@code at x = 1.5}
   * @param firstValue the first value
   * @param secondValue the second value
   * @since 0.1
   */
  record InconsistentValue(
      String first, String second, String where, double firstValue, double secondValue)
      implements ContractViolation {
    @Override
    public String title() {
      return "%s disagrees with %s".formatted(first, second);
    }

    @Override
    public String describe() {
      String[] values = Numbers.distinct(firstValue, secondValue);
      return ("%s gives %s but %s gives %s %s: the derivative comes from the first, the checked"
              + " function is the second, so one of the two is wrong")
          .formatted(first, values[0], second, values[1], where);
    }
  }
}
