package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.CheckResult;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.Diagnosis;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.report.Numbers;
import dev.gradcheck.internal.result.DefaultDiagnosis;
import dev.gradcheck.internal.storage.MultiIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Matches a failed check against known bug shapes and explains it: broken contracts first, then for
 * every failing parameter the simplest shape that explains all its entries — a constant factor
 * (sign, scale), a transpose, a shift, zeros — then shapes that explain its failing entries — one
 * slice, a flipped or zeroed subset — and only then "partly wrong" or "unexplained". A parameter
 * without a failing entry is never diagnosed.
 */
public final class Diagnoser {

  private static final int LISTED = 4;

  /**
   * How close a fitted factor must come to a simple ratio to be tried as one; the ratio must then
   * hold within every entry's own tolerance, which in float is far looser than in double.
   */
  private static final double LOOSE_RATIO = 1e-3;

  /** Entries judged alone that a directional search needs before claiming a whole pattern. */
  private static final int WHOLE_EVIDENCE = 16;

  /** A slice is called wrong only when at least this fraction of its entries fail. */
  private static final double SLICE_MAJORITY = 0.5;

  /** A fitted factor this close to 1 is rounding, not a scale. */
  private static final double NOT_ONE = 1e-3;

  private Diagnoser() {}

  /** Returns the diagnoses of a result, most confident first; empty when it passed. */
  public static List<Diagnosis> diagnose(CheckResult result) {
    List<Diagnosis> diagnoses = new ArrayList<>();
    for (ContractViolation v : result.violations()) {
      fromViolation(v).ifPresent(diagnoses::add);
    }
    for (ParameterResult p : result.parameters()) {
      if (p.count(Verdict.FAIL) > 0) {
        diagnoses.add(diagnose(p, result.upstream().orElse(null)));
      }
    }
    diagnoses.sort(Comparator.comparingDouble(Diagnosis::confidence).reversed());
    return diagnoses;
  }

  private static Optional<Diagnosis> fromViolation(ContractViolation violation) {
    if (violation instanceof ContractViolation.AccumulatingBackward a) {
      double ratio = a.first() != 0 ? a.second() / a.first() : Double.NaN;
      return Optional.of(
          new DefaultDiagnosis(
              a.parameter(),
              new BugShape.Accumulating(ratio),
              0.95,
              "accumulating backward — a second backward at the same point "
                  + (Double.isNaN(ratio) ? "changed" : "gave " + Numbers.value(ratio) + "×")
                  + " the gradient of '"
                  + a.parameter()
                  + "': the backward adds into gradient arrays it never clears"));
    }
    if (violation instanceof ContractViolation.NondeterministicForward n) {
      return Optional.of(
          new DefaultDiagnosis(
              "",
              new BugShape.Nondeterministic(),
              0.95,
              "nondeterministic forward — the same parameters gave two different values of "
                  + n.quantity()
                  + ": unseeded randomness (dropout, sampling) or state kept between calls"));
    }
    if (violation instanceof ContractViolation.TiedSubgradients t) {
      return Optional.of(
          new DefaultDiagnosis(
              "",
              new BugShape.KinkOutside(t.entries().size()),
              0.9,
              ("gradient given to every tied maximum — the loss changes at about %s per unit"
                      + " step when the %d tied entries move together, but their analytic values"
                      + " add up to %s: route a tie's gradient to one of its maxima")
                  .formatted(
                      Numbers.value(t.high()), t.entries().size(), Numbers.value(t.analytic()))));
    }
    if (violation instanceof ContractViolation.MutatedParameter m) {
      return Optional.of(
          new DefaultDiagnosis(
              m.parameter(),
              new BugShape.MutatedInput(m.during()),
              0.95,
              m.during()
                  + " mutates its input — it wrote "
                  + m.entry()
                  + " (an in-place update of a declared parameter)"));
    }
    return Optional.empty();
  }

  /** Explains one parameter that has failing entries. */
  static Diagnosis diagnose(ParameterResult parameter, double[] upstream) {
    Fit fit = new Fit(parameter);
    List<Integer> failing = fit.failing();
    String name = "'" + parameter.name() + "'";
    int known = fit.knownCount();

    long kinks =
        parameter.entries().stream().filter(e -> e.verdict() == Verdict.FAIL && e.atKink()).count();
    if (kinks == failing.size()) {
      return new DefaultDiagnosis(
          parameter.name(),
          new BugShape.KinkOutside((int) kinks),
          0.8,
          "subgradient outside the kink — at "
              + labels(parameter, failing)
              + " the function has a kink and the analytic value lies outside its one-sided"
              + " derivatives: not a valid subgradient");
    }

    // A shape "on every entry" needs every entry, or, in a directional search, a good number
    // judged alone: a handful of entries do not show a whole-parameter pattern.
    boolean enough = parameter.checked() == parameter.size() || known >= WHOLE_EVIDENCE;
    Optional<Diagnosis> whole =
        enough
            ? wholeParameter(parameter, fit, name, known, failing.size(), upstream)
            : Optional.empty();
    if (whole.isPresent()) {
      return whole.get();
    }
    Optional<Diagnosis> slice = oneSlice(parameter, fit, name, failing);
    if (slice.isPresent()) {
      return slice.get();
    }
    if (fit.holds(failing::contains, i -> 0.0, 1)) {
      return new DefaultDiagnosis(
          parameter.name(),
          new BugShape.MissingGradient(failing.size(), known),
          0.7,
          "missing gradient — analytic is zero where numeric is not, on "
              + failing.size()
              + " of "
              + known
              + entriesOf(parameter)
              + name
              + ": "
              + labels(parameter, failing));
    }
    if (fit.holds(failing::contains, i -> -fit.numeric[i], 1)) {
      return new DefaultDiagnosis(
          parameter.name(),
          new BugShape.SignFlip(failing.size(), known),
          0.7,
          "sign error — analytic = -numeric on "
              + failing.size()
              + " of "
              + known
              + entriesOf(parameter)
              + name
              + ": "
              + labels(parameter, failing));
    }
    if (failing.size() * 2 <= known) {
      String pattern = labels(parameter, failing);
      double c = fit.scale(failing::contains);
      OptionalDouble factor = OptionalDouble.empty();
      if (Double.isFinite(c) && fit.holds(failing::contains, i -> c * fit.numeric[i], 1)) {
        factor = OptionalDouble.of(c);
        pattern += ": analytic = " + factorText(c) + " × numeric there";
      }
      return new DefaultDiagnosis(
          parameter.name(),
          new BugShape.Partial(failing.size(), known, labelList(parameter, failing), factor),
          0.4,
          "partly wrong — "
              + failing.size()
              + " of "
              + known
              + entriesOf(parameter)
              + name
              + " disagree ("
              + pattern
              + "), the rest is right");
    }
    return new DefaultDiagnosis(
        parameter.name(),
        new BugShape.Unexplained(),
        0.0,
        "no known bug shape fits — "
            + failing.size()
            + " of "
            + known
            + entriesOf(parameter)
            + name
            + " disagree, without a common sign, scale, transpose, shift, zeros or slice");
  }

  /** Shapes that must hold on every known entry of the parameter. */
  private static Optional<Diagnosis> wholeParameter(
      ParameterResult parameter, Fit fit, String name, int known, int failing, double[] upstream) {
    String p = parameter.name();
    if (fit.disconnected()) {
      return Optional.of(
          new DefaultDiagnosis(
              p,
              new BugShape.Disconnected(),
              0.9,
              ("the function does not depend on %s — no step of any entry changed it, yet the"
                      + " analytic gradient is not zero: does the forward read a copy of %s (or"
                      + " another array) instead of the declared one?")
                  .formatted(name, name)));
    }
    if (fit.holds(i -> true, i -> 0.0, 1)) {
      return Optional.of(
          new DefaultDiagnosis(
              p,
              new BugShape.MissingGradient(failing, known),
              0.95,
              ("missing gradient — analytic is zero on every entry of %s while numeric is not: the"
                      + " gradient never reaches %s, or the backward assigns a new object to the"
                      + " gradient (dw = ...) instead of writing into the declared storage")
                  .formatted(name, name)));
    }
    double fitted = fit.scale(i -> true);
    Optional<BugShape.Ratio> ratio =
        SimpleRatio.near(fitted, LOOSE_RATIO)
            .filter(r -> fit.holds(i -> true, i -> r.value() * fit.numeric[i], 1));
    double c = ratio.map(BugShape.Ratio::value).orElse(fitted);
    // Any ratio fits one number: a scale needs two informative entries, and a factor within
    // rounding of 1 is no scale.
    if (Double.isFinite(c)
        && Math.abs(c - 1) > NOT_ONE
        && fit.informative() >= 2
        && fit.holds(i -> true, i -> c * fit.numeric[i], 1)) {
      if (c == -1) {
        return Optional.of(
            new DefaultDiagnosis(
                p,
                new BugShape.SignFlip(known, known),
                0.95,
                "sign error — analytic = -1.00 × numeric on " + every(parameter, known) + name));
      }
      return Optional.of(
          new DefaultDiagnosis(
              p,
              new BugShape.Scaled(c, ratio),
              ratio.isPresent() ? 0.9 : 0.75,
              "wrong scale — analytic = "
                  + ratio.map(BugShape.Ratio::toString).orElse(factorText(c))
                  + " × numeric on "
                  + every(parameter, known)
                  + name
                  + scaleHint(ratio)));
    }
    int[] shape = fit.shape;
    if (shape.length == 2 && fit.holds(i -> true, i -> transposed(fit, i), 2)) {
      return Optional.of(
          new DefaultDiagnosis(
              p,
              new BugShape.Transposed(),
              0.9,
              "transposed gradient — analytic "
                  + name
                  + " is the transpose of numeric"
                  + (shape[0] == shape[1]
                      ? ""
                      : " written into the same " + shape[0] + "×" + shape[1] + " storage")
                  + ": indices swapped, or xᵀ·dy and dyᵀ·x confused"));
    }
    for (int axis = shape.length - 1; axis >= 0; axis--) {
      for (int offset : new int[] {1, -1}) {
        int a = axis;
        int o = offset;
        if (shape[axis] >= 3
            && 2 * fit.failing().stream().filter(i -> fit.neighbour(i, a, o) >= 0).count()
                >= fit.failing().size()
            && fit.holds(
                i -> fit.neighbour(i, a, o) >= 0 && fit.known[fit.neighbour(i, a, o)],
                i -> fit.numeric[fit.neighbour(i, a, o)],
                2)) {
          return Optional.of(
              new DefaultDiagnosis(
                  p,
                  new BugShape.Shifted(axis, offset),
                  0.85,
                  "index shifted by "
                      + (offset > 0 ? "+1" : "-1")
                      + " — "
                      + (shape.length > 1 ? "along axis " + axis + " of " : "in ")
                      + name
                      + ", analytic[i] = numeric[i "
                      + (offset > 0 ? "+" : "-")
                      + " 1]: an off-by-one index in the backward"));
        }
      }
    }
    Optional<Diagnosis> term = proportionalTerm(p, fit, name, known);
    return term.isPresent() ? term : skipPath(p, fit, name, upstream);
  }

  /** {@code analytic = numeric ∓ dy} on every entry of a parameter shaped like the output. */
  private static Optional<Diagnosis> skipPath(String p, Fit fit, String name, double[] upstream) {
    if (upstream == null || upstream.length != fit.size) {
      return Optional.empty();
    }
    for (int sign : new int[] {-1, 1}) {
      if (fit.holds(i -> true, i -> fit.numeric[i] + sign * upstream[i], 2)) {
        return Optional.of(
            new DefaultDiagnosis(
                p,
                new BugShape.SkipPath(sign),
                0.85,
                sign < 0
                    ? "missing skip-connection gradient — analytic = numeric − dy on every entry of "
                        + name
                        + ": the identity path of a residual connection does not pass the upstream"
                        + " gradient on"
                    : "skip-connection gradient twice — analytic = numeric + dy on every entry of "
                        + name
                        + ": the upstream gradient is added once too often"));
      }
    }
    return Optional.empty();
  }

  /** {@code analytic - numeric = k × value} on every entry, with enough entries to tell. */
  private static Optional<Diagnosis> proportionalTerm(String p, Fit fit, String name, int known) {
    double vv = 0;
    double dv = 0;
    for (int i = 0; i < fit.size; i++) {
      if (fit.known[i] && Double.isFinite(fit.value[i])) {
        vv += fit.value[i] * fit.value[i];
        dv += (fit.analytic[i] - fit.numeric[i]) * fit.value[i];
      }
    }
    if (known < 2 || vv == 0) {
      return Optional.empty();
    }
    double k = dv / vv;
    if (k == 0
        || !fit.holds(
            i -> Double.isFinite(fit.value[i]), i -> fit.numeric[i] + k * fit.value[i], 2)) {
      return Optional.empty();
    }
    String sign = k < 0 ? " − " : " + ";
    String coefficient = Numbers.error(Math.abs(k));
    return Optional.of(
        new DefaultDiagnosis(
            p,
            new BugShape.ProportionalTerm(k),
            0.85,
            (k < 0 ? "missing term" : "extra term")
                + " — analytic = numeric"
                + sign
                + coefficient
                + " × "
                + name
                + " on every entry: "
                + (k < 0
                    ? "the gradient of an L2 penalty (weight decay λ = "
                        + Numbers.error(-k / 2)
                        + "?) is missing"
                    : "an L2 penalty's gradient (λ = "
                        + Numbers.error(k / 2)
                        + "?) is added that the loss does not have")));
  }

  /** " entries of ", or " entries checked alone of " when a directional search judged only some. */
  private static String entriesOf(ParameterResult parameter) {
    return parameter.checked() == parameter.size() ? " entries of " : " entries checked alone of ";
  }

  /** "every entry of ", or "all 32 entries checked alone of " in a directional search. */
  private static String every(ParameterResult parameter, int known) {
    return parameter.checked() == parameter.size()
        ? "every entry of "
        : "all " + known + " entries checked alone (of " + parameter.size() + ") of ";
  }

  private static double transposed(Fit fit, int flat) {
    int rows = fit.shape[0];
    int cols = fit.shape[1];
    // analytic, read as a cols x rows matrix in the same storage, is numeric transposed:
    // analytic[j * rows + i] = numeric[i][j]. For a square matrix this is analytic[j][i].
    int j = flat / rows;
    int i = flat % rows;
    return fit.numeric[i * cols + j];
  }

  private static String scaleHint(Optional<BugShape.Ratio> ratio) {
    if (ratio.isEmpty()) {
      return "";
    }
    BugShape.Ratio r = ratio.get();
    long p = r.numerator();
    long q = r.denominator();
    if ((p == 2 && q == 1) || (p == 1 && q == 2)) {
      return " (a factor 2: the derivative of x² without its 2, or a ½ in the loss forgotten)";
    }
    if (Math.abs(p) == 1 && q > 2) {
      return " (divided by " + q + ": a mean where a sum belongs — the batch size?)";
    }
    if (q == 1 && Math.abs(p) > 2) {
      return " (multiplied by " + Math.abs(p) + ": a sum where a mean belongs — the batch size?)";
    }
    return "";
  }

  /** A fitted factor, with the digits that tell it from 1 when it is close to 1. */
  private static String factorText(double c) {
    return SimpleRatio.of(c).map(BugShape.Ratio::toString).orElse(Numbers.distinct(c, 1.0)[0]);
  }

  /** Every failing entry lies in one slice along one axis, and the slice explains them. */
  private static Optional<Diagnosis> oneSlice(
      ParameterResult parameter, Fit fit, String name, List<Integer> failing) {
    int[] shape = fit.shape;
    if (shape.length < 2 || failing.size() < 2) {
      return Optional.empty();
    }
    for (int axis = 0; axis < shape.length; axis++) {
      int a = axis;
      int index = fit.coordinate(failing.get(0), axis);
      if (shape[axis] < 2 || !failing.stream().allMatch(i -> fit.coordinate(i, a) == index)) {
        continue;
      }
      int inSlice = 0;
      for (int i = 0; i < fit.size; i++) {
        if (fit.known[i] && fit.coordinate(i, a) == index) {
          inSlice++;
        }
      }
      if (failing.size() < SLICE_MAJORITY * inSlice) {
        continue; // a few entries of one slice: partly wrong, not the slice
      }
      BugShape.SliceWrong found = sliceContent(fit, failing, axis, index, shape);
      String how = describe(found);
      String slice = found.slice();
      boolean last = index == shape[axis] - 1;
      String which =
          shape.length == 2
              ? (last ? "the last " + slice + " (" + index + ")" : slice + " " + index)
                  + " of "
                  + name
              : found.pattern(parameter.name())
                  + (last ? " (the last along axis " + axis + ")" : "");
      return Optional.of(
          new DefaultDiagnosis(
              parameter.name(),
              found,
              0.8,
              "one "
                  + slice
                  + " wrong — "
                  + which
                  + " is "
                  + how
                  + othersRight(parameter)
                  + ": "
                  + (last || index == 0
                      ? "a loop bound one short, or a broadcast over the wrong axis"
                      : "a broadcast over the wrong axis, or a wrong index in one place")));
    }
    return Optional.empty();
  }

  private static BugShape.SliceWrong sliceContent(
      Fit fit, List<Integer> entries, int axis, int index, int[] shape) {
    BugShape.SliceWrong.Content content = BugShape.SliceWrong.Content.WRONG;
    double factor = Double.NaN;
    double c = fit.scale(entries::contains);
    if (fit.holds(entries::contains, i -> 0.0, 1)) {
      content = BugShape.SliceWrong.Content.ZERO;
    } else if (fit.holds(entries::contains, i -> -fit.numeric[i], 1)) {
      content = BugShape.SliceWrong.Content.SIGN_FLIPPED;
    } else if (Double.isFinite(c) && fit.holds(entries::contains, i -> c * fit.numeric[i], 1)) {
      content = BugShape.SliceWrong.Content.SCALED;
      factor = c;
    }
    return new BugShape.SliceWrong(axis, index, shape[axis], shape.length, content, factor);
  }

  private static String describe(BugShape.SliceWrong slice) {
    return switch (slice.content()) {
      case ZERO -> "all zero";
      case SIGN_FLIPPED -> "sign-flipped";
      case SCALED -> "scaled by " + factorText(slice.factor());
      case WRONG -> "wrong";
    };
  }

  /**
   * ", every other entry is right" only when every other entry was verified or covered by agreeing
   * directions; otherwise says how many were not.
   */
  private static String othersRight(ParameterResult parameter) {
    int unverified =
        parameter.unresolved()
            + parameter.unchecked()
            + parameter.count(Verdict.INCONCLUSIVE)
            + parameter.coarse();
    if (unverified == 0) {
      return parameter.coveredByDirections() > 0
          ? ", every other entry is right (checked alone or along agreeing directions)"
          : ", every other entry is right";
    }
    return ", every other entry verified is right (%d %s not verified)"
        .formatted(unverified, unverified == 1 ? "entry was" : "entries were");
  }

  private static List<String> labelList(ParameterResult parameter, List<Integer> entries) {
    return entries.stream()
        .map(i -> MultiIndex.format(parameter.name(), parameter.shape(), i))
        .toList();
  }

  private static String labels(ParameterResult parameter, List<Integer> entries) {
    String listed =
        entries.stream()
            .limit(LISTED)
            .map(i -> MultiIndex.format(parameter.name(), parameter.shape(), i))
            .collect(Collectors.joining(", "));
    return entries.size() > LISTED ? listed + ", … (" + entries.size() + " in all)" : listed;
  }
}
