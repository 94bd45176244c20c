package dev.gradcheck.internal.run;

import dev.gradcheck.EntryResult;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Precision;
import dev.gradcheck.StepCurve;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.result.WorstFirst;
import java.util.List;
import java.util.Optional;

/** The error-versus-step curve of a check's worst entry, for the report. */
final class WorstEntryTrace {

  private WorstEntryTrace() {}

  /**
   * Traces the step curve of the worst failing entry, or of the worst entry when asked to even on
   * success. A failure of the user's code while tracing only loses the curve.
   */
  static Optional<StepCurve> trace(
      Objective objective,
      List<Declared> parameters,
      Perturbation perturbation,
      List<ParameterResult> results,
      double f0,
      double[] baseline,
      List<NoiseLevel> noise,
      Settings settings) {
    EntryResult worst = null;
    int parameter = -1;
    for (int p = 0; p < results.size(); p++) {
      for (EntryResult e : results.get(p).worst(1)) {
        boolean eligible =
            e.verdict() == Verdict.FAIL
                || (settings.traceWorstEntry() && e.verdict() == Verdict.PASS);
        if (eligible && (worst == null || WorstFirst.ORDER.compare(e, worst) < 0)) {
          worst = e;
          parameter = p;
        }
      }
    }
    if (worst == null) {
      return Optional.empty();
    }
    Declared declared = parameters.get(parameter);
    Precision compute =
        WorkingPrecision.of(objective, parameters, parameter, noise.get(parameter), f0);
    EntryLine line =
        new EntryLine(
            objective, perturbation, parameter, worst.index(), compute, objective.perOutput());
    EntryProbe probe =
        worst.output().isPresent()
            ? new EntryProbe(
                line,
                objective,
                worst.output().getAsInt(),
                worst.label(),
                baseline[worst.output().getAsInt()],
                noise.get(parameter).sigma(worst.output().getAsInt()),
                compute)
            : EntryProbe.scalar(line, objective, f0, noise.get(parameter).sigma(), compute);
    int bits = declared.values().precision() == Precision.FLOAT ? 24 : 50;
    try {
      return Optional.of(StepTracer.trace(probe, worst, bits));
    } catch (GradientCheckException e) {
      return Optional.empty();
    } finally {
      perturbation.restore(parameter);
    }
  }
}
