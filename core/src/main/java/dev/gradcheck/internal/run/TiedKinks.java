package dev.gradcheck.internal.run;

import dev.gradcheck.ContractViolation;
import dev.gradcheck.EntryResult;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Precision;
import dev.gradcheck.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A joint check of the entries judged to sit at kinks. Each may hold a valid subgradient on its own
 * while together they do not: a max-pool backward that gives a tie's upstream gradient to every
 * tied maximum passes entry by entry, since each tied entry's share lies between its one-sided
 * derivatives. Moving all such entries at once, each by a small step that depends only on its value
 * (so tied entries stay tied), the loss changes at one-sided rates that the sum of their analytic
 * values must lie between; a double-counted tie adds up to twice the rate.
 */
final class TiedKinks {

  private static final double SAFETY = 4;

  /**
   * The relative agreement asked of the two one-sided rates of a tie's move, and of the analytic
   * sum with them: a double-counted tie is off by 100% or more.
   */
  private static final double AGREEMENT = 1e-2;

  private TiedKinks() {}

  static Optional<ContractViolation> check(
      Objective objective,
      Perturbation perturbation,
      List<ParameterResult> results,
      double f0,
      double sigma,
      Precision precision,
      Neighbourhood neighbourhood) {
    List<Kink> kinks = new ArrayList<>();
    for (int p = 0; p < results.size(); p++) {
      for (EntryResult e : results.get(p).entries()) {
        if (e.verdict() == Verdict.KINK || (e.verdict() == Verdict.INCONCLUSIVE && e.atKink())) {
          double x = perturbation.declared(p, e.index());
          Declared parameter = perturbation.parameter(p);
          double h = parameter.step(x, parameter.values().precision(), 2) / 16;
          kinks.add(new Kink(p, e.index(), e.label(), x, h, e.analytic()));
        }
      }
    }
    for (List<Kink> tie : ties(kinks)) {
      Optional<ContractViolation> wrong =
          checkTie(objective, perturbation, tie, f0, sigma, precision, neighbourhood);
      if (wrong.isPresent()) {
        return wrong;
      }
    }
    return Optional.empty();
  }

  /** An entry at a kink: where it is, the step it moves by, and its analytic value. */
  private record Kink(
      int parameter, int index, String label, double value, double step, double analytic) {}

  /**
   * Entries whose values coincide within the finest step, in groups of two or more: only entries of
   * equal value can be tied maxima. Separate kinks of other entries (two ReLU pre-activations at
   * +1e-9 and -1e-9 are two kinks, not a tie) are left to their own verdicts.
   */
  private static List<List<Kink>> ties(List<Kink> kinks) {
    List<Kink> sorted = new ArrayList<>(kinks);
    sorted.sort(java.util.Comparator.comparingDouble(Kink::value));
    List<List<Kink>> groups = new ArrayList<>();
    List<Kink> group = new ArrayList<>();
    for (Kink k : sorted) {
      if (!group.isEmpty()) {
        Kink last = group.get(group.size() - 1);
        if (k.value() - last.value() > Math.min(k.step(), last.step())) {
          if (group.size() > 1) {
            groups.add(group);
          }
          group = new ArrayList<>();
        }
      }
      group.add(k);
    }
    if (group.size() > 1) {
      groups.add(group);
    }
    return groups;
  }

  /**
   * Moves a group of tied entries together. Moving tied maxima together is smooth (the tie is not
   * broken), so the loss changes at one rate both ways, which the sum of the analytic values must
   * match. When the two ways differ, the move crosses a kink of its own (the entries are kinks of
   * something else than one tie, such as ReLUs at zero): no joint verdict.
   */
  private static Optional<ContractViolation> checkTie(
      Objective objective,
      Perturbation perturbation,
      List<Kink> tie,
      double f0,
      double sigma,
      Precision precision,
      Neighbourhood neighbourhood) {
    double scale = 0;
    double analyticRate = 0;
    for (Kink k : tie) {
      scale = Math.max(scale, k.step());
      analyticRate += k.analytic() * k.step();
    }
    double up = move(objective, perturbation, tie, 1) - f0;
    double down = f0 - move(objective, perturbation, tie, -1);
    if (!Double.isFinite(up) || !Double.isFinite(down)) {
      return Optional.empty();
    }
    // Both rates are differences of two values, each with its own rounding.
    double noise = 2 * Rounding.of(sigma, precision.epsilon(), Math.abs(f0));
    double size = Math.max(Math.max(Math.abs(up), Math.abs(down)), Math.abs(analyticRate));
    // A floor at the scale of the entries' own derivatives along the move, not of the rounding.
    double slack = SAFETY * noise + AGREEMENT * size;
    if (Math.abs(up - down) > slack) {
      return Optional.empty();
    }
    double low = Math.min(up, down);
    double high = Math.max(up, down);
    if (analyticRate >= low - slack && analyticRate <= high + slack) {
      return Optional.empty();
    }
    // Ties may reach beyond the entries found at kinks, and a valid subgradient is the gradient
    // of a region next to the point: sample the rate of the same move at nearby points, the
    // first two with first-wins and last-wins tie-breaks, before calling the sum wrong.
    for (int i = 0; i < Neighbourhood.SAMPLES; i++) {
      double rate = nearby(objective, perturbation, tie, neighbourhood, i);
      if (!Double.isNaN(rate)) {
        low = Math.min(low, rate);
        high = Math.max(high, rate);
      }
    }
    if (analyticRate >= low - slack && analyticRate <= high + slack) {
      return Optional.empty();
    }
    // Per unit of the move's largest step: tied entries share one value, so one step, and these
    // are the sum of their analytic values and the loss's derivative along the move.
    return Optional.of(
        new ContractViolation.TiedSubgradients(
            tie.stream().map(Kink::label).toList(),
            analyticRate / scale,
            low / scale,
            high / scale));
  }

  private static double nearby(
      Objective objective,
      Perturbation perturbation,
      List<Kink> kinks,
      Neighbourhood neighbourhood,
      int sample) {
    try {
      objective.at(() -> "while sampling the entries at kinks together near the point");
      if (sample < 2) {
        neighbourhood.ordered(sample == 0);
      } else {
        neighbourhood.jitter();
      }
      double base = objective.evaluate();
      for (Kink k : kinks) {
        perturbation.shift(k.parameter(), k.index(), k.step());
      }
      double rate = objective.evaluate() - base;
      return Double.isFinite(rate) ? rate : Double.NaN;
    } finally {
      neighbourhood.restore();
      objective.atDeclaredPoint();
    }
  }

  private static double move(
      Objective objective, Perturbation perturbation, List<Kink> kinks, int sign) {
    try {
      objective.at(() -> "while moving the entries at kinks together");
      for (Kink k : kinks) {
        perturbation.move(k.parameter(), k.index(), k.value() + sign * k.step());
      }
      return objective.evaluate();
    } finally {
      for (Kink k : kinks) {
        perturbation.restore(k.parameter(), k.index());
      }
      objective.atDeclaredPoint();
    }
  }
}
