package dev.gradcheck.internal.run;

import dev.gradcheck.ContractViolation;
import dev.gradcheck.EntryResult;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Precision;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.numeric.StepSize;
import dev.gradcheck.internal.storage.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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
  private static final int NEARBY_SAMPLES = 16;

  private TiedKinks() {}

  static Optional<ContractViolation> check(
      Objective objective,
      List<Declared> parameters,
      List<Snapshot> snapshots,
      List<ParameterResult> results,
      double f0,
      double sigma,
      Precision precision,
      Neighbourhood neighbourhood) {
    List<int[]> kinks = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    double analyticRate = 0;
    double[][] step = new double[parameters.size()][];
    for (int p = 0; p < results.size(); p++) {
      step[p] = new double[parameters.get(p).values().size()];
      for (EntryResult e : results.get(p).entries()) {
        if (e.verdict() == Verdict.KINK || (e.verdict() == Verdict.INCONCLUSIVE && e.atKink())) {
          double x = snapshots.get(p).value(e.index());
          double h = StepSize.central(x, parameters.get(p).values().precision()) / 16;
          step[p][e.index()] = h;
          kinks.add(new int[] {p, e.index()});
          labels.add(e.label());
          analyticRate += e.analytic() * h;
        }
      }
    }
    if (kinks.size() < 2) {
      return Optional.empty();
    }
    double up = move(objective, parameters, snapshots, kinks, step, 1) - f0;
    double down = f0 - move(objective, parameters, snapshots, kinks, step, -1);
    if (!Double.isFinite(up) || !Double.isFinite(down)) {
      return Optional.empty();
    }
    double low = Math.min(up, down);
    double high = Math.max(up, down);
    double noise = 6 * Math.max(sigma, 0.5 * precision.epsilon() * Math.abs(f0));
    double slack =
        SAFETY * noise + Math.sqrt(precision.epsilon()) * Math.max(Math.abs(analyticRate), high);
    if (analyticRate >= low - slack && analyticRate <= high + slack) {
      return Optional.empty();
    }
    // Ties may reach beyond the entries found at kinks, and a valid subgradient is the gradient
    // of a region next to the point: sample the rate of the same move at nearby points, the
    // first two with first-wins and last-wins tie-breaks, before calling the sum wrong.
    for (int i = 0; i < NEARBY_SAMPLES; i++) {
      double rate = nearby(objective, parameters, snapshots, kinks, step, neighbourhood, i);
      if (!Double.isNaN(rate)) {
        low = Math.min(low, rate);
        high = Math.max(high, rate);
      }
    }
    if (analyticRate >= low - slack && analyticRate <= high + slack) {
      return Optional.empty();
    }
    String entries =
        labels.size() <= 4
            ? String.join(", ", labels)
            : labels.stream().limit(4).collect(Collectors.joining(", "))
                + ", … ("
                + labels.size()
                + " entries)";
    return Optional.of(new ContractViolation.TiedSubgradients(entries, analyticRate, low, high));
  }

  private static double nearby(
      Objective objective,
      List<Declared> parameters,
      List<Snapshot> snapshots,
      List<int[]> kinks,
      double[][] step,
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
      for (int[] k : kinks) {
        var values = parameters.get(k[0]).values();
        values.set(k[1], values.get(k[1]) + step[k[0]][k[1]]);
      }
      double rate = objective.evaluate() - base;
      return Double.isFinite(rate) ? rate : Double.NaN;
    } finally {
      neighbourhood.restore();
      objective.atDeclaredPoint();
    }
  }

  private static double move(
      Objective objective,
      List<Declared> parameters,
      List<Snapshot> snapshots,
      List<int[]> kinks,
      double[][] step,
      int sign) {
    try {
      objective.at(() -> "while moving the entries at kinks together");
      for (int[] k : kinks) {
        double x = snapshots.get(k[0]).value(k[1]);
        parameters.get(k[0]).values().set(k[1], x + sign * step[k[0]][k[1]]);
      }
      return objective.evaluate();
    } finally {
      for (int[] k : kinks) {
        snapshots.get(k[0]).restore(k[1]);
      }
      objective.atDeclaredPoint();
    }
  }
}
