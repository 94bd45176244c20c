package dev.gradcheck.internal.run;

import dev.gradcheck.ContractViolation;
import dev.gradcheck.EntryResult;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Precision;
import dev.gradcheck.internal.result.DefaultEntryResult;
import dev.gradcheck.internal.result.DefaultParameterResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Judges every entry of one parameter's block of a Jacobian. Column {@code j} (the derivatives of
 * every output entry along parameter entry {@code j}) comes from one {@link EntryLine}: the steps
 * that judge one entry give the central differences of all output entries at once, so a smooth
 * Jacobian costs the evaluations of one gradient. Each entry is read from its own output entry's
 * differences, with that entry's own noise and error estimate, and judged against its row's scale:
 * a tiny entry next to large ones in another row (a badly scaled least-squares problem) is held to
 * its own row's rounding, not to the largest row's.
 */
final class JacobianBlock {

  private JacobianBlock() {}

  /**
   * @param block the user's entries, output entry {@code i} and parameter entry {@code j} at {@code
   *     i·n + j}
   * @param f0 the output entries at the declared point
   * @param rowScale the largest magnitude of each row of the whole Jacobian
   */
  static ParameterResult judge(
      Objective objective,
      Perturbation perturbation,
      int p,
      double[] block,
      double[] f0,
      NoiseLevel noise,
      double[] rowScale,
      Precision compute,
      double coarseAbove,
      Settings settings,
      Neighbourhood neighbourhood,
      List<ContractViolation> violations) {
    Declared parameter = perturbation.parameter(p);
    int n = parameter.values().size();
    int m = objective.judgedOutputs(f0.length);
    Precision derivative = compute.coarser(objective.derivativePrecision(parameter));
    EntryJudge[] rows = new EntryJudge[m];
    for (int i = 0; i < m; i++) {
      rows[i] =
          new EntryJudge(
              new Tolerance(settings, derivative, rowScale[i], objective.secondDifferences()),
              rowScale[i],
              noise.erratic(i),
              neighbourhood,
              coarseAbove);
    }
    EntryResult[] judged = new EntryResult[m * n];
    for (int j = 0; j < n; j++) {
      if (objective.evaluations() >= settings.maxEvaluations()) {
        break;
      }
      EntryLine line = new EntryLine(objective, perturbation, p, j, compute, true);
      for (int i = 0; i < m; i++) {
        String label = objective.derivativeLabel(parameter, i * n + j);
        EntryProbe probe =
            new EntryProbe(line, objective, i, label, f0[i], noise.sigma(i), compute)
                .withCompanion(objective.companion(i));
        judged[i * n + j] =
            judge(rows[i], parameter, j, i, label, probe, block[i * n + j], violations);
      }
    }
    List<EntryResult> entries = new ArrayList<>(Arrays.asList(judged));
    entries.removeIf(java.util.Objects::isNull);
    return new DefaultParameterResult(
        parameter.name(),
        parameter.values().kind(),
        parameter.values().shape(),
        entries,
        0,
        0,
        coarseAbove,
        m);
  }

  private static EntryResult judge(
      EntryJudge judge,
      Declared parameter,
      int j,
      int i,
      String label,
      EntryProbe probe,
      double analytic,
      List<ContractViolation> violations) {
    try {
      return judge.judge(parameter, j, probe, analytic);
    } catch (Unresolvable e) {
      Optional<ContractViolation> violation = e.violation();
      violation
          .filter(
              v ->
                  violations.stream().noneMatch(ContractViolation.NonFiniteValue.class::isInstance))
          .ifPresent(violations::add);
      return DefaultEntryResult.unresolvable(
              parameter.name(), j, label, analytic, probe.x(), e.getMessage())
          .ofOutput(i);
    }
  }
}
